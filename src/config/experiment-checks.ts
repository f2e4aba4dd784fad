import {
  type Check,
  type ConfigProblem,
  isRecord,
  list,
  number,
  oneOf,
  problem,
  shape,
  text,
  when,
} from "./checks";
import { ID } from "./targeting-checks";
import { copyFields, localesCheck } from "./ui-checks";

/** Most copy variants one survey may test. */
export const MAX_VARIANTS = 10;

/** Checks a survey's `variants`. */
export const variantsCheck: Check = list(
  shape(
    {
      // The same wording as the survey id's check, which gzip then stores once.
      key: text(64, ID, "an id (letters, digits, _ . : -)"),
      weight: number(0, 1e6),
      copy: shape(copyFields),
      locales: localesCheck,
    },
    ["key", "weight"],
  ),
  MAX_VARIANTS,
);

/** Checks a survey's `experiment`. */
export const experimentCheck: Check = shape({
  seed: text(64),
  coverage: number(0, 100),
  unit: oneOf("visitor", "user"),
  plan: shape({
    visitorsPerVariant: when(
      (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1e9,
      "a whole number from 1 to 1000000000",
    ),
    end: when((v) => typeof v === "string" && Date.parse(v) > 0, "an ISO 8601 date"),
    method: oneOf("sequential", "fixed"),
  }),
});

/**
 * Checks what spans a survey's variants: keys are unique, and each variant speaks exactly the
 * survey's languages (every field it changes, in every one of the survey's `locales`), so no
 * visitor sees the tested wording in one arm and another language in the other.
 */
export function variantProblems(
  survey: Record<string, unknown>,
  path: string,
  problems: ConfigProblem[],
): void {
  const keysOf = (value: unknown) => Object.keys(isRecord(value) ? value : {});
  const languages = keysOf(survey.locales);
  const keys: unknown[] = [];
  (Array.isArray(survey.variants) ? survey.variants : []).forEach((v, i) => {
    if (!isRecord(v)) return;
    const at = `${path}.variants[${i}]`;
    if (keys.includes(v.key))
      problems.push(problem(`${at}.key`, "an id no other variant uses", v.key));
    keys.push(v.key);
    const locales = Object(v.locales);
    for (const l of keysOf(locales)) {
      if (!languages.includes(l))
        problems.push(problem(`${at}.locales.${l}`, "a language of the survey's locales", l));
    }
    for (const l of languages) {
      for (const f of keysOf(v.copy)) {
        if (Object(locales[l])[f] === undefined)
          problems.push(problem(`${at}.locales.${l}.${f}`, `a ${f} in ${l} too`, undefined));
      }
    }
  });
}
