import { afterEach, describe, expect, it, vi } from "vitest";
import { renderFollowUp } from "../../../src/ui/FollowUp";
import type { FollowUpActions } from "../../../src/ui/follow-up";
import { englishSteps } from "../../../src/ui/i18n/en-steps";
import { icon } from "../../../src/ui/icons";
import { type PromptActions, type PromptView, renderPrompt } from "../../../src/ui/question";
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
/** The follow-up step as the steps part draws it, with its `send` to check the form works. */
const followUp = (question: string, send = vi.fn(async () => undefined)) =>
  ((slot, id) => {
    const on: FollowUpActions = {
      input: vi.fn(),
      agree: vi.fn(),
      typeContact: vi.fn(),
      send,
      skip: vi.fn(),
    };
    const view = { ...englishSteps, followUp: question, text: "", consent: undefined };
    renderFollowUp(slot, { view: { ...view, contact: undefined }, on, id });
  }) satisfies PromptView["followUp"];

let root: HTMLElement;
function show(v: PromptView, on = actions()) {
  root?.remove();
  root = document.createElement("div");
  document.body.append(root);
  renderPrompt(root, v, on);
  return on;
}
afterEach(() => {
  root.remove();
});
const radios = () => [...root.querySelectorAll<HTMLInputElement>("input[type=radio]")];

describe("the prompt's card", () => {
  it("renders copy as text, never as HTML", () => {
    const question = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    show(view({ question, submit: "<b>Go</b>" }));
    expect(root.querySelector("legend")?.textContent).toBe(question);
    expect(root.querySelector("button[type=submit]")?.textContent).toBe("<b>Go</b>");
    expect(root.querySelectorAll("img, script, b")).toHaveLength(0);
  });

  it("is a fieldset of native radios named by their number, the ends described by their labels", () => {
    show(view({ value: 4 }));
    const all = [...root.querySelectorAll<HTMLInputElement>("fieldset input[type=radio]")];
    expect(all.map((r) => r.closest("label")?.textContent)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i)),
    );
    expect(new Set(all.map((r) => r.name)).size).toBe(1);
    expect(all[4]?.checked).toBe(true);
    const describedBy = (r: HTMLInputElement | undefined) =>
      root.querySelector(`[id="${r?.getAttribute("aria-describedby")}"]`)?.textContent;
    expect(describedBy(all[0])).toBe("Not likely");
    expect(describedBy(all[10])).toBe("Very likely");
    expect(all[5]?.hasAttribute("aria-describedby")).toBe(false);
  });

  it("names star and face values in words, beside their pictures", () => {
    const stars = view({
      values: [1, 2, 3, 4, 5],
      scale: "stars",
      value: 3,
      icon: (i) => icon(document, "stars", i),
    });
    show(stars);
    const labels = [...root.querySelectorAll("label")];
    expect(labels.map((l) => l.textContent)).toEqual(english.csat);
    expect(labels.map((l) => l.classList.contains("on"))).toEqual([true, true, true, false, false]);
    const svg = root.querySelector("label svg");
    expect(svg?.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(svg?.getAttribute("aria-hidden")).toBe("true");
    expect(svg?.querySelector("polygon")?.getAttribute("points")).toMatch(/^12 2\.5 /);
    renderPrompt(root, { ...stars, value: 1 }, actions());
    expect(labels.map((l) => l.classList.contains("on"))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);

    show(
      view({ values: [1, 2, 3, 4, 5], scale: "faces", icon: (i) => icon(document, "faces", i) }),
    );
    const faces = [...root.querySelectorAll("label svg")];
    expect(faces).toHaveLength(5);
    // From frowning to smiling: the mouth's control point goes down.
    const mouth = (i: number) => faces[i]?.querySelector("path")?.getAttribute("d");
    expect(mouth(0)).toBe("M7.5 16.5Q12 11.5 16.5 16.5");
    expect(mouth(4)).toBe("M7.5 14.5Q12 19.5 16.5 14.5");
  });

  it("tells a pointer click from a keyboard choice, and disables submit until a value is chosen", () => {
    const on = show(view());
    expect(root.querySelector<HTMLButtonElement>("button[type=submit]")?.disabled).toBe(true);
    const radio = radios()[7];
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
      const radio = radios()[5];
      radio?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
      radio?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
      expect((on.select as ReturnType<typeof vi.fn>).mock.calls).toEqual([
        [expected[0], false],
        [expected[1], false],
      ]);
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
    }
  });
});

describe("a later render", () => {
  it("keeps the radios and the focus on the chosen one, and changes only what differs", () => {
    const on = show(view());
    const before = radios();
    const card = root.firstElementChild;
    before[3]?.focus();
    before[3]?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    expect(on.select).toHaveBeenCalledWith(4, false);
    renderPrompt(root, view({ value: 4 }), on);
    const after = radios();
    expect(after).toHaveLength(11);
    after.forEach((radio, i) => {
      expect(radio, `radio ${i}`).toBe(before[i]);
    });
    expect(root.firstElementChild).toBe(card);
    expect(root.children).toHaveLength(1);
    expect(document.activeElement).toBe(before[4]);
    expect(after.map((r) => r.checked)).toEqual(after.map((_, i) => i === 4));
    expect(root.querySelector<HTMLButtonElement>("button[type=submit]")?.disabled).toBe(false);

    renderPrompt(root, view({ value: 4, status: "Could not save", question: "Again?" }), on);
    expect(document.activeElement).toBe(before[4]);
    expect(root.querySelector("[role=status]")?.textContent).toBe("Could not save");
    expect(root.querySelector("legend")?.textContent).toBe("Again?");
  });

  it("calls the latest actions", () => {
    const first = show(view());
    const second = actions();
    renderPrompt(root, view({ value: 2 }), second);
    radios()[2]?.dispatchEvent(new MouseEvent("click", { detail: 1, bubbles: true }));
    root.querySelector("form")?.dispatchEvent(new Event("submit", { cancelable: true }));
    root.querySelector<HTMLButtonElement>(".close")?.click();
    expect(first.select).not.toHaveBeenCalled();
    expect(second.select).toHaveBeenCalledWith(2, true);
    expect(second.submit).toHaveBeenCalledTimes(1);
    expect(second.close).toHaveBeenCalledTimes(1);
  });

  it("moves through the steps: the follow-up draws into the card's slot, and leaves it after", async () => {
    const send = vi.fn(async () => undefined);
    const on = show(view({ value: 8 }));
    const close = root.querySelector(".close");
    renderPrompt(root, view({ value: 8, step: "followUp", followUp: followUp("Why?", send) }), on);
    expect(root.querySelector("fieldset")).toBeNull();
    expect(root.querySelector(".close")).toBe(close);
    const form = root.querySelector("form");
    expect(form?.querySelector("textarea")).not.toBeNull();
    form?.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));
    expect(send).toHaveBeenCalledTimes(1);
    // A later render of the same step updates the follow-up in place.
    renderPrompt(root, view({ value: 8, step: "followUp", followUp: followUp("Why not?") }), on);
    expect(root.querySelector("form")).toBe(form);
    expect(root.querySelector("label.follow")?.textContent).toBe("Why not?");

    renderPrompt(root, view({ value: 8, step: "thanks", status: "Thanks!" }), on);
    expect(root.querySelector("form, textarea")).toBeNull();
    const status = root.querySelector("[role=status]");
    expect(status?.className).toBe("status thanks");
    expect(status?.textContent).toBe("Thanks!");
    expect(root.querySelector(".card")?.textContent).toBe("×Thanks!");
  });

  it("sets the theme's colours on the card and removes the ones a new theme drops", () => {
    show(view({ colors: { colorScheme: "dark", "--ac": "#123456", "--bg": "#000" } }));
    const card = root.querySelector<HTMLElement>(".card");
    expect(card?.style.getPropertyValue("color-scheme")).toBe("dark");
    expect(card?.style.getPropertyValue("--ac")).toBe("#123456");
    renderPrompt(root, view({ colors: { "--ac": "#654321" } }), actions());
    expect(card?.style.getPropertyValue("--ac")).toBe("#654321");
    expect(card?.style.getPropertyValue("--bg")).toBe("");
    expect(card?.style.getPropertyValue("color-scheme")).toBe("");
  });

  it("builds the card again for other values, and after its root was emptied", () => {
    const on = show(view());
    const card = root.firstElementChild;
    renderPrompt(root, view({ values: [1, 2, 3, 4, 5] }), on);
    expect(radios()).toHaveLength(5);
    expect(root.children).toHaveLength(1);
    expect(root.firstElementChild).not.toBe(card);
    root.replaceChildren();
    renderPrompt(root, view({ values: [1, 2, 3, 4, 5], value: 2 }), on);
    expect(radios().map((r) => r.checked)).toEqual([false, true, false, false, false]);
  });
});
