import { useState } from "preact/hooks";
import { scaleValues } from "./scale";
import { stringsFor } from "./strings";
import type { PromptCallbacks, PromptModel } from "./types";

export interface PromptProps {
  model: PromptModel;
  callbacks: Pick<PromptCallbacks, "answer" | "comment">;
  /** Closes the prompt; `dismissed` when the visitor closed it before answering. */
  onClose: (dismissed: boolean) => void;
}

type Step = "question" | "followUp" | "thanks";

/** The prompt: question with its scale, optional follow-up, thank-you. Presentational only. */
export function Prompt({ model, callbacks, onClose }: PromptProps) {
  const t = stringsFor(model.locale);
  const { copy, type, surveyId } = model;
  const [step, setStep] = useState<Step>("question");
  const [value, setValue] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState("");
  const id = (part: string) => `tp-${surveyId}-${part}`;
  const values = scaleValues(type);

  const submitScore = async (event: Event) => {
    event.preventDefault();
    if (value === undefined || busy) return;
    setBusy(true);
    await callbacks.answer(value);
    setBusy(false);
    setStep(copy.followUp ? "followUp" : "thanks");
  };
  const submitComment = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    await callbacks.comment(text);
    setBusy(false);
    setStep("thanks");
  };

  return (
    <div
      class="card"
      role="dialog"
      aria-labelledby={id("title")}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose(step === "question");
      }}
    >
      <button
        type="button"
        class="close"
        aria-label={t.close}
        onClick={() => onClose(step === "question")}
      >
        ×
      </button>
      {step === "question" && (
        <form onSubmit={submitScore}>
          <fieldset>
            <legend id={id("title")}>{copy.question}</legend>
            <div class="values">
              {values.map((v, i) => (
                <label class="value" key={v}>
                  <input
                    type="radio"
                    name={id("score")}
                    value={v}
                    checked={value === v}
                    aria-describedby={
                      i === 0 ? id("low") : i === values.length - 1 ? id("high") : undefined
                    }
                    onChange={() => setValue(v)}
                  />
                  <span>{v}</span>
                </label>
              ))}
            </div>
            <p class="ends">
              <span id={id("low")}>{copy.lowLabel ?? t.low[type]}</span>
              <span id={id("high")}>{copy.highLabel ?? t.high[type]}</span>
            </p>
          </fieldset>
          <div class="actions">
            <button type="submit" disabled={value === undefined || busy}>
              {copy.submit ?? t.submit}
            </button>
          </div>
        </form>
      )}
      {step === "followUp" && (
        <form onSubmit={submitComment}>
          <label class="follow" id={id("title")} for={id("comment")}>
            {copy.followUp}
          </label>
          <textarea
            id={id("comment")}
            maxLength={2000}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setStep("thanks")}>
              {t.skip}
            </button>
            <button type="submit" disabled={busy}>
              {t.send}
            </button>
          </div>
        </form>
      )}
      <p class="status" role="status" id={step === "thanks" ? id("title") : undefined}>
        {step === "thanks" ? (copy.thanks ?? t.thanks) : ""}
      </p>
    </div>
  );
}
