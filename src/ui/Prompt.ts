import { type ComponentChild, h, type VNode } from "preact";
import type { Step } from "./controller";
import { Scale } from "./Scale";

/** Everything the prompt shows, already resolved from copy, built-in strings and state. */
export interface PromptView {
  surveyId: string;
  step: Step;
  values: number[];
  scale: "numbers" | "stars" | "faces";
  value: number | undefined;
  rtl: boolean;
  /** Names of the five CSAT values (stars, faces). */
  words: string[];
  /** Picture of a star or face value. */
  icon: ((index: number) => VNode) | undefined;
  label: string;
  question: string;
  low: string;
  high: string;
  submit: string;
  close: string;
  /** The live region's text: the thank-you, an error, or nothing. */
  status: string;
  /** CSS custom properties of the card (theme colours). */
  colors: Record<string, string>;
  /** The follow-up step, drawn by the steps part (steps.ts) once it has loaded. */
  followUp: ((id: (part: string) => string) => ComponentChild) | undefined;
}

/** What the visitor can do; the prompt's owner turns these into state changes. */
export interface PromptActions {
  select: (value: number, tapped: boolean) => void;
  submit: () => void;
  close: () => void;
}

/**
 * The prompt: question with its scale, optional follow-up (from the steps part), thank-you.
 * Presentational only.
 * Written with `h()` rather than JSX: the classic runtime is Preact's own `h`, already in the
 * chunk, where the automatic JSX runtime would add a second element factory.
 */
export function Prompt({ view, on }: { view: PromptView; on: PromptActions }) {
  const id = (part: string) => `tp-${view.surveyId}-${part}`;
  return h(
    "div",
    {
      class: "card",
      role: "dialog",
      "aria-label": view.label,
      style: view.colors,
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key === "Escape") on.close();
      },
    },
    h(
      "button",
      { type: "button", class: "close", "aria-label": view.close, onClick: on.close },
      "×",
    ),
    view.step === "question" &&
      h(
        "form",
        {
          onSubmit: (event: Event) => {
            event.preventDefault();
            on.submit();
          },
        },
        h(
          "fieldset",
          null,
          h("legend", null, view.question),
          h(Scale, { view, id, select: on.select }),
          h(
            "p",
            { class: "ends" },
            h("span", { id: id("low") }, view.low),
            h("span", { id: id("high") }, view.high),
          ),
        ),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "submit", disabled: view.value === undefined }, view.submit),
        ),
      ),
    view.step === "followUp" && view.followUp?.(id),
    h(
      "p",
      { class: view.step === "thanks" ? "status thanks" : "status", role: "status" },
      view.status,
    ),
  );
}
