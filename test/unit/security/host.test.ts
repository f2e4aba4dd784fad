import { afterEach, describe, expect, it, vi } from "vitest";
import { validateStart } from "../../../src/config/startup";
import { validate } from "../../../src/config/validate";
import { journeyKey } from "../../../src/journey/journey";
import { configFor, harness, nps, waitFor } from "../helpers";

// The SDK against a hostile visitor, page or config (issue 13, items 2 and 4-6), in happy-dom.

const json = (body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status: 200 })) as never;
const errorsOf = (events: Array<{ type: string; payload: unknown }>) =>
  events.filter((e) => e.type === "error").map((e) => (e.payload as { message: string }).message);

afterEach(() => {
  history.replaceState(null, "", "/");
  sessionStorage.clear();
  localStorage.clear();
});

describe("bad arguments get clear errors", () => {
  for (const value of [null, 42, "str", []]) {
    it(`init(${JSON.stringify(value)}) says it expected a config object`, () => {
      const { tp, events } = harness();
      tp.init(value as never);
      expect(errorsOf(events)).toEqual([
        `invalid config, Touchpoint is inactive:\n  config: expected a config object, got ${JSON.stringify(value)}`,
      ]);
    });
  }

  for (const body of [[1, 2, 3], null, "text"]) {
    it(`a configUrl answering ${JSON.stringify(body)} is an error, not a start with no surveys`, async () => {
      const { tp, events } = harness({ fetch: json(body) });
      tp.init({ configUrl: "https://shop.test/touchpoint.json" });
      await vi.waitFor(() => expect(errorsOf(events)).toHaveLength(1));
      expect(errorsOf(events)).toEqual([
        `https://shop.test/touchpoint.json: expected a JSON config object, got ${JSON.stringify(body)}`,
      ]);
      expect(events.some((e) => e.type === "ready")).toBe(false);
    });
  }

  it('"__proto__" and "hasOwnProperty" keys are unknown options, not TypeErrors', () => {
    const config = JSON.parse(
      `{"collector": "/c", "__proto__": {"x": 1}, "hasOwnProperty": 1,
        "surveys": [{"id": "a", "type": "nps", "touchpoint": "t", "copy": {"question": "Q?"},
                     "trigger": {"on": "pageview", "__proto__": 1, "url": {"path": {"hasOwnProperty": "x"}}}}]}`,
    );
    expect(validateStart(config).map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^surveys\[0\]\.trigger\.url\.path\.hasOwnProperty: expected a known option \(exact, prefix/,
      ),
    ]);
    const messages = validate(config).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^__proto__: expected a known option \(/),
        expect.stringMatching(/^hasOwnProperty: expected a known option \(/),
        expect.stringMatching(/^surveys\[0\]\.trigger\.__proto__: expected a known option \(/),
      ]),
    );
  });

  it("configUrl can be a hostile document with prototype keys and still gets a clear answer", async () => {
    const body = '{"__proto__": {"surveys": 5}, "hasOwnProperty": 1, "collector": "/c"}';
    const fetch = vi.fn(async () => new Response(body, { status: 200 })) as never;
    const { tp, events } = harness({ fetch });
    tp.init({ siteKey: "proto", configUrl: "https://shop.test/touchpoint.json" });
    await waitFor(tp, "ready");
    expect(errorsOf(events)).toEqual([]);
  });
});

describe("settings that load code come only from init() or the script tag", () => {
  it("drops chunksUrl from a configUrl document, says so, and uses the rest", async () => {
    const loadChunk = vi.fn(() => new Promise<never>(() => undefined));
    const remote = { ...configFor("chunks"), chunksUrl: "https://evil.test/" };
    const { tp, events } = harness({ fetch: json(remote), loadChunk: loadChunk as never });
    tp.init({ configUrl: "https://shop.test/touchpoint.json" });
    await waitFor(tp, "ready");
    expect(errorsOf(events)).toEqual([
      'https://shop.test/touchpoint.json: "chunksUrl" ignored: only init() or the script tag may say where code loads from',
    ]);
    tp.track("order_completed");
    await vi.waitFor(() => expect(loadChunk).toHaveBeenCalled());
    expect(loadChunk.mock.calls.map((c) => (c as unknown[])[1])).toEqual([undefined]);
  });

  it("still takes chunksUrl from init()", async () => {
    const loadChunk = vi.fn(() => new Promise<never>(() => undefined));
    const { tp } = harness({ loadChunk: loadChunk as never });
    tp.init({ ...configFor("own-chunks"), chunksUrl: "https://cdn.test/tp/" });
    await waitFor(tp, "ready");
    tp.track("order_completed");
    await vi.waitFor(() =>
      expect(loadChunk).toHaveBeenCalledWith("engine", "https://cdn.test/tp/"),
    );
  });
});

describe("calls made before start-up", () => {
  it("keeps 100 and reports the rest once, with a count", async () => {
    const { tp, events, consoleError } = harness({ fetch: json(configFor("noise")) });
    tp.init({ configUrl: "https://shop.test/touchpoint.json" });
    for (let i = 0; i < 10_000; i++) tp.track("noise");
    await waitFor(tp, "ready");
    expect(errorsOf(events)).toEqual(["9900 calls dropped while starting (at most 100 are kept)"]);
    expect(consoleError).toHaveBeenCalledTimes(1);
  });

  it("reports the drops once also when start-up fails", async () => {
    const { tp, events } = harness({ fetch: json(null) });
    tp.init({ configUrl: "https://shop.test/touchpoint.json" });
    for (let i = 0; i < 150; i++) tp.track("noise");
    await vi.waitFor(() => expect(errorsOf(events)).toHaveLength(2));
    expect(errorsOf(events)[1]).toBe("50 calls dropped while starting (at most 100 are kept)");
  });
});

describe("privacy of the journey", () => {
  /** The page view is counted when the page is idle, after `ready`. */
  const counted = (siteKey: string) =>
    vi.waitFor(() => expect(sessionStorage.getItem(journeyKey(siteKey))).not.toBeNull(), {
      timeout: 5000,
    });
  const withUtm = {
    ...nps,
    audience: { any: [{ "utm.source": "news" }, { not: { "utm.campaign": "x" } }] },
  };

  it("keeps only the utm_* parameters of the landing query", async () => {
    history.replaceState(
      null,
      "",
      "/reset?token=s3cret&email=a%40b.test&utm_source=news&utm_medium=mail&utm_campaign=spring&key=k3y",
    );
    const { tp, siteKey } = harness();
    tp.init(configFor(siteKey, { surveys: [withUtm as never] }));
    await waitFor(tp, "ready");
    await counted(siteKey);
    const stored = sessionStorage.getItem(journeyKey(siteKey)) ?? "";
    expect(JSON.parse(stored).landing).toBe("utm_source=news&utm_medium=mail&utm_campaign=spring");
    expect(stored).not.toContain("s3cret");
    expect(stored).not.toContain("k3y");
  });

  it("keeps no other landing parameter when no audience rule reads one", async () => {
    history.replaceState(null, "", "/reset?token=s3cret");
    const { tp, siteKey } = harness();
    tp.init(configFor(siteKey));
    await waitFor(tp, "ready");
    await counted(siteKey);
    expect(JSON.parse(sessionStorage.getItem(journeyKey(siteKey)) ?? "{}").landing).toBe("");
  });

  it("reset() forgets the journey too", async () => {
    history.replaceState(null, "", "/?utm_source=news");
    const { tp, siteKey } = harness();
    tp.init(configFor(siteKey, { surveys: [withUtm as never] }));
    await waitFor(tp, "ready");
    await counted(siteKey);
    const key = journeyKey(siteKey);
    expect(JSON.parse(sessionStorage.getItem(key) ?? "{}").landing).toBe("utm_source=news");
    tp.reset();
    await vi.waitFor(() => {
      const session = JSON.parse(sessionStorage.getItem(key) ?? "{}");
      expect(session.landing).toBeUndefined();
      expect(session.pages).toBeUndefined();
    });
    expect(JSON.parse(localStorage.getItem(key) ?? "{}")).toEqual({ sessions: 1 });
  });
});
