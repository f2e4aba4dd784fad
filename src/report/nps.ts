import { bandOf } from "../wire/scale";
import { Z_95 } from "./stats";
import type { Estimate } from "./types";

/** Answer counts by NPS category. */
export interface NpsCounts {
  /** Scores 9 and 10. */
  promoters: number;
  /** Scores 7 and 8. */
  passives: number;
  /** Scores 0 to 6. */
  detractors: number;
}

/** An NPS estimate, in points, with the standard error of the adjusted estimate. */
export interface NpsEstimate extends Estimate {
  standardError: number;
}

/** Adjusted Wald: add this many answers in total... */
const ADDED_ANSWERS = 3;
/** ...of which this many are promoters and as many are detractors. */
const ADDED_EACH = 0.75;

/** +1 for a promoter (9-10), -1 for a detractor (0-6), 0 for a passive (7-8). */
export function npsValue(score: number): 1 | 0 | -1 {
  const band = bandOf("nps", score);
  return band === "high" ? 1 : band === "low" ? -1 : 0;
}

/**
 * Net Promoter Score in points (-100 to 100) with an adjusted-Wald 95% interval: the interval is
 * computed as if 3 more answers had come in, 3/4 of a promoter and 3/4 of a detractor among them,
 * which keeps its coverage near nominal for small samples and extreme scores. The point value is
 * the plain NPS; the interval, centred on the adjusted estimate, is widened to hold it when a
 * handful of answers would leave it outside (one promoter: NPS 100, interval -48.5 to 100, never
 * -48.5 to 98.5), and never passes -100 or 100. Returns null when there are no answers.
 */
export function npsEstimate(counts: NpsCounts, z = Z_95): NpsEstimate | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n <= 0) return null;
  const adjustedN = n + ADDED_ANSWERS;
  const pro = (counts.promoters + ADDED_EACH) / adjustedN;
  const det = (counts.detractors + ADDED_EACH) / adjustedN;
  const adjusted = pro - det;
  const standardError = Math.sqrt((pro + det - adjusted * adjusted) / adjustedN);
  const value = (counts.promoters - counts.detractors) / n;
  return {
    value: 100 * value,
    low: 100 * Math.max(-1, Math.min(value, adjusted - z * standardError)),
    high: 100 * Math.min(1, Math.max(value, adjusted + z * standardError)),
    n,
    standardError: 100 * standardError,
  };
}
