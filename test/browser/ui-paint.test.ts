// How the prompt reaches the screen in Chromium: drawn before it joins the page, laid out only by
// the frame that paints it (no forced synchronous layout), counted as shown once that frame is
// painted. Counts and orders of events, never times.
import { describe, expect, it } from "vitest";
import { model, useHarness } from "./ui-helpers";

const harness = useHarness("/paint.html");
// The card's entrance animation stays on: the first frame is the one a visitor gets.
const open = () => harness.open({ reducedMotion: "no-preference" });

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Script running on the main thread: a layout nested in one of these was forced by a read. */
const SCRIPT = new Set([
  "FunctionCall",
  "v8.callFunction",
  "RunMicrotasks",
  "FireAnimationFrame",
  "EvaluateScript",
  "TimerFire",
  "EventDispatch",
]);

describe("first frame", () => {
  it("draws the question before the host joins the page and counts it shown after a painted frame", async () => {
    const page = await open();
    const seen = await page.evaluate(
      (m) =>
        new Promise<{ textOnInsert: string; framedBeforeShown: boolean; visible: boolean }>(
          (resolve) => {
            let textOnInsert = "";
            new MutationObserver((records) => {
              for (const record of records)
                for (const node of record.addedNodes)
                  if (node instanceof HTMLElement && node.shadowRoot)
                    textOnInsert = node.shadowRoot.querySelector("legend")?.textContent ?? "";
            }).observe(document.body, { childList: true });
            let framed = false;
            requestAnimationFrame(() => {
              framed = true;
            });
            const tp = (window as unknown as { tp: { mount: (m: unknown) => Promise<boolean> } })
              .tp;
            void tp
              .mount(m)
              .then((visible) => resolve({ textOnInsert, framedBeforeShown: framed, visible }));
          },
        ),
      model(),
    );
    expect(seen).toEqual({
      textOnInsert: model().copy.question,
      framedBeforeShown: true,
      visible: true,
    });
    await page.context().close();
  });

  it("opens without a forced synchronous layout: the frame that paints it lays it out", async () => {
    const page = await open();
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8,blink",
      transferMode: "ReportEvents",
    });
    await page.evaluate(
      (m) => (window as unknown as { tp: { mount: (m: unknown) => Promise<boolean> } }).tp.mount(m),
      model(),
    );
    await cdp.send("Tracing.end");
    await complete;

    const main = new Set(
      events
        .filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain")
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const spans = events.filter((e) => e.ph === "X" && main.has(`${e.pid}:${e.tid}`));
    const layouts = spans.filter((e) => e.name === "Layout");
    const forced = layouts.filter((layout) =>
      spans.some(
        (s) =>
          SCRIPT.has(s.name) &&
          s.pid === layout.pid &&
          s.tid === layout.tid &&
          s.ts <= layout.ts &&
          s.ts + (s.dur ?? 0) >= layout.ts + (layout.dur ?? 0),
      ),
    );
    expect(layouts.length).toBeGreaterThan(0);
    expect(forced).toEqual([]);
    await page.context().close();
  });
});
