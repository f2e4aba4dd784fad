import { h, render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FollowUp } from "../../../src/ui/FollowUp";
import type { FollowUpActions } from "../../../src/ui/follow-up";
import { englishSteps } from "../../../src/ui/i18n/en-steps";
import { Prompt, type PromptActions, type PromptView } from "../../../src/ui/Prompt";
import { english } from "../../../src/ui/strings";

const view = (extra: Partial<PromptView> = {}): PromptView => ({
  ...english,
  surveyId: "s",
  step: "question",
  values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  scale: "numbers",
  value: undefined,
  rtl: false,
  words: english.csat,
  icon: undefined,
  question: "How likely?",
  low: "Not likely",
  high: "Very likely",
  followUp: undefined,
  status: "",
  colors: {},
  ...extra,
});
const actions = (): PromptActions => ({
  select: vi.fn(),
  submit: vi.fn(),
  close: vi.fn(),
});
/** The follow-up step as the steps part draws it. */
const followUp =
  (question: string) =>
  (id: (part: string) => string): ReturnType<typeof FollowUp> => {
    const on: FollowUpActions = {
      input: vi.fn(),
      agree: vi.fn(),
      typeContact: vi.fn(),
      send: vi.fn(async () => undefined),
      skip: vi.fn(),
    };
    const view = { ...englishSteps, followUp: question, text: "", consent: undefined };
    return FollowUp(h, { view: { ...view, contact: undefined }, on, id });
  };

let root: HTMLElement;
function show(v: PromptView, on = actions()) {
  root = document.createElement("div");
  document.body.append(root);
  render(h(Prompt, { view: v, on }), root);
  return on;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

describe("Prompt", () => {
  it("renders copy as text, never as HTML", () => {
    const question = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    show(view({ question, submit: "<b>Go</b>" }));
    expect(root.querySelector("legend")?.textContent).toBe(question);
    expect(root.querySelector("button[type=submit]")?.textContent).toBe("<b>Go</b>");
    expect(root.querySelectorAll("img, script, b")).toHaveLength(0);
  });

  it("is a fieldset of native radios named by their number, the ends described by their labels", () => {
    show(view({ value: 4 }));
    const radios = [...root.querySelectorAll<HTMLInputElement>("fieldset input[type=radio]")];
    expect(radios.map((r) => r.closest("label")?.textContent)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i)),
    );
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect(radios[4]?.checked).toBe(true);
    const describedBy = (r: HTMLInputElement | undefined) =>
      root.querySelector(`[id="${r?.getAttribute("aria-describedby")}"]`)?.textContent;
    expect(describedBy(radios[0])).toBe("Not likely");
    expect(describedBy(radios[10])).toBe("Very likely");
    expect(radios[5]?.hasAttribute("aria-describedby")).toBe(false);
  });

  it("names star and face values in words", () => {
    show(view({ values: [1, 2, 3, 4, 5], scale: "stars", value: 3 }));
    const labels = [...root.querySelectorAll("label")];
    expect(labels.map((l) => l.textContent)).toEqual(english.csat);
    expect(labels.map((l) => l.classList.contains("on"))).toEqual([true, true, true, false, false]);
  });

  it("tells a pointer click from a keyboard choice, and disables submit until a value is chosen", () => {
    const on = show(view());
    expect(root.querySelector<HTMLButtonElement>("button[type=submit]")?.disabled).toBe(true);
    const radio = root.querySelectorAll<HTMLInputElement>("input")[7];
    radio?.dispatchEvent(new MouseEvent("click", { detail: 1, bubbles: true }));
    radio?.dispatchEvent(new MouseEvent("click", { detail: 0, bubbles: true }));
    expect(on.select).toHaveBeenNthCalledWith(1, 7, true);
    expect(on.select).toHaveBeenNthCalledWith(2, 7, false);
  });

  it("moves the choice with arrow keys in visual order, mirrored right to left", () => {
    for (const [rtl, expected] of [
      [false, [6, 4]],
      [true, [4, 6]],
    ] as const) {
      const on = show(view({ rtl, value: 5 }));
      const radio = root.querySelectorAll<HTMLInputElement>("input")[5];
      radio?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
      radio?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
      expect((on.select as ReturnType<typeof vi.fn>).mock.calls).toEqual([
        [expected[0], false],
        [expected[1], false],
      ]);
      render(null, root);
    }
  });

  it("closes on Escape from anywhere in the prompt", () => {
    const on = show(view({ step: "followUp", followUp: followUp("Why?") }));
    root
      .querySelector("textarea")
      ?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(on.close).toHaveBeenCalledTimes(1);
    expect(root.querySelector("label.follow")?.textContent).toBe("Why?");
  });

  it("keeps the live region in every step", () => {
    for (const step of ["question", "followUp", "thanks"] as const) {
      show(view({ step, followUp: followUp("Why?"), status: step === "thanks" ? "Thanks!" : "" }));
      const status = root.querySelectorAll("[role=status]");
      expect(status, step).toHaveLength(1);
      expect(status[0]?.textContent).toBe(step === "thanks" ? "Thanks!" : "");
      render(null, root);
    }
  });
});
