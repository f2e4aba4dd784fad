import { npsEstimate } from "../../src/report/nps";
import { wilsonEstimate } from "../../src/report/proportion";
import type { Estimate } from "../../src/report/types";
import type { TimeseriesRow } from "../api";
import { dayLabel, formatCount, intervalText, SCORE_NAME, scoreValue } from "../format";
import { extent, labelledIndexes, linear, ticks } from "./chart";
import { TableFallback } from "./Section";

const WIDTH = 640;
const HEIGHT = 250;
const MARGIN = { top: 14, right: 16, bottom: 40, left: 48 };
/** Fewest answers in a bucket for its interval to be drawn; smaller ones get a hollow point. */
const MIN_BAND_ANSWERS = 10;
/** Most x-axis labels before they would overlap. */
const MAX_X_LABELS = 8;

interface Point {
  row: TimeseriesRow;
  estimate: Estimate | null;
}

function pointsOf(type: "nps" | "csat", rows: readonly TimeseriesRow[]): Point[] {
  return rows.map((row) => ({
    row,
    estimate:
      type === "nps"
        ? npsEstimate({
            promoters: row.promoters,
            passives: row.passives,
            detractors: row.detractors,
          })
        : wilsonEstimate(row.csatSatisfied, row.answers),
  }));
}

function describe(
  type: "nps" | "csat",
  points: readonly Point[],
  unit: string,
  scope: string,
): string {
  const scored = points.filter((p) => p.estimate);
  if (scored.length === 0) return `No ${SCORE_NAME[type]} answers in this period.`;
  const by = (a: Point, b: Point) => (a.estimate?.value ?? 0) - (b.estimate?.value ?? 0);
  const sorted = [...scored].sort(by);
  const low = sorted[0] as Point;
  const high = sorted.at(-1) as Point;
  const last = scored.at(-1) as Point;
  const value = (p: Point) => scoreValue(type, p.estimate?.value ?? 0);
  return (
    `${SCORE_NAME[type]} of ${scope} by ${unit} from ${dayLabel((scored[0] as Point).row.day)} to ${dayLabel(last.row.day)}. ` +
    `Lowest ${value(low)} in the ${unit} of ${dayLabel(low.row.day)}, highest ${value(high)} in the ${unit} of ${dayLabel(high.row.day)}. ` +
    `Latest ${value(last)} (${intervalText(type, last.estimate)}, ${formatCount(last.row.answers)} answers).`
  );
}

/** A score over time: the line, its 95% interval as a band, and the same numbers as a table. */
export function TrendChart(props: {
  id: string;
  type: "nps" | "csat";
  rows: readonly TimeseriesRow[];
  bucket: "day" | "week";
  /** Surveys of this type to choose from: id and name. */
  surveys: ReadonlyArray<readonly [string, string]>;
  surveyId: string;
  onSurvey: (surveyId: string) => void;
}) {
  const { id, type, rows, bucket } = props;
  const points = pointsOf(type, rows);
  const scored = points.filter((p) => p.estimate);
  const chosen = props.surveys.find(([surveyId]) => surveyId === props.surveyId);
  const scope = chosen ? chosen[1] : `all ${SCORE_NAME[type]} questions`;
  const title = `${SCORE_NAME[type]} by ${bucket}, ${scope}`;
  const description = describe(type, points, bucket, scope);
  const limits: [number, number] = type === "nps" ? [-100, 100] : [0, 100];
  const bounds = scored.flatMap((p) => {
    const e = p.estimate as Estimate;
    if (p.row.answers < MIN_BAND_ANSWERS) return [e.value];
    return [e.value, e.low ?? e.value, e.high ?? e.value];
  });
  const yDomain = extent(bounds, 10, 40, limits);
  const y = linear(yDomain, [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const x = (i: number) => MARGIN.left + ((i + 0.5) * plotWidth) / Math.max(1, points.length);
  const withInterval = points
    .map((p, i) => ({ p, i }))
    .filter(
      ({ p }) =>
        p.row.answers >= MIN_BAND_ANSWERS &&
        p.estimate &&
        p.estimate.low !== null &&
        p.estimate.high !== null,
    );
  const band = withInterval.length
    ? [
        ...withInterval.map(({ p, i }) => `${x(i)},${y(p.estimate?.high as number)}`),
        ...[...withInterval].reverse().map(({ p, i }) => `${x(i)},${y(p.estimate?.low as number)}`),
      ].join(" ")
    : "";
  const line = points
    .map((p, i) => (p.estimate ? `${x(i)},${y(p.estimate.value)}` : ""))
    .filter(Boolean)
    .join(" ");
  const labelled = labelledIndexes(points.length, MAX_X_LABELS);

  return (
    <figure class="chart">
      <div class="chart-head">
        <h3>{SCORE_NAME[type]}</h3>
        <label>
          Question<span class="visually-hidden"> of the {SCORE_NAME[type]} chart</span>
          <select value={props.surveyId} onChange={(e) => props.onSurvey(e.currentTarget.value)}>
            <option value="">All {SCORE_NAME[type]} questions</option>
            {props.surveys.map(([surveyId, name]) => (
              <option key={surveyId} value={surveyId}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
        class="trend"
      >
        <title id={`${id}-title`}>{title}</title>
        {ticks(yDomain, 6).map((tick) => (
          <g key={tick} class={tick === 0 && type === "nps" ? "grid zero" : "grid"}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" text-anchor="end">
              {type === "nps" ? scoreValue("nps", tick) : `${tick}%`}
            </text>
          </g>
        ))}
        {band && <polygon class="band" points={band} />}
        {line && <polyline class="line" points={line} />}
        {points.map((p, i) => (
          <g key={p.row.day}>
            {p.estimate && (
              <circle
                class={p.row.answers < MIN_BAND_ANSWERS ? "dot few" : "dot"}
                cx={x(i)}
                cy={y(p.estimate.value)}
                r="4"
              >
                <title>
                  {`${bucket === "week" ? "Week of " : ""}${dayLabel(p.row.day)}: ${SCORE_NAME[type]} ${scoreValue(type, p.estimate.value)}, ${intervalText(type, p.estimate)}, ${formatCount(p.row.answers)} answers`}
                </title>
              </circle>
            )}
            {labelled.has(i) && (
              <text class="x-label" x={x(i)} y={HEIGHT - MARGIN.bottom + 18} text-anchor="middle">
                {dayLabel(p.row.day)}
              </text>
            )}
          </g>
        ))}
        <text class="axis-note" x={MARGIN.left} y={HEIGHT - 6}>
          {bucket === "week" ? "Weeks start on Monday (UTC)" : "Days (UTC)"}
        </text>
      </svg>
      <figcaption>
        <span class="legend">
          <span class="key-line" aria-hidden="true" /> {SCORE_NAME[type]}
          <span class="key-band" aria-hidden="true" /> 95% interval
          {points.some((p) => p.estimate && p.row.answers < MIN_BAND_ANSWERS) && (
            <>
              <span class="key-few" aria-hidden="true" /> fewer than {MIN_BAND_ANSWERS} answers, no
              interval drawn
            </>
          )}
        </span>
        <span id={`${id}-summary`}>{description}</span>
      </figcaption>
      <TableFallback>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === "week" ? "Week of" : "Day"}</th>
              <th scope="col">Shown</th>
              <th scope="col">Answers</th>
              <th scope="col">{SCORE_NAME[type]}</th>
              <th scope="col">95% interval</th>
              {type === "nps" ? (
                <>
                  <th scope="col">Promoters</th>
                  <th scope="col">Passives</th>
                  <th scope="col">Detractors</th>
                </>
              ) : (
                <th scope="col">Satisfied (4-5)</th>
              )}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.row.day}>
                <th scope="row">{dayLabel(p.row.day)}</th>
                <td>{formatCount(p.row.impressions)}</td>
                <td>{formatCount(p.row.answers)}</td>
                <td>{p.estimate ? scoreValue(type, p.estimate.value) : "–"}</td>
                <td>{intervalText(type, p.estimate).replace("95% interval ", "") || "–"}</td>
                {type === "nps" ? (
                  <>
                    <td>{formatCount(p.row.promoters)}</td>
                    <td>{formatCount(p.row.passives)}</td>
                    <td>{formatCount(p.row.detractors)}</td>
                  </>
                ) : (
                  <td>{formatCount(p.row.csatSatisfied)}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFallback>
    </figure>
  );
}
