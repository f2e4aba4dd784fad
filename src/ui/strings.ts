import type { ContactConfig } from "../config/ui-types";
import type { SurveyType } from "../wire/event";

/** Kind of contact field. */
export type ContactField = NonNullable<ContactConfig["field"]>;

/** Built-in words of the question step and the plain thank-you. */
export interface QuestionStrings {
  /** Accessible name of the prompt as a whole. */
  label: string;
  close: string;
  submit: string;
  thanks: string;
  /** Shown when an answer could not be saved. */
  error: string;
  low: Record<SurveyType, string>;
  high: Record<SurveyType, string>;
  /** CSAT values 1 to 5 in words: the names of star and face values. */
  csat: string[];
}

/** Built-in words of the steps after the answer (their English is in the steps part). */
export interface StepStrings {
  send: string;
  skip: string;
  /** The consent checkbox after a low answer. */
  consent: string;
  /** Label of the contact field, per kind of field. */
  contact: Record<ContactField, string>;
  /** Inline message for a contact that is not valid, per kind of field. */
  invalid: Record<ContactField, string>;
  /** Thank-you when the visitor agreed to be contacted. */
  thanksContact: string;
}

/** Built-in words of the prompt, per language; survey copy overrides any of them. */
export type UiStrings = QuestionStrings & StepStrings;

/**
 * English words of the first frame, built in; the steps after the answer bring their own
 * (i18n/en-steps.ts) and the other languages load on demand.
 */
export const english: QuestionStrings = {
  label: "Feedback",
  close: "Close",
  submit: "Submit",
  thanks: "Thank you for your feedback!",
  error: "Your answer could not be saved. Please try again.",
  low: { nps: "Not likely", csat: "Very unsatisfied", ces: "Strongly disagree" },
  high: { nps: "Very likely", csat: "Very satisfied", ces: "Strongly agree" },
  csat: ["Very unsatisfied", "Unsatisfied", "Neutral", "Satisfied", "Very satisfied"],
};

type Loader = () => Promise<{ default: UiStrings }>;

// One small chunk per language, fetched only when a prompt shows in that language.
const LANGUAGES: Record<string, Loader> = {
  es: () => import("./i18n/es"),
  fr: () => import("./i18n/fr"),
  de: () => import("./i18n/de"),
  ar: () => import("./i18n/ar"),
  he: () => import("./i18n/he"),
  ja: () => import("./i18n/ja"),
};

/** The built-in words a prompt has in one language. */
export type Strings = QuestionStrings & Partial<StepStrings>;
const loaded: Record<string, Strings> = {};

/**
 * The built-in strings for a locale ("fr-CA" takes French); English when there are none, whose
 * words after the answer come with the steps part. Strings at hand (English, or a language loaded
 * before, usually ahead by preload.ts) come back as they are, not as a promise, so a prompt can
 * render in the trigger's own task.
 */
export function loadStrings(locale: string): Strings | Promise<Strings> {
  const language = locale.toLowerCase().split("-")[0] ?? "";
  const load = LANGUAGES[language];
  return load ? (loaded[language] ?? load().then((m) => (loaded[language] = m.default))) : english;
}
