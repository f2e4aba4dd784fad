import type { ArmReport } from "../../src/report/types";
import { formatCount, scoreValue, share, stageName } from "../format";
import { type Split, type Stage, scoreOf, splitOf } from "../model";
import { TableFallback } from "./Section";

const WIDTH = 900;
const ROW = 34;
const LABEL_WIDTH = 230;
const SCORE_WIDTH = 56;
/** Narrowest segment, in chart units, that still gets its percentage written inside it. */
const MIN_LABELLED = 34;

interface Row {
  key: string;
  label: string;
  split: Split;
  answers: number;
  nps: number | null;
}

function rowOf(key: string, label: string, arm: Pick<ArmReport, "scoreCounts">): Row {
  const split = splitOf("nps", arm.scoreCounts);
  const estimate = scoreOf("nps", arm.scoreCounts);
  return {
    key,
    label,
    split,
    answers: split.low + split.middle + split.high,
    nps: estimate ? estimate.value : null,
  };
}

function rowsOf(stages: readonly Stage[]): Row[] {
  return stages
    .filter((stage) => stage.surveyType === "nps")
    .flatMap((stage) => {
      const name = stageName(stage.touchpoint);
      if (stage.report.arms.length < 2) return [rowOf(stage.key, name, stage.totals)];
      return stage.report.arms.map((arm) =>
        rowOf(`${stage.key}:${arm.variant}`, `${name}, ${arm.variant}`, arm),
      );
    });
}

/** Promoters, passives and detractors of every NPS touchpoint (and variant), as 100% bars. */
export function NpsBars(props: { id: string; stages: readonly Stage[] }) {
  const rows = rowsOf(props.stages);
  if (rows.length === 0) return <p>No NPS answers in this period.</p>;
  const height = rows.length * ROW + 8;
  const barWidth = WIDTH - LABEL_WIDTH - SCORE_WIDTH;
  const summary = rows
    .map(
      (r) =>
        `${r.label}: ${share(r.split.high, r.answers)} promoters, ${share(r.split.middle, r.answers)} passives, ${share(r.split.low, r.answers)} detractors`,
    )
    .join("; ");
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-summary`}
        class="bars"
      >
        <title id={`${props.id}-title`}>Promoters, passives and detractors per touchpoint</title>
        {rows.map((row, index) => {
          const top = index * ROW + 4;
          let x = LABEL_WIDTH;
          const segments = (["low", "middle", "high"] as const).map((part) => {
            const width = row.answers ? (barWidth * row.split[part]) / row.answers : 0;
            const segment = (
              <g key={part}>
                <rect class={part} x={x} y={top} width={width} height={ROW - 10} />
                {width >= MIN_LABELLED && (
                  <text
                    class="in-bar"
                    x={x + width / 2}
                    y={top + (ROW - 10) / 2}
                    dy="0.35em"
                    text-anchor="middle"
                  >
                    {share(row.split[part], row.answers)}
                  </text>
                )}
              </g>
            );
            x += width;
            return segment;
          });
          return (
            <g key={row.key}>
              <text x={0} y={top + (ROW - 10) / 2} dy="0.35em" class="row-label">
                {row.label}
              </text>
              {segments}
              <text
                x={WIDTH}
                y={top + (ROW - 10) / 2}
                dy="0.35em"
                text-anchor="end"
                class="row-score"
              >
                {row.nps === null ? "–" : scoreValue("nps", row.nps)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span class="legend">
          <span class="swatch low" aria-hidden="true" /> Detractors (0-6)
          <span class="swatch mid" aria-hidden="true" /> Passives (7-8)
          <span class="swatch high" aria-hidden="true" /> Promoters (9-10)
          <span class="legend-note">NPS at the right</span>
        </span>
        <span id={`${props.id}-summary`} class="visually-hidden">
          {summary}
        </span>
      </figcaption>
      <TableFallback>
        <table>
          <caption>Promoters, passives and detractors per touchpoint</caption>
          <thead>
            <tr>
              <th scope="col">Touchpoint</th>
              <th scope="col">Answers</th>
              <th scope="col">Detractors</th>
              <th scope="col">Passives</th>
              <th scope="col">Promoters</th>
              <th scope="col">NPS</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>{formatCount(row.answers)}</td>
                <td>{`${formatCount(row.split.low)} (${share(row.split.low, row.answers)})`}</td>
                <td>{`${formatCount(row.split.middle)} (${share(row.split.middle, row.answers)})`}</td>
                <td>{`${formatCount(row.split.high)} (${share(row.split.high, row.answers)})`}</td>
                <td>{row.nps === null ? "–" : scoreValue("nps", row.nps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFallback>
    </figure>
  );
}
