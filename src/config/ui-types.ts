// Config of what the visitor sees: copy, look and placement (issue: the prompt UI).

/** Copy of a prompt. All of it is rendered as plain text, never as HTML. */
export interface CopyConfig {
  /**
   * The question.
   * @example "How likely are you to recommend Acme to a friend or colleague?"
   */
  question: string;
  /**
   * Label of the low end of the scale.
   * @default "Not likely" (nps), "Very unsatisfied" (csat), "Strongly disagree" (ces)
   */
  lowLabel?: string;
  /**
   * Label of the high end of the scale.
   * @default "Very likely" (nps), "Very satisfied" (csat), "Strongly agree" (ces)
   */
  highLabel?: string;
  /**
   * Optional open "why?" question asked after the score. Omit it to skip the follow-up.
   * @example "What is the main reason for your score?"
   */
  followUp?: string;
  /**
   * Thank-you message.
   * @default "Thank you for your feedback!"
   */
  thanks?: string;
  /**
   * Submit button text.
   * @default "Submit"
   */
  submit?: string;
}

/** Colours and shapes of the prompt. */
export interface ThemeConfig {
  /**
   * Accent colour (selected value, buttons).
   * @default "#3056d3"
   */
  accent?: string;
  /**
   * Corner of the page.
   * @default "bottom-right"
   */
  position?: "bottom-right" | "bottom-left" | "top-right" | "top-left";
}
