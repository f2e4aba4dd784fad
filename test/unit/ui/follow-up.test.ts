import { describe, expect, it } from "vitest";
import type { PromptState } from "../../../src/ui/controller";
import { followUpView } from "../../../src/ui/FollowUp";
import { loadStrings } from "../../../src/ui/strings";

const state = (extra: Partial<PromptState> = {}): PromptState => ({
  step: "followUp",
  value: 2,
  text: "",
  consent: true,
  contact: "x@",
  invalid: true,
  busy: false,
  failed: false,
  ...extra,
});

describe("the follow-up step's words", () => {
  it("come with the steps part in English, from the language's own strings otherwise, and copy wins", async () => {
    const source = { state: state(), followUp: "Why?", asked: true, field: "email" as const };
    const english = followUpView({
      ...source,
      copy: { question: "Q" },
      words: await loadStrings("en"),
    });
    expect(english).toMatchObject({
      followUp: "Why?",
      consent: { label: "May we contact you about this?", checked: true },
      contact: { label: "Your email (optional)", value: "x@", type: "email" },
      send: "Send",
      skip: "Skip",
    });
    expect(english.contact?.error).toBe("Please enter a valid email address, or leave it empty.");

    const french = followUpView({
      ...source,
      copy: { question: "Q", send: "Go" },
      words: await loadStrings("fr"),
    });
    expect(french).toMatchObject({ send: "Go", skip: "Passer" });
    expect(french.consent?.label).toBe("Pouvons-nous vous contacter à ce sujet\u00a0?");
  });

  it("asks consent only when the segment is asked, and the contact only once it is ticked", async () => {
    const words = await loadStrings("en");
    const copy = { question: "Q" };
    const notAsked = followUpView({
      copy,
      words,
      state: state(),
      followUp: undefined,
      asked: false,
      field: "email",
    });
    expect(notAsked.consent).toBeUndefined();
    expect(notAsked.contact).toBeUndefined();
    const unticked = followUpView({
      copy,
      words,
      state: state({ consent: false }),
      followUp: undefined,
      asked: true,
      field: "email",
    });
    expect(unticked.consent?.checked).toBe(false);
    expect(unticked.contact).toBeUndefined();
  });
});
