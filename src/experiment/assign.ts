import { unitInterval } from "./hash";

/** One copy variant and its relative share of the traffic. */
export interface VariantWeight {
  key: string;
  /** Relative weight; 0 (or less) means the variant is never chosen. */
  weight: number;
}

/** What {@link assignVariant} needs to place one unit. */
export interface AssignInput {
  /** Stable id of the unit being assigned, usually the anonymous visitor id. */
  unitId: string;
  /** Experiment seed, usually the survey id; a new seed reshuffles every unit. */
  seed: string;
  /** The variants; the first one is the default copy shown to units outside the experiment. */
  variants: ReadonlyArray<VariantWeight>;
  /**
   * Share of units that take part in the experiment, from 0 to 1.
   * @default 1
   */
  coverage?: number;
}

/** Where a unit landed. */
export interface Assignment {
  /** Variant to show: the chosen variant, or the first variant ("control" when none) outside. */
  key: string;
  /** False when the unit is outside the coverage (report it as holdout) or no variant has weight. */
  inExperiment: boolean;
  /** The unit's coverage position in [0, 1); the unit takes part when `bucket < coverage`. */
  bucket: number;
}

/**
 * Deterministically assigns a unit to a copy variant.
 *
 * Coverage uses its own hash of `seed + ":coverage:" + unitId`, so raising coverage from 0.3 to
 * 0.5 keeps every unit that was already in. Inside, variants are chosen by weighted rendezvous
 * hashing: each variant scores `-ln(u) / weight`, with `u` a uniform draw from
 * `seed:unitId:key`, and the lowest score wins. Each score is an exponential draw with rate
 * `weight`, so variant `v` wins with probability `weight_v / sum(weights)`; and because changing
 * one variant's weight changes only that variant's score, units move only to or from that variant,
 * the fewest moves any assignment can make.
 *
 * @example assignVariant({ unitId: visitorId, seed: "nps-checkout", variants: [{ key: "control", weight: 1 }, { key: "short", weight: 1 }] })
 */
export function assignVariant({ unitId, seed, variants, coverage = 1 }: AssignInput): Assignment {
  const bucket = unitInterval(`${seed}:coverage:${unitId}`);
  let key = variants[0]?.key ?? "control";
  let best = Number.POSITIVE_INFINITY;
  if (bucket < coverage) {
    for (const variant of variants) {
      if (!(variant.weight > 0)) continue;
      // 1 - u lies in (0, 1], so the logarithm stays finite.
      const score =
        -Math.log(1 - unitInterval(`${seed}:${unitId}:${variant.key}`)) / variant.weight;
      if (score < best) {
        best = score;
        key = variant.key;
      }
    }
  }
  return { key, inExperiment: best < Number.POSITIVE_INFINITY, bucket };
}
