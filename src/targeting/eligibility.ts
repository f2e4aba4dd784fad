import type { PolicyConfig, SurveyConfig } from "../config/types";
import { unitInterval } from "../experiment/hash";
import type { Ledger } from "./ledger";

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
  policy: Required<PolicyConfig>;
  promptOpen: boolean;
}

const DAY_MS = 86_400_000;
const FREQUENCY_DEFAULTS = { afterAnswerDays: 90, afterDismissDays: 14, afterShownDays: 1 };

const days = (ms: number) => `${(ms / DAY_MS).toFixed(1)} days`;

function clock(name: string, at: number | undefined, waitDays: number, now: number): Verdict {
  const rule = `frequency.${name}`;
  if (at === undefined)
    return { rule, ok: true, detail: `never ${name.replace("after", "").toLowerCase()}` };
  const left = at + waitDays * DAY_MS - now;
  return left > 0
    ? {
        rule,
        ok: false,
        detail: `${days(now - at)} ago, ${waitDays} days required -> wait ${days(left)}`,
      }
    : { rule, ok: true, detail: `${days(now - at)} ago >= ${waitDays} days` };
}

/** The frequency, sampling and policy rules for one survey, each with its verdict. */
export function evaluate(survey: SurveyConfig, ctx: EligibilityContext): Verdict[] {
  const f = { ...FREQUENCY_DEFAULTS, ...survey.frequency };
  const clocks = ctx.ledger.surveys[survey.id] ?? {};
  const percent = survey.percent ?? 100;
  const bucket = unitInterval(`${ctx.visitorId}:${survey.id}:sample`);
  const gap = ctx.policy.minDaysBetween * DAY_MS;
  const sinceLast =
    ctx.ledger.lastShownAt === undefined ? Infinity : ctx.now - ctx.ledger.lastShownAt;
  const verdicts: Verdict[] = [
    {
      rule: "enabled",
      ok: survey.enabled !== false,
      detail: survey.enabled === false ? "disabled in config" : "enabled",
    },
    ctx.page(survey),
    {
      rule: "sampling",
      ok: bucket * 100 < percent,
      detail: `visitor bucket ${bucket.toFixed(2)} ${bucket * 100 < percent ? "<" : ">="} ${(percent / 100).toFixed(2)} -> ${bucket * 100 < percent ? "sampled" : "not sampled"}`,
    },
    clock("afterAnswered", clocks.answeredAt, f.afterAnswerDays, ctx.now),
    clock("afterDismissed", clocks.dismissedAt, f.afterDismissDays, ctx.now),
    clock("afterShown", clocks.shownAt, f.afterShownDays, ctx.now),
    {
      rule: "policy.maxPerSession",
      ok: ctx.shownThisSession < ctx.policy.maxPerSession,
      detail: `${ctx.shownThisSession} of ${ctx.policy.maxPerSession} prompts shown this session`,
    },
    {
      rule: "policy.minDaysBetween",
      ok: sinceLast >= gap,
      detail:
        sinceLast === Infinity
          ? "no prompt shown before"
          : `last prompt ${days(sinceLast)} ago, ${ctx.policy.minDaysBetween} days required`,
    },
    {
      rule: "one at a time",
      ok: !ctx.promptOpen,
      detail: ctx.promptOpen ? "another prompt is open" : "no prompt open",
    },
  ];
  return verdicts;
}
