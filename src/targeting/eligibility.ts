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

export interface EligibilityContext {
  now: number;
  /** Whether the survey's page rules match the current page (decided by the core). */
  page: (survey: SurveyConfig) => Verdict;
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

const days = (ms: number) => `${(ms / DAY_MS).toFixed(1)} days`;
const verdict = (rule: string, ok: boolean, detail: string): Verdict => ({ rule, ok, detail });

function clock(
  name: string,
  at: number | undefined,
  waitDays: number,
  now: number,
  never = `never ${name.slice(5).toLowerCase()}`,
): Verdict {
  const rule = `frequency.${name}`;
  if (at === undefined) return verdict(rule, true, never);
  const left = at + waitDays * DAY_MS - now;
  return left > 0
    ? verdict(rule, false, `${days(now - at)} ago, ${waitDays} days required -> wait ${days(left)}`)
    : verdict(rule, true, `${days(now - at)} ago >= ${waitDays} days`);
}

function cap(rule: string, count: number, max: number | undefined, what: string): Verdict[] {
  return max === undefined ? [] : [verdict(rule, count < max, `${count} of ${max} ${what}`)];
}

/** Every rule for one survey, in the order they are worded: eligibility, frequency, policy. */
export function evaluate(survey: SurveyConfig, ctx: EligibilityContext): Verdict[] {
  const { now, ledger } = ctx;
  const f = { ...FREQUENCY_DEFAULTS, ...survey.frequency };
  const policy = { ...ctx.policy, ...survey.policy };
  const c = ledger.surveys[survey.id] ?? {};
  const percent = survey.percent ?? 100;
  const bucket = unitInterval(`${ctx.visitorId}:${survey.id}:sample`);
  const sampled = bucket * 100 < percent;
  const gap = policy.minDaysBetween * DAY_MS;
  const sinceLast = ledger.lastShownAt === undefined ? Infinity : now - ledger.lastShownAt;
  const shown = ledger.shown ?? [];
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  const lastInteraction = Math.max(c.answeredAt ?? 0, c.dismissedAt ?? 0);
  const verdicts: Verdict[] = [
    verdict(
      "enabled",
      survey.enabled !== false,
      survey.enabled === false ? "disabled in config" : "enabled",
    ),
    ctx.page(survey),
  ];
  if (survey.schedule)
    verdicts.push(
      ctx.schedule?.(survey.schedule, now) ??
        verdict("schedule", false, "schedule rule not loaded"),
    );
  if (survey.audience) {
    const why = ctx.failing
      ? ctx.failing(survey.audience, ctx.read, ctx.match)
      : "audience rule not loaded";
    verdicts.push(verdict("audience", !why, why ? `${why} -> not in audience` : "in audience"));
  }
  const sequence = survey.trigger.sequence;
  if (sequence) {
    const at = ctx.fired(sequence.after);
    const within = sequence.within ?? SEQUENCE_MINUTES;
    verdicts.push(
      verdict(
        "sequence",
        at !== undefined && now - at <= within * MINUTE_MS,
        at === undefined
          ? `${sequence.after} not signalled this session`
          : `${sequence.after} signalled ${((now - at) / MINUTE_MS).toFixed(1)} min ago, within ${within} min required`,
      ),
    );
  }
  verdicts.push(
    verdict(
      "sampling",
      sampled,
      `visitor bucket ${(Math.floor(bucket * 1000) / 1000).toFixed(3)} ${sampled ? "<" : ">="} ${(percent / 100).toFixed(3)} -> ${sampled ? "sampled" : "not sampled"}`,
    ),
    clock("afterAnswered", c.answeredAt, f.afterAnswerDays, now),
    clock("afterDismissed", c.dismissedAt, f.afterDismissDays, now),
    // Only an impression left without an answer or a dismissal starts this clock.
    clock(
      "afterShown",
      (c.shownAt ?? 0) > lastInteraction ? c.shownAt : undefined,
      f.afterShownDays,
      now,
    ),
  );
  if (f.repeatDays !== undefined)
    verdicts.push(clock("repeatDays", c.shownAt, f.repeatDays, now, "never shown"));
  verdicts.push(
    ...cap("frequency.maxAnswers", c.answers ?? 0, f.maxAnswers, "answers given"),
    ...cap("frequency.maxIgnored", c.ignored ?? 0, f.maxIgnored, "impressions ignored in a row"),
    ...cap(
      "policy.maxPerSession",
      ctx.shownThisSession,
      policy.maxPerSession,
      "prompts shown this session",
    ),
    ...cap(
      "policy.maxPerDay",
      shown.filter((t) => t >= midnight).length,
      policy.maxPerDay,
      "prompts shown today",
    ),
    ...(policy.rolling
      ? cap(
          "policy.rolling",
          shown.filter((t) => t > now - (policy.rolling?.days ?? 0) * DAY_MS).length,
          policy.rolling.max,
          `prompts shown in the last ${policy.rolling.days} days`,
        )
      : []),
    verdict(
      "policy.minDaysBetween",
      sinceLast >= gap,
      sinceLast === Infinity
        ? "no prompt shown before"
        : `last prompt ${days(sinceLast)} ago, ${policy.minDaysBetween} days required`,
    ),
    verdict(
      "one at a time",
      !ctx.promptOpen,
      ctx.promptOpen ? "another prompt is open" : "no prompt open",
    ),
  );
  return verdicts;
}
