import type { Builder, PromptView } from "./question";

const ARROWS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The values as native radios (one tab stop), built once: a render only checks the chosen one.
 * Arrow keys move the choice in visual order, also right to left, and never submit.
 */
export function scale({ el, bind, text, id, current }: Builder, first: PromptView): HTMLElement {
  const { values, scale, icon } = first;
  const last = values.length - 1;
  const radios = values.map((v, i) => {
    const input = el("input", { type: "radio", name: id("score"), value: String(v) });
    if (scale === "numbers" && (i === 0 || i === last))
      input.setAttribute("aria-describedby", id(i === 0 ? "low" : "high"));
    // `detail` counts pointer clicks; a click from the keyboard (Space) has none.
    input.addEventListener("click", (event) => current.on.select(v, event.detail > 0));
    input.addEventListener("keydown", (event) => {
      const step = ARROWS[event.key];
      if (!step || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      const horizontal = event.key === "ArrowLeft" || event.key === "ArrowRight";
      const to =
        (i + (horizontal && current.view.rtl ? -step : step) + values.length) % values.length;
      current.on.select(values[to] ?? 0, false);
      radios[to]?.focus();
    });
    bind((view) => {
      if (input.checked !== (view.value === v)) input.checked = view.value === v;
    });
    return input;
  });
  const labels = radios.map((input, i) => {
    const label = el(
      "label",
      { class: "value" },
      input,
      el(
        "span",
        {},
        ...(scale === "numbers"
          ? [input.value]
          : [
              ...(icon ? [icon(i)] : []),
              el(
                "span",
                { class: "sr" },
                text((view) => view.words[i] ?? ""),
              ),
            ]),
      ),
    );
    const v = values[i] ?? 0;
    if (scale === "stars")
      bind((view) => label.classList.toggle("on", view.value !== undefined && v <= view.value));
    return label;
  });
  return el("div", { class: `values ${scale}` }, ...labels);
}
