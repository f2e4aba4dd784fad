import type { CopyVariant } from "../config/experiment-types";
import type { SurveyConfig } from "../config/types";
import type { Identity } from "../engine/identity";
import { assignVariant } from "./assign";

/** How a prompt's events are labelled: the variant key, and why it was shown. */
export interface VariantLabel {
  variant: string;
  /** Forced for a preview (`show(id, { variant })`, `?touchpoint_variant=`); reports leave it out. */
  forced?: true;
  /** Outside the experiment's coverage: saw the first variant's copy, reported apart. */
  holdout?: true;
}

/** A survey with its variant's copy applied, and the labels its events carry. */
export interface ChosenVariant {
  survey: SurveyConfig;
  label: VariantLabel;
}

/** The survey's copy with a variant's overrides, language by language. */
export function withVariantCopy(
  survey: SurveyConfig,
  variant: CopyVariant | undefined,
): SurveyConfig {
  if (!variant) return survey;
  const locales = { ...survey.locales };
  for (const [locale, copy] of Object.entries(variant.locales ?? {})) {
    locales[locale] = { ...locales[locale], ...copy };
  }
  return { ...survey, copy: { ...survey.copy, ...variant.copy }, locales };
}

/**
 * Chooses the copy one visitor sees: the `preview` variant when one is forced, otherwise the
 * sticky assignment of the visitor (or, with `experiment.unit: "user"`, of the identified user).
 * A survey without variants shows its own copy as "control". Returns an error message when the
 * forced key is not one of the survey's variants.
 */
export function chooseVariant(
  survey: SurveyConfig,
  who: Pick<Identity, "visitorId" | "userId">,
  preview?: string,
): ChosenVariant | string {
  const variants = survey.variants ?? [];
  const find = (key: string) => variants.find((v) => v.key === key);
  if (preview !== undefined) {
    if (!find(preview) && (variants.length > 0 || preview !== "control")) {
      const keys = variants.length ? variants.map((v) => v.key).join(", ") : "control";
      return `${survey.id} has no variant ${JSON.stringify(preview)} (it has ${keys})`;
    }
    return {
      survey: withVariantCopy(survey, find(preview)),
      label: { variant: preview, forced: true },
    };
  }
  if (!variants.length) return { survey, label: { variant: "control" } };
  const { seed = survey.id, coverage = 100, unit } = survey.experiment ?? {};
  const { key, inExperiment } = assignVariant({
    unitId: (unit === "user" && who.userId) || who.visitorId,
    seed,
    variants,
    coverage: coverage / 100,
  });
  return {
    survey: withVariantCopy(survey, find(key)),
    label: inExperiment ? { variant: key } : { variant: key, holdout: true },
  };
}

/**
 * The variant forced for a survey by `?touchpoint_variant=survey-id:variant-key` in the page
 * URL (repeat the parameter to preview several surveys), or undefined.
 */
export function previewInUrl(search: string, surveyId: string): string | undefined {
  const prefix = `${surveyId}:`;
  return new URLSearchParams(search)
    .getAll("touchpoint_variant")
    .find((value) => value.startsWith(prefix))
    ?.slice(prefix.length);
}
