// The steps after the answer (follow-up question, consent and contact, their thank-you): a part
// of the UI chunk of its own, fetched ahead with the UI (preload.ts) but not needed by the first
// frame of a prompt.

export { css, FollowUp, followUpView } from "./FollowUp";
export { followUpActions } from "./follow-up";
export { englishSteps as english } from "./i18n/en-steps";
