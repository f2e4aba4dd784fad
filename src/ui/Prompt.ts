import { type ComponentChildren, h, type VNode } from "preact";
import { MAX_COMMENT_LENGTH, MAX_CONTACT_LENGTH } from "../wire/limits";
import type { Step } from "./controller";
import { Scale } from "./Scale";

/** Everything the prompt shows, already resolved from copy, built-in strings and state. */
export interface PromptView {
  surveyId: string;
  step: Step;
  values: number[];
  scale: "numbers" | "stars" | "faces";
  value: number | undefined;
  text: string;
  rtl: boolean;
  /** Names of the five CSAT values (stars, faces). */
  words: string[];
  /** Picture of a star or face value. */
  icon: ((index: number) => VNode) | undefined;
  label: string;
  question: string;
  low: string;
  high: string;
  followUp: string | undefined;
  /** The consent checkbox, when this answer's segment is asked. */
  consent: { label: string; checked: boolean } | undefined;
  /** The contact field, once consent is ticked and no contact is known. */
  contact:
    | { label: string; type: "email" | "tel" | "text"; value: string; error: string | undefined }
    | undefined;
  submit: string;
  send: string;
  skip: string;
  close: string;
  /** The live region's text: the thank-you, an error, or nothing. */
  status: string;
  /** CSS custom properties of the card (theme colours). */
  colors: Record<string, string>;
}

/** What the visitor can do; the prompt's owner turns these into state changes. */
export interface PromptActions {
  select: (value: number, tapped: boolean) => void;
  submit: () => void;
  input: (text: string) => void;
  agree: (consent: boolean) => void;
  typeContact: (text: string) => void;
  send: () => void;
  skip: () => void;
  close: () => void;
}

/** The optional contact, with its inline message when it is not valid. */
function ContactField(props: {
  contact: NonNullable<PromptView["contact"]>;
  id: (part: string) => string;
  on: PromptActions;
}) {
  const { contact, id, on } = props;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id("contact") }, contact.label),
    h("input", {
      id: id("contact"),
      type: contact.type,
      dir: "auto",
      autoComplete: contact.type === "text" ? "off" : contact.type,
      maxLength: MAX_CONTACT_LENGTH,
      value: contact.value,
      "aria-invalid": contact.error ? "true" : undefined,
      "aria-describedby": contact.error ? id("invalid") : undefined,
      onInput: (event: Event) => on.typeContact((event.currentTarget as HTMLInputElement).value),
    }),
    contact.error && h("p", { id: id("invalid"), class: "invalid" }, contact.error),
  );
}

/**
 * The prompt: question with its scale, optional follow-up, thank-you. Presentational only.
 * Written with `h()` rather than JSX: the classic runtime is Preact's own `h`, already in the
 * chunk, where the automatic JSX runtime would add a second element factory.
 */
export function Prompt({ view, on }: { view: PromptView; on: PromptActions }) {
  const id = (part: string) => `tp-${view.surveyId}-${part}`;
  const submitted = (action: () => void) => (event: Event) => {
    event.preventDefault();
    action();
  };
  const actions = (...buttons: ComponentChildren[]) => h("div", { class: "actions" }, ...buttons);
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
        { onSubmit: submitted(on.submit) },
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
        actions(h("button", { type: "submit", disabled: view.value === undefined }, view.submit)),
      ),
    view.step === "followUp" &&
      h(
        "form",
        { onSubmit: submitted(on.send), noValidate: true },
        view.followUp && [
          h("label", { class: "follow", for: id("comment") }, view.followUp),
          h("textarea", {
            id: id("comment"),
            dir: "auto",
            maxLength: MAX_COMMENT_LENGTH,
            value: view.text,
            onInput: (event: Event) => on.input((event.currentTarget as HTMLTextAreaElement).value),
          }),
        ],
        view.consent &&
          h(
            "div",
            { class: "consent" },
            h("input", {
              type: "checkbox",
              id: id("consent"),
              checked: view.consent.checked,
              onChange: (event: Event) =>
                on.agree((event.currentTarget as HTMLInputElement).checked),
            }),
            h("label", { for: id("consent") }, view.consent.label),
          ),
        view.contact && h(ContactField, { contact: view.contact, id, on }),
        actions(
          h("button", { type: "button", class: "secondary", onClick: on.skip }, view.skip),
          h("button", { type: "submit" }, view.send),
        ),
      ),
    h(
      "p",
      { class: view.step === "thanks" ? "status thanks" : "status", role: "status" },
      view.status,
    ),
  );
}
