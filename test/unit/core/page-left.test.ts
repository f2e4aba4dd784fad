// A page view is counted even when the page is hidden or left before its first idle moment, and
// counted once: a later idle moment, or hiding a page again (restored from the back/forward
// cache), adds nothing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { configFor, harness, waitFor } from "../helpers";

const pages = (siteKey: string) =>
  JSON.parse(sessionStorage.getItem(`touchpoint:${siteKey}:journey`) ?? "{}").pages;

/** A page that never gets idle until `idle()` runs the callbacks it asked for. */
function busyPage() {
  const asked: Array<() => void> = [];
  vi.stubGlobal("requestIdleCallback", (callback: IdleRequestCallback) => {
    asked.push(() => callback({ didTimeout: false, timeRemaining: () => 10 }));
    return asked.length;
  });
  return {
    idle: () => {
      for (const run of asked.splice(0)) run();
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a page left before its first idle moment", () => {
  it.each([
    ["pagehide", () => window.dispatchEvent(new PageTransitionEvent("pagehide"))],
    [
      "visibilitychange",
      () =>
        // The browser fires it at the document, bubbling to the window.
        document.dispatchEvent(new Event("visibilitychange", { bubbles: true })),
    ],
  ])(
    "is counted on %s, once, however often it is hidden and whenever idle comes",
    async (_, hide) => {
      const page = busyPage();
      const { tp, siteKey } = harness();
      tp.init(configFor(siteKey, { surveys: [] }));
      await waitFor(tp, "ready");
      expect(pages(siteKey)).toBeUndefined();
      hide();
      expect(pages(siteKey)).toBe(1);
      // Hidden again (restored from the back/forward cache, which is no new page view, then left).
      hide();
      window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true }));
      page.idle();
      expect(pages(siteKey)).toBe(1);
      tp.destroy();
    },
  );

  it("is not counted twice when idle came first", async () => {
    const page = busyPage();
    const { tp, siteKey } = harness();
    tp.init(configFor(siteKey, { surveys: [] }));
    await waitFor(tp, "ready");
    page.idle();
    expect(pages(siteKey)).toBe(1);
    window.dispatchEvent(new PageTransitionEvent("pagehide"));
    expect(pages(siteKey)).toBe(1);
    tp.destroy();
  });
});
