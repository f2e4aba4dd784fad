// What the engine records from the follow-up step: consent and contact only when the box was
// ticked, on the answer's own event id.
import { describe, expect, it } from "vitest";
import type { SurveyConfig } from "../../../src/config/types";
import { openPrompt, type PromptContext } from "../../../src/engine/prompt";
import type { PromptCallbacks, PromptModel, UiModule } from "../../../src/ui/types";
import type { TouchpointEvent } from "../../../src/wire/event";

const survey: SurveyConfig = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "How likely?" },
  trigger: { on: "manual" },
  contact: { segments: ["detractor"] },
};

async function open(traits: Record<string, unknown> = {}) {
  const recorded: TouchpointEvent[] = [];
  let callbacks: PromptCallbacks | undefined;
  let model: PromptModel | undefined;
  const ui: UiModule = {
    mount: (_document, m, c) => {
      model = m;
      callbacks = c;
      return { close: () => undefined, shown: Promise.resolve(false) };
    },
  };
  let id = 0;
  const ctx: PromptContext = {
    document,
    siteKey: "shop",
    locale: "en",
    theme: {},
    identity: () => ({ visitorId: "v", sessionId: "s", traits }),
    now: () => 0,
    uuid: () => `id-${++id}`,
    loadUi: async () => ui,
    record: async (event) => {
      recorded.push(event);
    },
    stamp: () => undefined,
    emit: () => undefined,
    onClosed: () => undefined,
  };
  await openPrompt(ctx, survey);
  return { recorded, callbacks: callbacks as PromptCallbacks, model: model as PromptModel };
}

describe("the follow-up step's events", () => {
  it("never records a contact or consent without the tick, even if one was typed", async () => {
    const { recorded, callbacks } = await open();
    await callbacks.answer(2);
    await callbacks.comment({ comment: "Late", consent: false, contact: "ana@example.com" });
    await callbacks.comment({ comment: "", consent: false, contact: "ana@example.com" });
    expect(recorded).toHaveLength(2);
    for (const event of recorded) {
      expect(event).not.toHaveProperty("consent");
      expect(event).not.toHaveProperty("contact");
    }
    expect(recorded[1]).toMatchObject({ id: recorded[0]?.id, comment: "Late" });
  });

  it("records consent and the trimmed contact on the answer's own id", async () => {
    const { recorded, callbacks } = await open();
    await callbacks.answer(1);
    await callbacks.comment({ comment: "", consent: true, contact: "  ana@example.com " });
    expect(recorded[1]).toMatchObject({
      id: recorded[0]?.id,
      kind: "answer",
      score: 1,
      consent: true,
      contact: "ana@example.com",
    });
    expect(recorded[1]).not.toHaveProperty("comment");
  });

  it("tells the UI to ask only the consent when identify() traits hold an email", async () => {
    expect((await open()).model.contact).toEqual({
      segments: ["detractor"],
      field: "email",
      known: false,
    });
    expect((await open({ email: "ana@example.com" })).model.contact?.known).toBe(true);
  });
});
