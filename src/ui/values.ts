/** The values a visitor can choose for each question type, from the wire format's scales. */
export { scoresOf as scaleValues } from "../wire/scale";
