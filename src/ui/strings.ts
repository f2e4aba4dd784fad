import type { ContactConfig } from "../config/ui-types";
import type { SurveyType } from "../wire/event";

/** Kind of contact field. */
export type ContactField = NonNullable<ContactConfig["field"]>;

/** Built-in words of the prompt, per language; survey copy overrides any of them. */
export interface UiStrings {
  /** Accessible name of the prompt as a whole. */
  label: string;
  close: string;
  submit: string;
  send: string;
  skip: string;
  thanks: string;
  /** Shown when an answer could not be saved. */
  error: string;
  /** The consent checkbox after a low answer. */
  consent: string;
  /** Label of the contact field, per kind of field. */
  contact: Record<ContactField, string>;
  /** Inline message for a contact that is not valid, per kind of field. */
  invalid: Record<ContactField, string>;
  /** Thank-you when the visitor agreed to be contacted. */
  thanksContact: string;
  low: Record<SurveyType, string>;
  high: Record<SurveyType, string>;
  /** CSAT values 1 to 5 in words: the names of star and face values. */
  csat: string[];
}

/** English, built in; the other languages load on demand. */
export const english: UiStrings = {
  label: "Feedback",
  close: "Close",
  submit: "Submit",
  send: "Send",
  skip: "Skip",
  thanks: "Thank you for your feedback!",
  error: "Your answer could not be saved. Please try again.",
  consent: "May we contact you about this?",
  contact: {
    email: "Your email (optional)",
    tel: "Your phone number (optional)",
    text: "How can we reach you? (optional)",
  },
  invalid: {
    email: "Please enter a valid email address, or leave it empty.",
    tel: "Please enter a valid phone number, or leave it empty.",
    text: "Please enter at most 254 characters without line breaks.",
  },
  thanksContact: "Thank you! Someone from our team will get back to you within a day.",
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

/** The built-in strings for a locale ("fr-CA" takes French); English when there are none. */
export async function loadStrings(locale: string): Promise<UiStrings> {
  const load = LANGUAGES[locale.toLowerCase().split("-")[0] ?? ""];
  return load ? (await load()).default : english;
}
