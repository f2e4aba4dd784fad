import type { PolicyConfig, SurveyConfig } from "../config/types";
import { unitInterval } from "../experiment/hash";
import type { failing } from "./conditions";
import type { Ledger } from "./ledger";
import type { Matches } from "./match";
import type { scheduleVerdict } from "./schedule";

/** One rule's decision, worded for people: `explain()` returns these and debug mode logs them. */
export interface Verdict {
  rule: string;
  ok: boolean;
  detail: string;
}

/** A clock rule's facts: when it started (never: undefined), how long it runs, and now. */
type Clock = [at: number | undefined, waitDays: number, now: number];
/** A cap's facts: how many so far, and the most allowed. */
type Cap = [count: number, max: number];

/**
 * The facts each rule decides on. The engine needs only `ok`; `explain()` and debug mode word the
 * facts (`./wording`, a part of its own, fetched only by those two).
 */
export interface Facts {
  enabled: [];
  /** The page's address; undefined for a prompt kept across navigation. */
  page: [href: string | undefined, url: unknown];
  /** The schedule rule words itself (a chunk of its own); undefined: it did not load. */
  schedule: [detail: string | undefined];
  /** Why the visitor is left out; undefined when in, or when the rule did not load. */
  audience: [why: string | undefined];
  sequence: [after: string, at: number | undefined, withinMinutes: number, now: number];
  sampling: [bucket: number, percent: number];
  "frequency.afterAnswered": Clock;
  "frequency.afterDismissed": Clock;
  "frequency.afterShown": Clock;
  "frequency.repeatDays": Clock;
  "frequency.maxAnswers": Cap;
  "frequency.maxIgnored": Cap;
  "policy.maxPerSession": Cap;
  "policy.maxPerDay": Cap;
  "policy.rolling": [count: number, max: number, days: number];
  "policy.minDaysBetween": [sinceLastMs: number, minDays: number];
  "one at a time": [];
}

/** One rule's decision and the facts it was made on (`./wording` makes a `Verdict` of it). */
export type Check = { [R in keyof Facts]: { rule: R; ok: boolean; facts: Facts[R] } }[keyof Facts];

export interface EligibilityContext {
  now: number;
  /** Whether the survey's page rules match the current page (decided by the core). */
  page: (survey: SurveyConfig) => boolean;
  /** The page's address, for the page rule's words; undefined for a prompt kept across navigation. */
  href: string | undefined;
  ledger: Ledger;
  shownThisSession: number;
  visitorId: string;
  /** The site's policy, defaults filled. */
  policy: PolicyConfig & { maxPerSession: number; minDaysBetween: number };
  promptOpen: boolean;
  /** An audience field's value: `device`, `trait.plan`… */
  read: (field: string) => unknown;
  match: Matches;
  /** When a survey's trigger last fired in this session. */
  fired: (surveyId: string) => number | undefined;
  /** The schedule rule, loaded only when a survey has a `schedule`. */
  schedule?: typeof scheduleVerdict;
  /** The audience rule, loaded only when a survey has an `audience` (or a trigger `where`). */
  failing?: typeof failing;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const FREQUENCY_DEFAULTS = { afterAnswerDays: 90, afterDismissDays: 14, afterShownDays: 1 };
const SEQUENCE_MINUTES = 30;

const check = <R extends keyof Facts>(rule: R, ok: boolean, ...facts: Facts[R]) =>
  ({ rule, ok, facts }) as Check;

const clock = (rule: keyof Facts, at: number | undefined, waitDays: number, now: number) =>
  check(
    rule as "frequency.afterShown",
    !(at !== undefined && at + waitDays * DAY_MS > now),
    at,
    waitDays,
    now,
  );

const cap = (rule: keyof Facts, count: number, max: number | undefined): Check[] =>
  max === undefined ? [] : [check(rule as "policy.maxPerDay", count < max, count, max)];

/** Passes when every rule does. */
export const passes = (checks: Check[]) => checks.every((c) => c.ok);

/** Every rule for one survey, in the order they are worded: eligibility, frequency, policy. */
export function evaluate(survey: SurveyConfig, ctx: EligibilityContext): Check[] {
  const { now, ledger } = ctx;
  const f = { ...FREQUENCY_DEFAULTS, ...survey.frequency };
  const policy = { ...ctx.policy, ...survey.policy };
  const c = ledger.surveys[survey.id] ?? {};
  const percent = survey.percent ?? 100;
  const bucket = unitInterval(`${ctx.visitorId}:${survey.id}:sample`);
  const sinceLast = ledger.lastShownAt === undefined ? Infinity : now - ledger.lastShownAt;
  const shown = ledger.shown ?? [];
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  const lastInteraction = Math.max(c.answeredAt ?? 0, c.dismissedAt ?? 0);
  const checks = [
    check("enabled", survey.enabled !== false),
    check("page", ctx.page(survey), ctx.href, survey.trigger.url),
  ];
  if (survey.schedule) {
    const s = ctx.schedule?.(survey.schedule, now);
    checks.push(check("schedule", s?.ok === true, s?.detail));
  }
  if (survey.audience) {
    const why = ctx.failing?.(survey.audience, ctx.read, ctx.match);
    checks.push(check("audience", !!ctx.failing && !why, why));
  }
  const sequence = survey.trigger.sequence;
  if (sequence) {
    const at = ctx.fired(sequence.after);
    const within = sequence.within ?? SEQUENCE_MINUTES;
    const ok = at !== undefined && now - at <= within * MINUTE_MS;
    checks.push(check("sequence", ok, sequence.after, at, within, now));
  }
  checks.push(
    check("sampling", bucket * 100 < percent, bucket, percent),
    clock("frequency.afterAnswered", c.answeredAt, f.afterAnswerDays, now),
    clock("frequency.afterDismissed", c.dismissedAt, f.afterDismissDays, now),
    // Only an impression left without an answer or a dismissal starts this clock.
    clock(
      "frequency.afterShown",
      (c.shownAt ?? 0) > lastInteraction ? c.shownAt : undefined,
      f.afterShownDays,
      now,
    ),
  );
  if (f.repeatDays !== undefined)
    checks.push(clock("frequency.repeatDays", c.shownAt, f.repeatDays, now));
  checks.push(
    ...cap("frequency.maxAnswers", c.answers ?? 0, f.maxAnswers),
    ...cap("frequency.maxIgnored", c.ignored ?? 0, f.maxIgnored),
    ...cap("policy.maxPerSession", ctx.shownThisSession, policy.maxPerSession),
    ...cap("policy.maxPerDay", shown.filter((t) => t >= midnight).length, policy.maxPerDay),
  );
  if (policy.rolling) {
    const { days, max } = policy.rolling;
    const count = shown.filter((t) => t > now - days * DAY_MS).length;
    checks.push(check("policy.rolling", count < max, count, max, days));
  }
  checks.push(
    check(
      "policy.minDaysBetween",
      sinceLast >= policy.minDaysBetween * DAY_MS,
      sinceLast,
      policy.minDaysBetween,
    ),
    check("one at a time", !ctx.promptOpen),
  );
  return checks;
}
