// Pictures of star and face values, a chunk loaded only for CSAT surveys that show them, built
// with DOM calls like the card (question.ts). Decorative: each radio is named in words.

/** Rules only prompts with pictures need, adopted beside the prompt's stylesheet. */
export const css = `svg{width:1.75em;height:1.75em;fill:none;stroke:currentColor;stroke-width:1.5}
.eye{fill:currentColor}
.stars .value>span{border-color:transparent;background:none!important;color:inherit!important}
.stars .on svg{fill:var(--ac);stroke:var(--ac)}`;

const STAR = "12 2.5 14.9 8.6 21.5 9.4 16.6 14 17.9 20.6 12 17.3 6.1 20.6 7.4 14 2.5 9.4 9.1 8.6";

/** A star, or a face from frowning (index 0) to smiling (4). */
export function icon(document: Document, scale: "stars" | "faces", index: number): SVGSVGElement {
  const svg = (tag: string, attrs: Record<string, string | number>) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    return node;
  };
  const mood = index - 2;
  const y = 15.5 - mood / 2;
  const picture = svg("svg", { viewBox: "0 0 24 24", "aria-hidden": "true" }) as SVGSVGElement;
  picture.append(
    ...(scale === "stars"
      ? [svg("polygon", { points: STAR })]
      : [
          svg("circle", { cx: 12, cy: 12, r: 9.5 }),
          svg("circle", { class: "eye", cx: 8.75, cy: 9.75, r: 1.25 }),
          svg("circle", { class: "eye", cx: 15.25, cy: 9.75, r: 1.25 }),
          svg("path", { d: `M7.5 ${y}Q12 ${15.5 + mood * 2} 16.5 ${y}` }),
        ]),
  );
  return picture;
}
