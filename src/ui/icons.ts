// Pictures of star and face values, a chunk loaded only for CSAT surveys that show them. It takes
// Preact's `h` as an argument so that it shares no module with the UI chunk. Decorative: each
// radio is named in words.
import type { h as createElement, VNode } from "preact";

/** Rules only prompts with pictures need, adopted beside the prompt's stylesheet. */
export const css = `svg{width:1.75em;height:1.75em;fill:none;stroke:currentColor;stroke-width:1.5}
.eye{fill:currentColor}
.stars .value>span{border-color:transparent;background:none!important;color:inherit!important}
.stars .on svg{fill:var(--ac);stroke:var(--ac)}`;

const STAR = "12 2.5 14.9 8.6 21.5 9.4 16.6 14 17.9 20.6 12 17.3 6.1 20.6 7.4 14 2.5 9.4 9.1 8.6";

/** A star, or a face from frowning (index 0) to smiling (4). */
export function icon(h: typeof createElement, scale: "stars" | "faces", index: number): VNode {
  const mood = index - 2;
  const y = 15.5 - mood / 2;
  return h(
    "svg",
    { viewBox: "0 0 24 24", "aria-hidden": "true" },
    scale === "stars"
      ? h("polygon", { points: STAR })
      : [
          h("circle", { cx: 12, cy: 12, r: 9.5 }),
          h("circle", { class: "eye", cx: 8.75, cy: 9.75, r: 1.25 }),
          h("circle", { class: "eye", cx: 15.25, cy: 9.75, r: 1.25 }),
          h("path", { d: `M7.5 ${y}Q12 ${15.5 + mood * 2} 16.5 ${y}` }),
        ],
  );
}
