import type { Estimate } from "../../src/report/types";

/** A rate from 0 to 100% as a bar with its 95% interval as a whisker; decoration beside the numbers. */
export function IntervalBar(props: { estimate: Estimate | null; kind: "response" | "dismiss" }) {
  const { estimate } = props;
  return (
    <svg
      viewBox="0 0 100 12"
      preserveAspectRatio="none"
      class={`rate-bar ${props.kind}`}
      aria-hidden="true"
    >
      <rect class="track" width="100" height="12" />
      {estimate && <rect class="fill" width={estimate.value} y="2" height="8" />}
      {estimate && estimate.low !== null && estimate.high !== null && (
        <line class="whisker" x1={estimate.low} x2={estimate.high} y1="6" y2="6" />
      )}
    </svg>
  );
}
