// The steps after the answer (follow-up question, consent and contact, their thank-you): a part
// of the UI chunk of its own, fetched ahead with the UI (preload.ts) but not needed by the first
// frame of a prompt. It brings Preact, which only these steps use: the card itself is plain DOM
// (question.ts).

export { css, followUpView, renderFollowUp } from "./FollowUp";
export { followUpActions } from "./follow-up";
export { englishSteps as english } from "./i18n/en-steps";
