// Config of copy experiments: which wording each visitor sees (issue: A/B testing prompt copy).
import type { CopyConfig } from "./ui-types";

/**
 * One wording of a survey's prompt. The first variant is the control: visitors outside the
 * experiment's coverage see it too (labelled `holdout: true`), so it usually overrides nothing.
 * @example { "key": "benefit", "weight": 50, "copy": { "question": "Would you tell a friend about Acme?" } }
 */
export interface CopyVariant {
  /**
   * Sent with every event of the prompt as `variant`. Letters, digits and `_ . : -`.
   * @example "benefit"
   */
  key: string;
  /**
   * Relative share of the visitors in the experiment: weights 50 and 50, or 1 and 1, split them
   * evenly. 0 pauses the variant. Changing one weight moves visitors only to or from that variant.
   * @example 50
   */
  weight: number;
  /** Copy fields this variant changes; each replaces the survey's field whole. */
  copy?: Partial<CopyConfig>;
  /**
   * The same changes in the survey's other languages, by the keys of the survey's `locales`.
   * A variant that changes a field of `copy` must give it for every language of the survey, so
   * visitors in every language see the wording being tested.
   * @example { "fr": { "question": "Parleriez-vous d'Acme à un ami ?" } }
   */
  locales?: Record<string, Partial<CopyConfig>>;
}

/** How visitors are assigned to a survey's copy variants. */
export interface ExperimentConfig {
  /**
   * Mixed into the assignment hash; a new seed reshuffles everyone, so change it only to start
   * a new experiment.
   * @default the survey id
   */
  seed?: string;
  /**
   * Percent of visitors (0-100) who take part. The others see the first variant's copy and
   * their events carry `holdout: true`; raising coverage keeps everyone who was in, in.
   * @default 100
   */
  coverage?: number;
  /**
   * Whose id is hashed: the anonymous visitor id, or the id given to `identify()` (so a user
   * sees the same variant on every device), falling back to the visitor id when there is none.
   * @default "visitor"
   */
  unit?: "visitor" | "user";
  /**
   * The experiment's planned size. With `method: "fixed"` the report names no winner before the
   * plan is reached ("1,200 of 2,000 visitors: do not decide yet"); with the default sequential
   * method the plan only tunes the confidence sequences to be narrowest at that size.
   * @example { "visitorsPerVariant": 2000, "method": "fixed" }
   */
  plan?: ExperimentPlan;
}

/** How large an experiment is planned to be, and how it is read. */
export interface ExperimentPlan {
  /**
   * Visitors shown per variant the test runs to (`touchpoint report --mde 3` says how many a
   * lift needs).
   * @example 2000
   */
  visitorsPerVariant?: number;
  /**
   * Date the test ends (ISO 8601), instead of or besides a visitor count: the plan is reached at
   * whichever comes first.
   * @example "2026-12-31"
   */
  end?: string;
  /**
   * `sequential`: verdicts hold however often they are read. `fixed`: fixed-horizon tests, valid
   * only when read once, when the plan is reached (slightly more power).
   * @default "sequential"
   */
  method?: "sequential" | "fixed";
}
