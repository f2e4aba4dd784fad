import type { CopyConfig } from "../config/ui-types";

const RTL = /^(ar|he|iw|fa|ur|ps|yi|dv|ckb|sd|ug)(-|$)/i;

/** True for languages written right to left. */
export const isRtl = (locale: string): boolean => RTL.test(locale);

/** What `pickCopy` needs from the survey and the visitor. */
export interface CopySource {
  /** The visitor's languages, best first. */
  languages: string[];
  copy: CopyConfig;
  /** Language of `copy`, when the config names it. */
  copyLocale?: string | undefined;
  locales?: Record<string, Partial<CopyConfig>> | undefined;
}

const primary = (locale: string) => locale.toLowerCase().split("-")[0];

/**
 * The copy in the visitor's best language that the survey has: the first of the visitor's
 * languages with an exact match or one of the same primary language ("fr-CA" takes "fr",
 * "pt" takes "pt-BR").
 * Without any match, the survey's `copy`, in its own language or else the visitor's first.
 * Labels and thanks a language's entry leaves out come from its built-in strings.
 */
export function pickCopy(source: CopySource): { locale: string; copy: CopyConfig } {
  const { copy, copyLocale, locales = {} } = source;
  const keys = [...(copyLocale ? [copyLocale] : []), ...Object.keys(locales)];
  for (const wanted of source.languages.filter(Boolean)) {
    const key =
      keys.find((k) => k.toLowerCase() === wanted.toLowerCase()) ??
      keys.find((k) => primary(k) === primary(wanted));
    // Another language keeps only the question and follow-up of `copy`: labels and thanks
    // left out come from that language's built-in strings, not from the other language.
    const { question, followUp } = copy;
    const base = key === copyLocale ? copy : { question, ...(followUp ? { followUp } : {}) };
    if (key) return { locale: key, copy: { ...base, ...locales[key] } };
  }
  return { locale: copyLocale ?? source.languages.find(Boolean) ?? "en", copy };
}
