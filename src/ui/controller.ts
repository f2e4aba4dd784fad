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
 * The prompt's state and what the visitor can do on the question, outside any component: each
 * action updates the state and calls `changed`, so the view re-renders from it. The follow-up
 * step's actions (follow-up.ts) come with the steps part and work on the same state.
 */
export function createController(
  answer: PromptCallbacks["answer"],
  options: {
    submitOnTap: boolean;
    /** The follow-up step has something to ask after this value (a question or consent). */
    hasFollowUp: (value: number) => boolean;
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
      () => answer(value),
      () => (options.hasFollowUp(value) ? "followUp" : "thanks"),
    );
  };

  return {
    state,
    set,
    save,
    /** Chooses a value; `tapped` is a pointer click or tap, which submits when so configured. */
    select(value: number, tapped: boolean): void {
      if (state.step !== "question" || state.busy) return;
      set({ value, failed: false });
      if (tapped && options.submitOnTap) void submit();
    },
    submit,
  };
}

export type Controller = ReturnType<typeof createController>;
