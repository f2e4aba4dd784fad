import type { UiStrings } from "../strings";

/** German built-in strings, loaded only for German copy. */
const strings: UiStrings = {
  label: "Feedback",
  close: "Schließen",
  submit: "Absenden",
  send: "Senden",
  skip: "Überspringen",
  thanks: "Vielen Dank für Ihr Feedback!",
  error: "Ihre Antwort konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.",
  low: { nps: "Unwahrscheinlich", csat: "Sehr unzufrieden", ces: "Stimme gar nicht zu" },
  high: { nps: "Sehr wahrscheinlich", csat: "Sehr zufrieden", ces: "Stimme voll zu" },
  csat: ["Sehr unzufrieden", "Unzufrieden", "Neutral", "Zufrieden", "Sehr zufrieden"],
};

export default strings;
