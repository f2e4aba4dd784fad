import { MAX_COMMENT_LENGTH } from "../wire/limits";
import { validContact } from "./contact";
import type { ContactField } from "./strings";
import type { PromptCallbacks } from "./types";

/** Where the visitor is in the prompt. */
export type Step = "question" | "followUp" | "thanks";

export interface PromptState {
  step: Step;
  /** The chosen value, once there is one. */
  value: number | undefined;
  /** The follow-up text typed so far. */
  text: string;
  /** The consent box is ticked. */
  consent: boolean;
  /** The contact typed so far. */
  contact: string;
  /** The contact was sent and is not valid: the field shows why. */
  invalid: boolean;
  /** An answer or comment is being saved. */
  busy: boolean;
  /** The last save failed; the visitor can try again. */
  failed: boolean;
}

/**
 * The prompt's state and what the visitor can do, outside any component: each action updates
 * the state and calls `changed`, so the view re-renders from it.
 */
export function createController(
  callbacks: Pick<PromptCallbacks, "answer" | "comment">,
  options: {
    submitOnTap: boolean;
    /** The follow-up step has something to ask after this value (a question or consent). */
    hasFollowUp: (value: number) => boolean;
    /** Kind of contact field, when one is asked. */
    field: ContactField | undefined;
  },
  changed: () => void,
) {
  const state: PromptState = {
    step: "question",
    value: undefined,
    text: "",
    consent: false,
    contact: "",
    invalid: false,
    busy: false,
    failed: false,
  };
  const set = (patch: Partial<PromptState>) => {
    Object.assign(state, patch);
    changed();
  };
  /** Runs a save; moves on to `next` when it worked, else shows the error and stays. */
  const save = async (task: () => Promise<void>, next: () => Step) => {
    if (state.busy) return;
    set({ busy: true, failed: false });
    try {
      await task();
      set({ busy: false, step: next() });
    } catch {
      // The engine has reported why; the visitor sees the error and can try again.
      set({ busy: false, failed: true });
    }
  };

  const submit = () => {
    const value = state.value;
    if (state.step !== "question" || value === undefined) return Promise.resolve();
    return save(
      () => callbacks.answer(value),
      () => (options.hasFollowUp(value) ? "followUp" : "thanks"),
    );
  };

  return {
    state,
    /** Chooses a value; `tapped` is a pointer click or tap, which submits when so configured. */
    select(value: number, tapped: boolean): void {
      if (state.step !== "question" || state.busy) return;
      set({ value, failed: false });
      if (tapped && options.submitOnTap) void submit();
    },
    submit,
    input(text: string): void {
      set({ text });
    },
    /** Ticks or unticks consent; unticking forgets the contact typed. */
    agree(consent: boolean): void {
      set(consent ? { consent } : { consent, contact: "", invalid: false });
    },
    typeContact(contact: string): void {
      set({
        contact,
        invalid: state.invalid && !validContact(options.field ?? "text", contact.trim()),
      });
    },
    send(): Promise<void> {
      const contact = state.consent && options.field ? state.contact.trim() : "";
      if (options.field && !validContact(options.field, contact)) {
        set({ invalid: true });
        return Promise.resolve();
      }
      return save(
        () =>
          callbacks.comment({
            comment: state.text.slice(0, MAX_COMMENT_LENGTH),
            consent: state.consent,
            contact,
          }),
        () => "thanks",
      );
    },
    skip(): void {
      // Skipping sends nothing: no comment, no consent, no contact.
      if (state.step === "followUp")
        set({ step: "thanks", failed: false, consent: false, contact: "", invalid: false });
    },
  };
}

export type Controller = ReturnType<typeof createController>;
