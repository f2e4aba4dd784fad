import { pageDetail } from "../journey/page-detail";
import type { Check, Facts, Verdict } from "./eligibility";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const days = (ms: number) => `${(ms / DAY_MS).toFixed(1)} days`;

/** How each rule words its facts. */
type Words = { [R in keyof Facts]: (ok: boolean, ...facts: Facts[R]) => string };

const clock =
  (never: string) =>
  (ok: boolean, at: number | undefined, waitDays: number, now: number): string =>
    at === undefined
      ? never
      : ok
        ? `${days(now - at)} ago >= ${waitDays} days`
        : `${days(now - at)} ago, ${waitDays} days required -> wait ${days(at + waitDays * DAY_MS - now)}`;

const cap =
  (what: string) =>
  (_ok: boolean, count: number, max: number): string =>
    `${count} of ${max} ${what}`;

function words(stringify: typeof JSON.stringify): Words {
  return {
    enabled: (ok) => (ok ? "enabled" : "disabled in config"),
    page: (ok, href, url) =>
      href === undefined
        ? "kept across navigation"
        : pageDetail(new URL(href), ok ? "matches" : "does not match", url, stringify),
    schedule: (_ok, detail) => detail ?? "schedule rule not loaded",
    audience: (ok, why) =>
      ok ? "in audience" : `${why ?? "audience rule not loaded"} -> not in audience`,
    sequence: (_ok, after, at, within, now) =>
      at === undefined
        ? `${after} not signalled this session`
        : `${after} signalled ${((now - at) / MINUTE_MS).toFixed(1)} min ago, within ${within} min required`,
    sampling: (ok, bucket, percent) =>
      `visitor bucket ${(Math.floor(bucket * 1000) / 1000).toFixed(3)} ${ok ? "<" : ">="} ${(percent / 100).toFixed(3)} -> ${ok ? "sampled" : "not sampled"}`,
    "frequency.afterAnswered": clock("never answered"),
    "frequency.afterDismissed": clock("never dismissed"),
    "frequency.afterShown": clock("never shown"),
    "frequency.repeatDays": clock("never shown"),
    "frequency.maxAnswers": cap("answers given"),
    "frequency.maxIgnored": cap("impressions ignored in a row"),
    "policy.maxPerSession": cap("prompts shown this session"),
    "policy.maxPerDay": cap("prompts shown today"),
    "policy.rolling": (_ok, count, max, inDays) =>
      `${count} of ${max} prompts shown in the last ${inDays} days`,
    "policy.minDaysBetween": (_ok, sinceLast, minDays) =>
      sinceLast === Infinity
        ? "no prompt shown before"
        : `last prompt ${days(sinceLast)} ago, ${minDays} days required`,
    "one at a time": (ok) => (ok ? "no prompt open" : "another prompt is open"),
  };
}

/**
 * Each rule's decision in words, as `explain()` returns it and debug mode logs it. `stringify` is
 * `JSON.stringify` as it was when Touchpoint loaded (a host page may replace it).
 */
export function wordChecks(checks: Check[], stringify = JSON.stringify): Verdict[] {
  const w = words(stringify);
  return checks.map(({ rule, ok, facts }) => ({
    rule,
    ok,
    detail: (w[rule] as (ok: boolean, ...facts: unknown[]) => string)(ok, ...facts),
  }));
}
