// The rehearsal at idle (src/ui/preload.ts): a prompt mounted and removed in one call, nothing
// left behind, and nothing thrown into the page whatever the model does. Chromium's side (no
// frame holds it, the real prompt after it) is test/browser/rehearsal.test.ts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { preload, rehearse } from "../../../src/ui/preload";
import type { PromptModel } from "../../../src/ui/types";

const model = (): PromptModel => ({
  surveyId: "nps-order",
  type: "nps",
  locale: "en",
  copy: { question: "How likely are you to recommend us?" },
  theme: {},
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe("rehearse", () => {
  it("mounts the prompt and removes it before it returns", async () => {
    const seen: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) seen.push(`+${n.nodeName.toLowerCase()}`);
        for (const n of r.removedNodes) seen.push(`-${n.nodeName.toLowerCase()}`);
      }
    });
    observer.observe(document.body, { childList: true });
    expect(rehearse(document, model)).toBe(true);
    expect(document.querySelector("touchpoint-prompt")).toBeNull();
    await Promise.resolve();
    observer.disconnect();
    expect(seen).toEqual(["+touchpoint-prompt", "-touchpoint-prompt"]);
  });

  it("does nothing when there is no prompt to rehearse any more", () => {
    expect(rehearse(document, () => undefined)).toBe(false);
    expect(document.body.childNodes).toHaveLength(0);
  });
});

describe("preload's rehearsal", () => {
  /** Idle callbacks, run when the test says. */
  const idle = () => {
    const queued: Array<() => void> = [];
    vi.stubGlobal("requestIdleCallback", (run: () => void) => queued.push(run));
    return queued;
  };

  it("rehearses in two idle tasks, then stops", async () => {
    const queued = idle();
    const asked = vi.fn(model);
    await preload("en", asked);
    expect(queued).toHaveLength(1);
    queued.shift()?.();
    expect(queued).toHaveLength(1);
    queued.shift()?.();
    expect(queued).toHaveLength(0);
    expect(asked).toHaveBeenCalledTimes(2);
    expect(document.querySelector("touchpoint-prompt")).toBeNull();
  });

  it("asks no second task when the first found nothing to rehearse", async () => {
    const queued = idle();
    await preload("en", () => undefined);
    queued.shift()?.();
    expect(queued).toHaveLength(0);
  });

  it("keeps whatever the rehearsal throws out of the page", async () => {
    const queued = idle();
    await preload("en", () => {
      throw new Error("broken model");
    });
    expect(() => queued.shift()?.()).not.toThrow();
    expect(queued).toHaveLength(0);
  });
});
