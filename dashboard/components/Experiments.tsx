import { formatP } from "../../src/report/numbers";
import type { ArmReport, Comparison, Report, TouchpointReport } from "../../src/report/types";
import { intervalName } from "../../src/report/verdict";
import type { SurveyType } from "../../src/wire/event";
import { formatCount, formatSigned, percent, SCORE_NAME, scoreValue, stageName } from "../format";
import { experimentsOf, type Stage } from "../model";
import { ExperimentPlan } from "./ExperimentPlan";

/** Half-width of a difference plot, in chart units. */
const HALF = 80;

function unitOf(comparison: Comparison): string {
  if (comparison.metric === "ces") return "";
  return comparison.metric === "netPromotersPerExposed" ? "" : " points";
}

function digitsOf(comparison: Comparison): number {
  return comparison.metric === "ces" ? 2 : 1;
}

function conclusion(comparison: Comparison): string {
  if (comparison.outcome !== "not enough data") return comparison.outcome;
  const what = comparison.basis === "answers" ? "answers" : "visitors shown";
  return `not enough ${what} yet (${formatCount(comparison.have)} of ${formatCount(comparison.needed)})`;
}

/** Variant minus control with its 95% interval, drawn around zero. */
function DifferencePlot(props: { comparison: Comparison; scale: number }) {
  const { comparison, scale } = props;
  const at = (value: number) => HALF + (HALF * value) / scale;
  const { difference, low, high } = comparison;
  return (
    <svg
      viewBox={`0 0 ${2 * HALF} 16`}
      class={`diff ${comparison.outcome.replace(/ /g, "-")}`}
      aria-hidden="true"
    >
      <line class="zero" x1={HALF} x2={HALF} y1="0" y2="16" />
      {low !== null && high !== null && (
        <line class="ci" x1={at(low)} x2={at(high)} y1="8" y2="8" />
      )}
      {difference !== null && <circle class="point" cx={at(difference)} cy="8" r="4" />}
    </svg>
  );
}

function scoreCell(type: SurveyType, arm: ArmReport): string {
  return arm.score ? scoreValue(type, arm.score.value) : "–";
}

function ArmsTable(props: { report: TouchpointReport; type: SurveyType; caption: string }) {
  const { report, type } = props;
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Variant</th>
          <th scope="col">Shown</th>
          <th scope="col">Answers</th>
          <th scope="col">Response rate</th>
          <th scope="col">Dismissal rate</th>
          <th scope="col">{SCORE_NAME[type]}</th>
          {type === "nps" && <th scope="col">Net promoters per 100 shown</th>}
        </tr>
      </thead>
      <tbody>
        {report.arms.map((arm) => (
          <tr key={arm.variant}>
            <th scope="row">
              {arm.variant}
              {arm.variant === report.control && arm.variant !== "control" && (
                <span class="muted"> (control)</span>
              )}
            </th>
            <td>{formatCount(arm.impressions)}</td>
            <td>{formatCount(arm.answers)}</td>
            <td>{percent(arm.responseRate)}</td>
            <td>{percent(arm.dismissRate)}</td>
            <td>{scoreCell(type, arm)}</td>
            {type === "nps" && (
              <td>
                {arm.netPromotersPerExposed ? formatSigned(arm.netPromotersPerExposed.value) : "–"}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComparisonTable(props: { comparisons: readonly Comparison[]; caption: string }) {
  const { comparisons } = props;
  const scale = Math.max(
    1,
    ...comparisons
      .filter((c) => c.metric !== "ces")
      .flatMap((c) => [Math.abs(c.low ?? 0), Math.abs(c.high ?? 0)]),
  );
  const cesScale = Math.max(
    0.5,
    ...comparisons
      .filter((c) => c.metric === "ces")
      .flatMap((c) => [Math.abs(c.low ?? 0), Math.abs(c.high ?? 0)]),
  );
  return (
    <table class="comparisons">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Difference</th>
          <th scope="col">Interval</th>
          <th scope="col">Around zero</th>
          <th scope="col">p</th>
          <th scope="col">Conclusion</th>
        </tr>
      </thead>
      <tbody>
        {comparisons.map((c) => {
          const d = digitsOf(c);
          const shown = c.difference !== null && c.have >= c.needed;
          return (
            <tr key={`${c.variant}:${c.metric}`} class={`outcome-${c.outcome.replace(/ /g, "-")}`}>
              <th scope="row">{c.label}</th>
              <td>{shown ? `${formatSigned(c.difference as number, d)}${unitOf(c)}` : "–"}</td>
              <td>
                {shown && c.low !== null && c.high !== null
                  ? `${formatSigned(c.low, d)} to ${formatSigned(c.high, d)} (${intervalName(c).replace(" interval", "")})`
                  : "–"}
              </td>
              <td class="plot">
                {shown && (
                  <DifferencePlot comparison={c} scale={c.metric === "ces" ? cesScale : scale} />
                )}
              </td>
              <td>{shown && c.pValue !== null ? formatP(c.pValue).replace("p ", "") : "–"}</td>
              <td>
                <span class="outcome">{conclusion(c)}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Experiment(props: { stage: Stage; showSite: boolean }) {
  const { report, surveyType: type, surveyId, touchpoint, siteKey } = props.stage;
  const name = stageName(touchpoint);
  const id = `exp-${siteKey}-${surveyId}-${touchpoint}`;
  const variants = report.arms.filter((arm) => arm.variant !== report.control);
  const check = report.sampleRatio;
  return (
    <article class="experiment" aria-labelledby={id}>
      <h3 id={id}>
        {name} ({surveyId}
        {props.showSite ? `, site ${siteKey}` : ""}):{" "}
        {report.arms.map((arm) => arm.variant).join(" vs ")}
      </h3>
      <p class="summary">
        <strong>{report.summary}</strong>
      </p>
      {report.warnings.map((warning) => (
        <p key={warning} class="warning">
          Warning: {warning}.
        </p>
      ))}
      <p class="status">
        {report.winners.length ? (
          <strong class="winner">Winner: {report.winners.join(", ")}.</strong>
        ) : (
          <strong>No winner yet.</strong>
        )}{" "}
        {check &&
          (check.flagged
            ? `Warning: the traffic split is off (${formatP(check.pValue)}), so no winner is named.`
            : `Traffic split as expected (${check.weights} weights, sequential test, ${formatP(check.pValue)}).`)}
      </p>
      <ExperimentPlan report={report} />
      <ArmsTable report={report} type={type} caption={`${name}: figures per variant`} />
      {variants.map((arm) => (
        <ComparisonTable
          key={arm.variant}
          comparisons={report.comparisons.filter((c) => c.variant === arm.variant)}
          caption={`${arm.variant} minus ${report.control ?? "control"}`}
        />
      ))}
      <h4>In plain words</h4>
      <ul class="verdicts">
        {report.verdicts.map((verdict) => {
          const colon = verdict.indexOf(": ");
          return (
            <li key={verdict}>
              <strong>{verdict.slice(0, colon + 1)}</strong> {verdict.slice(colon + 2)}
            </li>
          );
        })}
      </ul>
    </article>
  );
}

/** Every A/B test: the figures per variant, each compared with the control, and the verdicts. */
export function Experiments(props: { stages: readonly Stage[]; report: Report }) {
  const { note, thresholds } = props.report;
  const experiments = experimentsOf(props.stages);
  const showSite = new Set(props.stages.map((stage) => stage.siteKey)).size > 1;
  if (experiments.length === 0) {
    return <p>No A/B test has data in this period: every touchpoint shows one copy.</p>;
  }
  return (
    <>
      {experiments.map((stage) => (
        <Experiment key={stage.key} stage={stage} showSite={showSite} />
      ))}
      <p class="note">
        {note} A winner needs p &lt; {thresholds.alpha} (Holm-adjusted across the comparisons with
        the control; an interval is wider than 95% when several comparisons share the error rate)
        with at least {formatCount(thresholds.minImpressions)} visitors shown (rates) or{" "}
        {formatCount(thresholds.minAnswers)} answers (scores) per variant. Differences are variant
        minus control, in percentage points (rates), NPS points, or points of the 1-7 scale (CES).
      </p>
    </>
  );
}
