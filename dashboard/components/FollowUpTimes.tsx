import type { FollowUpTimeRow, TimesResponse } from "../followups-api";
import { dayLabel, formatCount, formatFixed, stageName } from "../format";
import { labelledIndexes, linear, ticks } from "./chart";
import { TableFallback } from "./Section";

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 14, right: 16, bottom: 40, left: 48 };
const MAX_X_LABELS = 8;

/** Hours as people say them: "45 min", "5.5 h", "3.2 days". */
export function hoursLabel(hours: number | null): string {
  if (hours === null) return "–";
  if (hours < 1) return `${formatFixed(hours * 60, 0)} min`;
  if (hours < 48) return `${formatFixed(hours, 1)} h`;
  return `${formatFixed(hours / 24, 1)} days`;
}

function summary(times: TimesResponse): string {
  const { overall, targetHours, byWeek } = times;
  if (overall.alerted === 0) return "No answer has matched an alert rule in this period.";
  const latest = byWeek.at(-1);
  return (
    `${formatCount(overall.followedUp)} of ${formatCount(overall.alerted)} alerted answers have had a first status change: ` +
    `median ${hoursLabel(overall.medianHours)}, 90th percentile ${hoursLabel(overall.p90Hours)}, against a target of ${hoursLabel(targetHours)}. ` +
    `${formatCount(overall.late)} were followed up late and ${formatCount(overall.overdue)} are overdue (no change yet, older than the target).` +
    (latest?.week
      ? ` Week of ${dayLabel(latest.week)}: median ${hoursLabel(latest.medianHours)}.`
      : "")
  );
}

function Row(props: { row: FollowUpTimeRow; head: string }) {
  const { row } = props;
  return (
    <tr>
      <th scope="row">{props.head}</th>
      <td>{formatCount(row.alerted)}</td>
      <td>{formatCount(row.followedUp)}</td>
      <td>{hoursLabel(row.medianHours)}</td>
      <td>{hoursLabel(row.p90Hours)}</td>
      <td>{formatCount(row.late)}</td>
      <td>{formatCount(row.overdue)}</td>
    </tr>
  );
}

/**
 * Time from answer to first status change per week: median bars, 90th percentile ticks and the
 * team's target as a line, with a text summary and the numbers per touchpoint and week as a table.
 */
export function FollowUpTimes(props: { times: TimesResponse }) {
  const { times } = props;
  const weeks = times.byWeek;
  const values = weeks.flatMap((w) => [w.medianHours ?? 0, w.p90Hours ?? 0]);
  const top = Math.max(times.targetHours * 1.25, ...values);
  const y = linear([0, top], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const band = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, weeks.length);
  const x = (i: number) => MARGIN.left + i * band;
  const labelled = labelledIndexes(weeks.length, MAX_X_LABELS);
  const text = summary(times);
  return (
    <figure class="chart followup-times">
      <figcaption id="followup-times-summary">{text}</figcaption>
      {weeks.length > 0 && (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby="followup-times-title"
          aria-describedby="followup-times-summary"
          class="trend followup-chart"
        >
          <title id="followup-times-title">Time to follow-up per week</title>
          {ticks([0, top], 4).map((t) => (
            <g key={t} class="grid">
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
              <text x={MARGIN.left - 6} y={y(t)} text-anchor="end" dominant-baseline="middle">
                {formatFixed(t, 0)} h
              </text>
            </g>
          ))}
          {weeks.map((w, i) => (
            <g key={w.week}>
              {w.medianHours !== null && (
                <rect
                  class="median-bar"
                  x={x(i) + band * 0.2}
                  width={band * 0.6}
                  y={y(w.medianHours)}
                  height={y(0) - y(w.medianHours)}
                />
              )}
              {w.p90Hours !== null && (
                <line
                  class="p90-tick"
                  x1={x(i) + band * 0.15}
                  x2={x(i) + band * 0.85}
                  y1={y(w.p90Hours)}
                  y2={y(w.p90Hours)}
                />
              )}
              {labelled.has(i) && w.week && (
                <text x={x(i) + band / 2} y={HEIGHT - MARGIN.bottom + 16} text-anchor="middle">
                  {dayLabel(w.week)}
                </text>
              )}
            </g>
          ))}
          <line
            class="target-line"
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(times.targetHours)}
            y2={y(times.targetHours)}
          />
        </svg>
      )}
      <p class="legend muted">
        Bars: median per week of the answer; ticks: 90th percentile; dashed line: the{" "}
        {hoursLabel(times.targetHours)} target.
      </p>
      <TableFallback>
        <table class="followup-times-table">
          <caption>Time to follow-up per touchpoint and week (median and 90th percentile)</caption>
          <thead>
            <tr>
              <th scope="col">Week, touchpoint</th>
              <th scope="col">Alerted</th>
              <th scope="col">Followed up</th>
              <th scope="col">Median</th>
              <th scope="col">90th percentile</th>
              <th scope="col">Late</th>
              <th scope="col">Overdue</th>
            </tr>
          </thead>
          <tbody>
            {times.byTouchpointWeek.map((row) => (
              <Row
                key={`${row.week}-${row.touchpoint}`}
                row={row}
                head={`${dayLabel(row.week ?? "")}, ${stageName(row.touchpoint ?? "")}`}
              />
            ))}
            <Row row={times.overall} head="Whole period, all touchpoints" />
          </tbody>
        </table>
      </TableFallback>
    </figure>
  );
}
