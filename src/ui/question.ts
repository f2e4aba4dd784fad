// The prompt's card, built with plain DOM calls: the first frame of a prompt has one piece of
// state (the chosen value) and a step, which need no virtual DOM, and Preact's first render was a
// good part of the time from the trigger to the painted prompt. The steps after the answer, which
// have real form state, render with Preact into a slot of the card (steps.ts).
import type { Step } from "./controller";
import { scale } from "./question-scale";

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
  /** Picture of a star or face value, a new element on each call. */
  icon: ((index: number) => Element) | undefined;
  label: string;
  question: string;
  low: string;
  high: string;
  submit: string;
  close: string;
  /** The live region's text: the thank-you, an error, or nothing. */
  status: string;
  /** CSS properties of the card (theme colours), camelCase or `--custom`. */
  colors: Record<string, string>;
  /**
   * The follow-up step, drawn by the steps part (steps.ts) once it has loaded, into `slot`: an
   * element of the card that is the step's alone while it shows.
   */
  followUp: ((slot: HTMLElement, id: (part: string) => string) => void) | undefined;
}

/** What the visitor can do; the prompt's owner turns these into state changes. */
export interface PromptActions {
  select: (value: number, tapped: boolean) => void;
  submit: () => void;
  close: () => void;
}

/** What building a part of the card needs. */
export interface Builder {
  el: <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs?: Record<string, string>,
    ...children: (Node | string)[]
  ) => HTMLElementTagNameMap[K];
  /** Adds an update, run on every render with the new view; it writes only what differs. */
  bind: (update: (view: PromptView) => void) => void;
  /** A text node that follows the view. */
  text: (read: (view: PromptView) => string) => Text;
  id: (part: string) => string;
  /** The latest view and actions, for event handlers. */
  current: { view: PromptView; on: PromptActions };
}

/** A card drawn into a root. */
interface Card {
  node: HTMLElement;
  /** What cannot change without building the card again (the radios). */
  key: string;
  current: Builder["current"];
  updates: ((view: PromptView) => void)[];
}

const cards = new WeakMap<Node, Card>();

/**
 * Draws the prompt into `root`: builds the card on the first call; later calls change only what
 * differs (the chosen value, the step, the status, texts, colours), so the radios, and the focus
 * on them, stay. Presentational only.
 */
export function renderPrompt(root: ShadowRoot | Element, view: PromptView, on: PromptActions) {
  const key = `${view.surveyId} ${view.scale} ${view.values.join()} ${view.icon ? 1 : 0}`;
  let card = cards.get(root);
  const fresh = card?.key !== key || card.node.parentNode !== root;
  if (!card || fresh) {
    card?.node.remove();
    card = build(root.ownerDocument, view, on, key);
    cards.set(root, card);
  }
  card.current.view = view;
  card.current.on = on;
  for (const update of card.updates) update(view);
  // Appended once complete, so the page lays it out once.
  if (fresh) root.append(card.node);
}

function build(doc: Document, first: PromptView, on: PromptActions, key: string): Card {
  const updates: Card["updates"] = [];
  const current = { view: first, on };
  const el: Builder["el"] = (tag, attrs = {}, ...children) => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const bind: Builder["bind"] = (update) => void updates.push(update);
  const text: Builder["text"] = (read) => {
    const node = doc.createTextNode("");
    bind((view) => {
      const value = read(view);
      if (node.data !== value) node.data = value;
    });
    return node;
  };
  const attr = (node: Element, name: string, read: (view: PromptView) => string) =>
    bind((view) => {
      const value = read(view);
      if (node.getAttribute(name) !== value) node.setAttribute(name, value);
    });
  const id = (part: string) => `tp-${first.surveyId}-${part}`;

  const card = el("div", { class: "card", role: "dialog" });
  attr(card, "aria-label", (view) => view.label);
  card.addEventListener("keydown", (event) => {
    if (event.key === "Escape") current.on.close();
  });
  let colors: Record<string, string> = {};
  bind(({ colors: next }) => {
    if (next === colors) return;
    const property = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const name of Object.keys(colors))
      if (!(name in next)) card.style.removeProperty(property(name));
    for (const [name, value] of Object.entries(next)) card.style.setProperty(property(name), value);
    colors = next;
  });

  const close = el("button", { type: "button", class: "close" }, "×");
  attr(close, "aria-label", (view) => view.close);
  close.addEventListener("click", () => current.on.close());

  const submit = el(
    "button",
    { type: "submit" },
    text((view) => view.submit),
  );
  bind((view) => {
    submit.disabled = view.value === undefined;
  });
  const form = el(
    "form",
    {},
    el(
      "fieldset",
      {},
      el(
        "legend",
        {},
        text((view) => view.question),
      ),
      scale({ el, bind, text, id, current }, first),
      el(
        "p",
        { class: "ends" },
        el(
          "span",
          { id: id("low") },
          text((view) => view.low),
        ),
        el(
          "span",
          { id: id("high") },
          text((view) => view.high),
        ),
      ),
    ),
    el("div", { class: "actions" }, submit),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    current.on.submit();
  });

  let slot = el("div");
  const status = el(
    "p",
    { role: "status" },
    text((view) => view.status),
  );
  attr(status, "class", (view) => (view.step === "thanks" ? "status thanks" : "status"));
  bind(({ step, followUp }) => {
    if (step !== "question") form.remove();
    else if (form.parentNode !== card) card.insertBefore(form, slot);
    if (step === "followUp" && followUp) followUp(slot, id);
    else if (slot.firstChild) {
      // A new slot rather than emptying this one: the steps part's Preact keeps its tree on the
      // element it rendered into, and would compare a later render with what is gone.
      const empty = el("div");
      slot.replaceWith(empty);
      slot = empty;
    }
  });
  card.append(close, form, slot, status);
  return { node: card, key, current, updates };
}
