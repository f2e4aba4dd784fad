import { formatCount, formatFixed, formatSigned } from "../src/report/numbers";
import type { Estimate } from "../src/report/types";
import type { SurveyType } from "../src/wire/event";

export { formatCount, formatFixed, formatSigned };

/** "order_confirmation" -> "Order confirmation". */
export function stageName(touchpoint: string): string {
  const words = touchpoint.replace(/[_.:-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the score of a survey type is called. */
export const SCORE_NAME: Readonly<Record<SurveyType, string>> = {
  nps: "NPS",
  csat: "CSAT",
  ces: "CES",
};

/** What the score measures, in words. */
export const SCORE_MEANING: Readonly<Record<SurveyType, string>> = {
  nps: "promoters minus detractors, -100 to +100",
  csat: "share of answers 4 or 5 out of 5",
  ces: "mean ease, 1 (hard) to 7 (easy)",
};

/** Names of the low, middle and high ends of each scale. */
export const SPLIT_NAMES: Readonly<Record<SurveyType, readonly [string, string, string]>> = {
  nps: ["Detractors (0-6)", "Passives (7-8)", "Promoters (9-10)"],
  csat: ["Unsatisfied (1-2)", "Neutral (3)", "Satisfied (4-5)"],
  ces: ["Hard (1-3)", "Neutral (4)", "Easy (5-7)"],
};

/** A score in its own unit: NPS "+24", CSAT "58%", CES "4.37". */
export function scoreValue(type: SurveyType, value: number): string {
  if (type === "nps") return formatSigned(value, 0);
  if (type === "csat") return `${formatFixed(value, 0)}%`;
  return formatFixed(value, 2);
}

/** "95% interval +12 to +35", or "" when there is none. */
export function intervalText(type: SurveyType, estimate: Estimate | null): string {
  if (!estimate || estimate.low === null || estimate.high === null) return "";
  return `95% interval ${scoreValue(type, estimate.low)} to ${scoreValue(type, estimate.high)}`;
}

/** A rate as "32.1%". */
export function percent(estimate: Estimate | null, digits = 1): string {
  return estimate ? `${formatFixed(estimate.value, digits)}%` : "–";
}

/** A rate's interval as "29.0 to 35.3%". */
export function percentInterval(estimate: Estimate | null): string {
  if (!estimate || estimate.low === null || estimate.high === null) return "";
  return `${formatFixed(estimate.low, 1)} to ${formatFixed(estimate.high, 1)}%`;
}

/** Share of `part` in `whole` as a whole percent, "0%" when there is nothing. */
export function share(part: number, whole: number): string {
  return whole > 0 ? `${formatFixed((100 * part) / whole, 0)}%` : "0%";
}

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const TIME = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "2 Nov" for a `YYYY-MM-DD` day. */
export function dayLabel(day: string): string {
  return DATE.format(new Date(`${day}T00:00:00Z`));
}

/** "2 Nov, 14:05 UTC" for an ISO time. */
export function dateTimeLabel(iso: string): string {
  return `${DATE_TIME.format(new Date(iso))} UTC`;
}

/** Local "14:05:09". */
export function clockLabel(date: Date): string {
  return TIME.format(date);
}

/** "3 minutes ago", for freshness. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  return `${Math.round(hours / 24)} days ago`;
}
