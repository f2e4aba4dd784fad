import { MAX_COMMENT_LENGTH } from "../wire/limits";
import { validContact } from "./contact";
import type { Controller } from "./controller";
import type { ContactField } from "./strings";
import type { PromptCallbacks } from "./types";

/** What the visitor can do in the follow-up step. */
export interface FollowUpActions {
  input: (text: string) => void;
  agree: (consent: boolean) => void;
  typeContact: (text: string) => void;
  send: () => Promise<void>;
  skip: () => void;
}

/**
 * The follow-up step's actions on the prompt's state (controller.ts): the comment, consent and
 * contact, sent through `comment` once, or skipped.
 */
export function followUpActions(
  controller: Pick<Controller, "state" | "set" | "save">,
  comment: PromptCallbacks["comment"],
  /** Kind of contact field, when one is asked. */
  field: ContactField | undefined,
): FollowUpActions {
  const { state, set, save } = controller;
  return {
    input(text) {
      set({ text });
    },
    /** Ticks or unticks consent; unticking forgets the contact typed. */
    agree(consent) {
      set(consent ? { consent } : { consent, contact: "", invalid: false });
    },
    typeContact(contact) {
      set({ contact, invalid: state.invalid && !validContact(field ?? "text", contact.trim()) });
    },
    send() {
      const contact = state.consent && field ? state.contact.trim() : "";
      if (field && !validContact(field, contact)) {
        set({ invalid: true });
        return Promise.resolve();
      }
      return save(
        () =>
          comment({
            comment: state.text.slice(0, MAX_COMMENT_LENGTH),
            consent: state.consent,
            contact,
          }),
        () => "thanks",
      );
    },
    skip() {
      // Skipping sends nothing: no comment, no consent, no contact.
      if (state.step === "followUp")
        set({ step: "thanks", failed: false, consent: false, contact: "", invalid: false });
    },
  };
}
