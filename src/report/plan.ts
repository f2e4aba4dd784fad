import type { Method } from "./inference";
import { formatCount } from "./numbers";
import { normalQuantile } from "./stats";
import type { ExperimentPlanOptions, Planning, PlanStatus } from "./types";

/** Default smallest lift worth finding, in points of response rate. */
export const DEFAULT_MDE = 3;
/** Power the planning figures aim for. */
export const PLANNING_POWER = 0.8;
/** Days of recent traffic the time estimate is based on. */
const RECENT_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Visitors per variant needed to find a lift of `mde` (a proportion, e.g. 0.03) over `baseline`
 * with {@link PLANNING_POWER} power, when `family` comparisons share `alpha`. Fixed horizon: the
 * usual two-proportion formula. Sequential: the same with the confidence sequence's multiplier at
 * its tuning size, assuming `experiment.plan.visitorsPerVariant` is set to the answer (then the
 * multiplier does not depend on n: n rho^2 = -2 ln alpha + ln(1 - 2 ln alpha)).
 */
export function visitorsNeeded(
  baseline: number,
  mde: number,
  method: Method,
  alpha: number,
  family = 1,
): number {
  const p1 = Math.min(Math.max(baseline, 0), 1);
  const p2 = Math.min(p1 + mde, 1);
  const lift = p2 - p1;
  if (!(lift > 0)) return Number.POSITIVE_INFINITY;
  const level = alpha / family;
  let critical = normalQuantile(1 - level / 2);
  if (method === "sequential") {
    const log = -2 * Math.log(alpha);
    const v = log + Math.log(log + 1);
    critical = Math.sqrt(((2 * (v + 1)) / v) * Math.log(Math.sqrt(v + 1) / level));
  }
  const variance = p1 * (1 - p1) + p2 * (1 - p2);
  return Math.ceil(((critical + normalQuantile(PLANNING_POWER)) ** 2 * variance) / lift ** 2);
}

/** Visitors shown per variant per day over the last {@link RECENT_DAYS} days of impressions. */
export function dailyPerVariant(times: readonly number[], variants: number): number | null {
  if (times.length === 0 || variants <= 0) return null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const from = last - RECENT_DAYS * DAY_MS;
  const recent = times.filter((t) => t > from).length;
  const days = Math.max(1, Math.min(RECENT_DAYS, (last - first) / DAY_MS));
  return recent / days / variants;
}

/**
 * {@link dailyPerVariant} from visitors first shown per UTC day (`YYYY-MM-DD` to count), as a
 * database keeps them: each day's visitors count at the day's start.
 */
export function dailyPerVariantByDay(
  days: ReadonlyMap<string, number>,
  variants: number,
): number | null {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (const [day, count] of days) {
    if (count <= 0) continue;
    const t = Date.parse(day);
    if (t < first) first = t;
    if (t > last) last = t;
    total += count;
  }
  if (total === 0 || variants <= 0) return null;
  let recent = 0;
  for (const [day, count] of days)
    if (Date.parse(day) > last - RECENT_DAYS * DAY_MS) recent += count;
  const span = Math.max(1, Math.min(RECENT_DAYS, (last - first) / DAY_MS));
  return recent / span / variants;
}

/** Planning figures of one experiment from the control's response rate and recent traffic. */
export function planning(
  baseline: number,
  mde: number,
  have: number,
  daily: number | null,
  method: Method,
  alpha: number,
  family: number,
): Planning {
  const needed = visitorsNeeded(baseline / 100, mde / 100, method, alpha, family);
  const finite = Number.isFinite(needed);
  const left = Math.max(0, needed - have);
  let daysLeft: number | null = null;
  if (left === 0) daysLeft = 0;
  else if (finite && daily !== null && daily > 0) daysLeft = Math.ceil(left / daily);
  return {
    mde,
    baseline,
    visitorsPerVariant: finite ? needed : null,
    dailyPerVariant: daily,
    daysLeft,
  };
}

/** Where a planned experiment stands: reached once its visitors are in or its end date passed. */
export function planStatus(plan: ExperimentPlanOptions, have: number, now: number): PlanStatus {
  const visitors = plan.visitorsPerVariant ?? null;
  const end = plan.end ?? null;
  const reached =
    (visitors !== null && have >= visitors) || (end !== null && now >= Date.parse(end));
  let message = "plan reached: read now";
  if (!reached) {
    message =
      visitors !== null
        ? `${formatCount(have)} of ${formatCount(visitors)} visitors: do not decide yet`
        : `plan ends ${end}: do not decide yet`;
  }
  return { visitorsPerVariant: visitors, end, have, reached, message };
}
