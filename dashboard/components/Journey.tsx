import {
  formatCount,
  intervalText,
  percent,
  SCORE_MEANING,
  SCORE_NAME,
  scoreValue,
  share,
  stageName,
} from "../format";
import type { Stage } from "../model";
import { lowPointOf } from "../model";
import { SplitBar } from "./SplitBar";

/**
 * The touchpoints as a row of journey stages, each with its score, how its answers split and
 * how many visitors answered, so the stage where experience drops stands out.
 */
export function Journey(props: { stages: readonly Stage[] }) {
  const { stages } = props;
  const low = lowPointOf(stages);
  return (
    <>
      {low && (
        <p class="callout">
          <strong>Lowest point: {stageName(low.touchpoint)}.</strong>{" "}
          {share(
            low.totals.split.low,
            low.totals.split.low + low.totals.split.middle + low.totals.split.high,
          )}{" "}
          of its answers are at the low end of the scale, more than at any other stage.
        </p>
      )}
      <ol class="journey">
        {stages.map((stage) => {
          const { totals, surveyType: type } = stage;
          const isLow = stage === low;
          return (
            <li key={stage.key} class={isLow ? "stage low-point" : "stage"}>
              <h3>{stageName(stage.touchpoint)}</h3>
              <p class="survey">
                <abbr title={SCORE_MEANING[type]}>{SCORE_NAME[type]}</abbr> · {stage.surveyId}
                {stage.report.arms.length > 1 && <span class="tag">A/B test</span>}
              </p>
              <p class="score">{totals.score ? scoreValue(type, totals.score.value) : "–"}</p>
              <p class="interval">{intervalText(type, totals.score) || "no answers yet"}</p>
              <SplitBar type={type} split={totals.split} />
              <p class="counts">
                {formatCount(totals.impressions)} shown · {formatCount(totals.answers)} answers
                <br />
                {percent(totals.responseRate, 0)} answered · {percent(totals.dismissRate, 0)}{" "}
                dismissed
              </p>
              {isLow && <p class="flag">Most unhappy answers</p>}
            </li>
          );
        })}
      </ol>
    </>
  );
}
