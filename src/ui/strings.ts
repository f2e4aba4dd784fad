import type { SurveyType } from "../outbox/event";

/** Built-in words of the prompt, per language; config copy overrides the end labels and submit. */
export interface UiStrings {
  close: string;
  submit: string;
  send: string;
  skip: string;
  thanks: string;
  choose: string;
  low: Record<SurveyType, string>;
  high: Record<SurveyType, string>;
}

const en: UiStrings = {
  close: "Close",
  submit: "Submit",
  send: "Send",
  skip: "Skip",
  thanks: "Thank you for your feedback!",
  choose: "Choose a score first",
  low: { nps: "Not likely", csat: "Very unsatisfied", ces: "Strongly disagree" },
  high: { nps: "Very likely", csat: "Very satisfied", ces: "Strongly agree" },
};

const strings: Record<string, UiStrings> = { en };

/** The strings for a locale ("fr-CA" falls back to "fr", then to English). */
export function stringsFor(locale: string): UiStrings {
  const language = locale.toLowerCase().split("-")[0] ?? "en";
  return strings[locale.toLowerCase()] ?? strings[language] ?? en;
}
