import { formatCount, percent, percentInterval, SCORE_NAME, stageName } from "../format";
import type { Stage } from "../model";
import { IntervalBar } from "./IntervalBar";

/** Who answered and who dismissed, per touchpoint, with 95% intervals. */
export function Rates(props: { stages: readonly Stage[] }) {
  return (
    <table class="rates">
      <caption class="visually-hidden">Response and dismissal rates per touchpoint</caption>
      <thead>
        <tr>
          <th scope="col">Touchpoint</th>
          <th scope="col">Shown</th>
          <th scope="col">Answered</th>
          <th scope="col">Response rate (95% interval)</th>
          <th scope="col">Dismissed</th>
          <th scope="col">Dismissal rate (95% interval)</th>
        </tr>
      </thead>
      <tbody>
        {props.stages.map(({ key, touchpoint, surveyType, totals }) => (
          <tr key={key}>
            <th scope="row">
              {stageName(touchpoint)} <span class="muted">({SCORE_NAME[surveyType]})</span>
            </th>
            <td>{formatCount(totals.impressions)}</td>
            <td>{formatCount(totals.responders)}</td>
            <td class="rate">
              <span class="rate-text">
                <strong>{percent(totals.responseRate)}</strong>{" "}
                <span class="muted">{percentInterval(totals.responseRate)}</span>
              </span>
              <IntervalBar estimate={totals.responseRate} kind="response" />
            </td>
            <td>{formatCount(totals.dismissers)}</td>
            <td class="rate">
              <span class="rate-text">
                <strong>{percent(totals.dismissRate)}</strong>{" "}
                <span class="muted">{percentInterval(totals.dismissRate)}</span>
              </span>
              <IntervalBar estimate={totals.dismissRate} kind="dismiss" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
