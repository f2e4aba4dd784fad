import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TouchpointApi } from "../../../src/api";
import type { SurveyConfig, TouchpointConfig } from "../../../src/config/types";
import type { ChunkLoader } from "../../../src/engine/types";
import { configFor, harness, nps, waitFor } from "../helpers";

const live: TouchpointApi[] = [];
// The lazily loaded modules (engine, UI, and the engine's own chunks: debug mode's full config
// check, page signals), transformed once up front, so no test's wait includes Vitest compiling them.
beforeAll(() =>
  Promise.all([
    import("../../../src/config/validate"),
    import("../../../src/journey/watch"),
    import("../../../src/targeting/conditions-rule"),
    import("../../../src/engine/engine"),
    import("../../../src/ui/ui"),
  ]),
);
afterEach(() => {
  for (const tp of live.splice(0)) tp.destroy();
  for (const el of document.querySelectorAll("touchpoint-prompt")) el.remove();
  history.replaceState(null, "", "/");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const survey = (
  id: string,
  trigger: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({ ...nps, id, trigger, ...extra }) as unknown as SurveyConfig;

/** A started Touchpoint that counts engine loads and records shown prompts and debug lines. */
async function start(surveys: SurveyConfig[], extra: TouchpointConfig = {}) {
  let engineLoads = 0;
  const loadChunk: ChunkLoader = (name) => {
    if (name === "engine") engineLoads += 1;
    return (
      name === "engine" ? import("../../../src/engine/engine") : import("../../../src/ui/ui")
    ) as never;
  };
  const h = harness({ loadChunk });
  live.push(h.tp);
  const shown: string[] = [];
  h.tp.on("shown", (p) => shown.push(p.surveyId));
  h.tp.init(configFor(h.siteKey, { surveys, debug: true, ...extra }));
  await waitFor(h.tp, "ready");
  const lines = () =>
    (h.env.console.info as ReturnType<typeof vi.fn>).mock.calls.map((c) => String(c[0]));
  const close = () => {
    for (const el of document.querySelectorAll("touchpoint-prompt")) el.remove();
  };
  return { ...h, shown, lines, close, engineLoads: () => engineLoads };
}

describe("page views and SPA navigation", () => {
  it("arms a pageview survey on a route change without loading the engine before", async () => {
    const t = await start([survey("help", { on: "pageview", url: "/help/*" })]);
    await vi.waitFor(() =>
      expect(t.lines()).toContain('[touchpoint] help not armed, page: / does not match "/help/*"'),
    );
    expect(t.engineLoads()).toBe(0);
    history.pushState(null, "", "/help/returns");
    await vi.waitFor(() => expect(t.shown).toEqual(["help"]));
    expect(t.engineLoads()).toBe(1);
  });

  it("withdraws a pending prompt on a route change unless it persists", async () => {
    const t = await start(
      [
        survey("plain", { on: "pageview", delay: 1 }),
        survey("kept", { on: "event", event: "go", delay: 0.3, persist: true }),
      ],
      { policy: { maxPerSession: 5 } },
    );
    await vi.waitFor(() =>
      expect(t.lines().some((l) => l.includes("plain on pageview: showing in 1s"))).toBe(true),
    );
    t.tp.track("go");
    await vi.waitFor(() =>
      expect(t.lines().some((l) => l.includes('kept on event "go": showing in 0.3s'))).toBe(true),
    );
    history.pushState(null, "", "/elsewhere");
    await vi.waitFor(() =>
      expect(t.lines()).toContain(
        "[touchpoint] plain: pending prompt withdrawn, the route changed",
      ),
    );
    await vi.waitFor(() => expect(t.shown).toEqual(["kept"]));
  });

  it("withdraws a pending prompt on a cancelOn event", async () => {
    const t = await start([
      survey("s", { on: "pageview", delay: 0.2, cancelOn: ["checkout_started"] }),
    ]);
    await vi.waitFor(() => expect(t.lines().some((l) => l.includes("showing in 0.2s"))).toBe(true));
    t.tp.track("checkout_started");
    await vi.waitFor(() =>
      expect(t.lines()).toContain(
        '[touchpoint] s: pending prompt withdrawn, cancelled by event "checkout_started"',
      ),
    );
    expect(t.shown).toEqual([]);
  });
});

describe("events", () => {
  it("checks property conditions", async () => {
    const t = await start([
      survey("big", { on: "event", event: "order", where: { total: { gte: 100 } } }),
    ]);
    t.tp.track("order", { total: 40 });
    await vi.waitFor(() =>
      expect(t.lines()).toContain(
        '[touchpoint] big on event "order": not shown, where: total 40 fails {"gte":100}',
      ),
    );
    t.tp.track("order", { total: 140 });
    await vi.waitFor(() => expect(t.shown).toEqual(["big"]));
  });

  it("scope: an event of this session arms the survey on later pages; scope now does not", async () => {
    const t = await start([
      survey("later", { on: "event", event: "trial", scope: "session", url: "/pricing" }),
      survey("now", { on: "event", event: "trial", url: "/pricing" }),
    ]);
    t.tp.track("trial");
    await sleep(50);
    expect(t.shown).toEqual([]);
    history.pushState(null, "", "/pricing");
    await vi.waitFor(() => expect(t.shown).toEqual(["later"]));
    expect(t.lines()).toContain("[touchpoint] later on an earlier event: eligible");
  });

  it("sequence: B counts only within N minutes after A's trigger fired", async () => {
    const t = await start([
      survey("pricing", { on: "event", event: "viewed_pricing" }, { enabled: false }),
      survey("checkout", {
        on: "event",
        event: "cart",
        sequence: { after: "pricing", within: 10 },
      }),
    ]);
    t.tp.track("cart");
    await vi.waitFor(() =>
      expect(t.lines()).toContain(
        '[touchpoint] checkout on event "cart": not shown, sequence: pricing not signalled this session',
      ),
    );
    t.tp.track("viewed_pricing");
    t.tp.track("cart");
    await vi.waitFor(() => expect(t.shown).toEqual(["checkout"]));
  });
});

describe("several surveys due at once", () => {
  it("shows the eligible one with the highest priority", async () => {
    const t = await start([
      survey("low", { on: "pageview" }),
      survey("high", { on: "pageview" }, { priority: 5 }),
      survey("blocked", { on: "pageview" }, { priority: 9, audience: { device: "mobile" } }),
    ]);
    await vi.waitFor(() => expect(t.shown).toEqual(["high"]));
    expect(t.lines()).toContain(
      "[touchpoint] low on pageview: not shown, priority: high goes first",
    );
    expect(t.lines()).toContain(
      '[touchpoint] blocked on pageview: not shown, audience: device "desktop" is not "mobile" -> not in audience',
    );
  });
});

describe("explain and debug", () => {
  it("logs each decision with the wording explain() returns", async () => {
    const t = await start([
      survey("s", { on: "pageview" }, { percent: 1, audience: { "trait.plan": "pro" } }),
    ]);
    const [e] = await t.tp.explain("s");
    const sampling = e?.verdicts.find((v) => v.rule === "sampling");
    // The visitor id is random, so one visitor in a hundred falls inside the 1% sample.
    expect(sampling?.detail).toMatch(
      /^visitor bucket 0\.\d{3} (>= 0\.010 -> not sampled|< 0\.010 -> sampled)$/,
    );
    expect(e?.verdicts.find((v) => v.rule === "audience")?.detail).toBe(
      'trait.plan nothing is not "pro" -> not in audience',
    );
    await vi.waitFor(() =>
      expect(t.lines().find((l) => l.startsWith("[touchpoint] s on pageview"))).toContain(
        `sampling: ${sampling?.detail}`,
      ),
    );
    t.tp.identify("u1", { plan: "pro" });
    const [after] = await t.tp.explain("s");
    expect(after?.verdicts.find((v) => v.rule === "audience")?.ok).toBe(true);
  });
});

describe("cost on the host page", () => {
  it("after 1,000 SPA navigations holds as many listeners and timers as after one, and destroy() removes them", async () => {
    const active = new Map<string, number>();
    const count = (type: string, by: number) => active.set(type, (active.get(type) ?? 0) + by);
    for (const target of [window, document] as EventTarget[]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, "addEventListener").mockImplementation((type, fn, o) => {
        count(type, 1);
        add(type, fn, o);
      });
      vi.spyOn(target, "removeEventListener").mockImplementation((type, fn, o) => {
        count(type, -1);
        remove(type, fn, o);
      });
    }
    const t = await start([
      survey("scroller", { on: "scroll", percent: 99, selector: "#nope", url: "/a*" }),
      survey("idler", { on: "idle", seconds: 600 }),
      survey("leaver", { on: "exit", exitOn: ["top", "scrollUp", "return"] }),
      survey("reader", { on: "dwell", seconds: 600, url: { exclude: "/b*" } }),
      survey("clicker", { on: "click", selector: "#buy", delay: 30, persist: true }),
    ]);
    const snapshot = () => [...active.entries()].filter(([, n]) => n !== 0).sort();
    history.pushState(null, "", "/a0");
    await vi.waitFor(() =>
      expect(t.lines().some((l) => l.includes("watching scroller"))).toBe(true),
    );
    await sleep(20);
    const afterOne = snapshot();
    for (let i = 1; i <= 1000; i++) history.pushState(null, "", i % 2 ? `/b${i}` : `/a${i}`);
    history.pushState(null, "", "/a-last");
    await sleep(50);
    expect(snapshot()).toEqual(afterOne);
    expect(afterOne.map(([type]) => type)).toEqual(
      expect.arrayContaining(["click", "scroll", "keydown", "mouseout", "visibilitychange"]),
    );
    t.tp.destroy();
    const left = snapshot().filter(([type]) => !["online", "pagehide"].includes(type));
    expect(left).toEqual([]);
  });
});
