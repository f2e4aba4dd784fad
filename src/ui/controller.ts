import type { PromptCallbacks } from "./types";

/** Where the visitor is in the prompt. */
export type Step = "question" | "followUp" | "thanks";

export interface PromptState {
  step: Step;
  /** The chosen value, once there is one. */
  value: number | undefined;
  /** The follow-up text typed so far. */
  text: string;
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
  options: { submitOnTap: boolean; hasFollowUp: (value: number) => boolean },
  changed: () => void,
) {
  const state: PromptState = {
    step: "question",
    value: undefined,
    text: "",
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
    send(): Promise<void> {
      return save(
        () => callbacks.comment(state.text),
        () => "thanks",
      );
    },
    skip(): void {
      if (state.step === "followUp") set({ step: "thanks", failed: false });
    },
  };
}

export type Controller = ReturnType<typeof createController>;
