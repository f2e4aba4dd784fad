import type { SurveyType } from "../../src/wire/event";
import { SPLIT_NAMES, share } from "../format";
import type { Split } from "../model";

/**
 * Answers split into the low, middle and high end of the scale, as one 100% bar with its
 * shares written out beside it (the bar itself is decoration for sighted readers).
 */
export function SplitBar(props: { type: SurveyType; split: Split }) {
  const { type, split } = props;
  const n = split.low + split.middle + split.high;
  const parts = [
    { key: "low", value: split.low, name: SPLIT_NAMES[type][0] },
    { key: "middle", value: split.middle, name: SPLIT_NAMES[type][1] },
    { key: "high", value: split.high, name: SPLIT_NAMES[type][2] },
  ];
  let offset = 0;
  return (
    <div class="split">
      <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" class="split-bar">
        {n === 0 ? (
          <rect class="no-answers" width="100" height="8" />
        ) : (
          parts.map((part) => {
            const width = (100 * part.value) / n;
            const rect = (
              <rect key={part.key} class={part.key} x={offset} width={width} height="8" />
            );
            offset += width;
            return rect;
          })
        )}
      </svg>
      <ul class="split-legend">
        {parts.map((part) => (
          <li key={part.key}>
            <span class={`swatch ${part.key}`} aria-hidden="true" />
            {`${part.name.replace(/ \(.*\)$/, "")} ${share(part.value, n)}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
