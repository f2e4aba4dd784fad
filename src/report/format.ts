import type { SurveyType } from "../wire/event";
import { formatCount, formatFixed, formatP, formatSigned } from "./numbers";
import type { ArmReport, Estimate, Report, SurveyReport, TouchpointReport } from "./types";
import { planningLine } from "./words";

const SCORE_HEADER: Readonly<Record<SurveyType, string>> = {
  nps: "NPS",
  csat: "CSAT (% 4-5)",
  ces: "CES (1-7)",
};

function estimate(value: Estimate | null, suffix = "", digits = 1, signed = false): string {
  if (!value) return "-";
  const show = (x: number) => (signed ? formatSigned(x, digits) : formatFixed(x, digits));
  const main = `${show(value.value)}${suffix}`;
  if (value.low === null || value.high === null) return main;
  return `${main} (${show(value.low)} to ${show(value.high)})`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function armRow(arm: ArmReport, name: string, surveyType: SurveyType): string {
  const cells = [
    name,
    formatCount(arm.impressions),
    formatCount(arm.answers),
    formatCount(arm.dismissals),
    estimate(arm.responseRate, "%"),
    estimate(arm.dismissRate, "%"),
    estimate(arm.score, surveyType === "csat" ? "%" : "", surveyType === "ces" ? 2 : 1),
  ];
  if (surveyType === "nps") cells.push(estimate(arm.netPromotersPerExposed, "", 1, true));
  return row(cells);
}

function armName(variant: string, touchpoint: TouchpointReport): string {
  return variant === touchpoint.control && variant !== "control" ? `${variant} (control)` : variant;
}

function touchpointSection(
  survey: SurveyReport,
  touchpoint: TouchpointReport,
  showSite: boolean,
): string[] {
  const { surveyId, surveyType } = survey;
  const site = showSite ? `, site ${survey.siteKey}` : "";
  const headers = ["variant", "shown", "answers", "dismissals", "response rate", "dismiss rate"];
  headers.push(SCORE_HEADER[surveyType]);
  if (surveyType === "nps") headers.push("net promoters per 100 shown");
  const lines = [
    `## ${surveyId} (${surveyType.toUpperCase()}) at ${touchpoint.touchpoint}${site}`,
    "",
    row(headers),
    row(headers.map((_, i) => (i > 0 && i < 4 ? "---:" : "---"))),
    ...touchpoint.arms.map((arm) => armRow(arm, armName(arm.variant, touchpoint), surveyType)),
  ];
  if (touchpoint.holdout) {
    lines.push(
      armRow(touchpoint.holdout, `holdout (${touchpoint.holdout.variant} copy)`, surveyType),
    );
  }
  lines.push("");
  for (const warning of touchpoint.warnings) lines.push(`Warning: ${warning}.`);
  if (touchpoint.warnings.length > 0) lines.push("");
  const check = touchpoint.sampleRatio;
  if (check && !check.flagged) {
    const paused = check.paused.length ? `; paused, not checked: ${check.paused.join(", ")}` : "";
    lines.push(
      `Sample ratio: as expected (${check.weights} weights, sequential test, ${formatP(check.pValue)}${paused}).`,
      "",
    );
  }
  if (touchpoint.arms.length < 2) return lines;
  lines.push(`**${touchpoint.summary}**`, "");
  for (const verdict of touchpoint.verdicts) lines.push(`- ${verdict}`);
  if (touchpoint.verdicts.length > 0) lines.push("");
  if (touchpoint.plan) lines.push(`Plan: ${touchpoint.plan.message}.`);
  if (touchpoint.planning) lines.push(planningLine(touchpoint.planning));
  lines.push(touchpoint.methodNote, "");
  return lines;
}

/** Renders a report as Markdown: one table per touchpoint, then the verdicts in plain words. */
export function formatReport(report: Report): string {
  const { events } = report;
  const lines = [
    "# Touchpoint report",
    "",
    `${formatCount(events.received)} events received: ${formatCount(events.counted)} counted, ` +
      `${formatCount(events.duplicates)} repeated ids counted once, ` +
      `${formatCount(events.forcedPreviews)} forced previews left out.`,
    "",
  ];
  if (events.invalidScores > 0) {
    lines.push(
      `${formatCount(events.invalidScores)} answers had a score off the scale and were left out of the scores.`,
      "",
    );
  }
  if (report.surveys.length === 0) lines.push("No events to report.", "");
  const showSite = new Set(report.surveys.map((s) => s.siteKey)).size > 1;
  for (const survey of report.surveys) {
    for (const touchpoint of survey.touchpoints) {
      lines.push(...touchpointSection(survey, touchpoint, showSite));
    }
  }
  const { minAnswers, minImpressions, alpha } = report.thresholds;
  lines.push(
    `Intervals are 95% (wider where several comparisons share the error rate). A winner needs ` +
      `p < ${alpha} and at least ${minImpressions} visitors shown (rates) or ${minAnswers} answers ` +
      `(scores) in each arm.`,
    report.note,
  );
  return `${lines.join("\n")}\n`;
}
