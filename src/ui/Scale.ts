import type { TargetedKeyboardEvent } from "preact";
import { h } from "preact";
import type { PromptView } from "./Prompt";

export interface ScaleProps {
  view: PromptView;
  id: (part: string) => string;
  /** `tapped` is true for a pointer click or tap, false for the keyboard. */
  select: (value: number, tapped: boolean) => void;
}

const ARROWS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The values as native radios (one tab stop). Arrow keys move the choice in visual order, also
 * right to left, and never submit.
 */
export function Scale({ view, id, select }: ScaleProps) {
  const { values, scale, value } = view;
  const last = values.length - 1;
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>, from: number) => {
    const step = ARROWS[event.key];
    if (!step || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const horizontal = event.key === "ArrowLeft" || event.key === "ArrowRight";
    const to = (from + (horizontal && view.rtl ? -step : step) + values.length) % values.length;
    select(values[to] ?? 0, false);
    event.currentTarget.closest(".values")?.querySelectorAll("input")[to]?.focus();
  };
  const ends = (i: number) =>
    scale !== "numbers" ? undefined : i === 0 ? id("low") : i === last ? id("high") : undefined;
  return h(
    "div",
    { class: `values ${scale}` },
    values.map((v, i) =>
      h(
        "label",
        {
          key: v,
          class: scale === "stars" && value !== undefined && v <= value ? "value on" : "value",
        },
        h("input", {
          type: "radio",
          name: id("score"),
          value: v,
          checked: value === v,
          "aria-describedby": ends(i),
          onClick: (event: MouseEvent) => select(v, event.detail > 0),
          onKeyDown: (event: TargetedKeyboardEvent<HTMLInputElement>) => onKeyDown(event, i),
        }),
        h(
          "span",
          null,
          scale === "numbers" ? v : [view.icon?.(i), h("span", { class: "sr" }, view.words[i])],
        ),
      ),
    ),
  );
}
