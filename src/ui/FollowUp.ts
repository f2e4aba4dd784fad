// The follow-up step, in the steps part: the one part of the prompt drawn with Preact, which
// comes with it, so the UI chunk holds none.
import { h, render } from "preact";
import type { CopyConfig } from "../config/ui-types";
import { MAX_COMMENT_LENGTH, MAX_CONTACT_LENGTH } from "../wire/limits";
import type { PromptState } from "./controller";
import type { FollowUpActions } from "./follow-up";
import { englishSteps } from "./i18n/en-steps";
import type { ContactField, StepStrings } from "./strings";

/** Rules only the follow-up step needs, adopted beside the prompt's stylesheet. */
export const css = `textarea,.field input{display:block;font:inherit;width:100%;min-height:2.5em;padding:.5em;
border:1px solid var(--bd);border-radius:var(--r);color:inherit;background:none}
textarea{min-height:5em;resize:vertical}
.secondary{background:none;color:inherit;border-color:var(--bd)}
.consent{display:flex;gap:.5em;align-items:flex-start;margin-top:.75em}
.consent input{width:1.25em;height:1.25em;margin:.1em 0 0;flex:none;accent-color:var(--ac)}
.field{margin-top:.75em}.field label{display:block;margin-bottom:.25em}
.field [aria-invalid=true]{border:2px solid currentColor}
.invalid{margin:.25em 0 0;font-size:.875em;font-weight:600}`;

/** Everything the follow-up step shows, already resolved from copy, built-in strings and state. */
export interface FollowUpView {
  /** The follow-up question, when this answer's segment has one. */
  followUp: string | undefined;
  text: string;
  /** The consent checkbox, when this answer's segment is asked. */
  consent: { label: string; checked: boolean } | undefined;
  /** The contact field, once consent is ticked and no contact is known. */
  contact:
    | { label: string; type: "email" | "tel" | "text"; value: string; error: string | undefined }
    | undefined;
  send: string;
  skip: string;
}

/** The follow-up step's view from the survey's copy, the built-in words and the prompt's state. */
export function followUpView(source: {
  copy: CopyConfig;
  /** Built-in words of the visitor's language; English ones it leaves out come with this part. */
  words: Partial<StepStrings>;
  state: PromptState;
  /** The follow-up question of the answer's segment. */
  followUp: string | undefined;
  /** The answer's segment is asked for consent. */
  asked: boolean;
  field: ContactField | undefined;
}): FollowUpView {
  const { copy, state, asked, field } = source;
  const w = { ...englishSteps, ...source.words };
  return {
    followUp: source.followUp,
    text: state.text,
    consent: asked ? { label: copy.consent ?? w.consent, checked: state.consent } : undefined,
    contact:
      asked && state.consent && field
        ? {
            label: copy.contactLabel ?? w.contact[field],
            type: field,
            value: state.contact,
            error: state.invalid ? (copy.contactInvalid ?? w.invalid[field]) : undefined,
          }
        : undefined,
    send: copy.send ?? w.send,
    skip: copy.skip ?? w.skip,
  };
}

interface FollowUpProps {
  view: FollowUpView;
  on: FollowUpActions;
  id: (part: string) => string;
}

/**
 * Draws the follow-up step into `slot`, an element of the prompt's card that is the step's alone
 * (question.ts); each call updates what the last one drew.
 */
export function renderFollowUp(slot: HTMLElement, props: FollowUpProps): void {
  render(FollowUp(props), slot);
}

/** The follow-up form: the "why?" text, consent and contact, skip and send. Presentational. */
export function FollowUp({ view, on, id }: FollowUpProps) {
  const { consent, contact } = view;
  const value = (event: Event) => (event.currentTarget as HTMLInputElement).value;
  return h(
    "form",
    {
      noValidate: true,
      onSubmit: (event: Event) => {
        event.preventDefault();
        void on.send();
      },
    },
    view.followUp && [
      h("label", { class: "follow", for: id("comment") }, view.followUp),
      h("textarea", {
        id: id("comment"),
        dir: "auto",
        maxLength: MAX_COMMENT_LENGTH,
        value: view.text,
        onInput: (event: Event) => on.input(value(event)),
      }),
    ],
    consent &&
      h(
        "div",
        { class: "consent" },
        h("input", {
          type: "checkbox",
          id: id("consent"),
          checked: consent.checked,
          onChange: (event: Event) => on.agree((event.currentTarget as HTMLInputElement).checked),
        }),
        h("label", { for: id("consent") }, consent.label),
      ),
    contact &&
      h(
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
          onInput: (event: Event) => on.typeContact(value(event)),
        }),
        contact.error && h("p", { id: id("invalid"), class: "invalid" }, contact.error),
      ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "secondary", onClick: on.skip }, view.skip),
      h("button", { type: "submit" }, view.send),
    ),
  );
}
