import { beforeEach, describe, expect, it } from "vitest";
import { loadRemoteConfig } from "../../../src/core/config";
import { configFor, nps } from "../helpers";

const URL_ = "https://collector.test/v1/config/shop";
const remote = (question: string) => ({
  ...configFor("shop"),
  surveys: [{ ...nps, copy: { question } }],
});
const report = () => undefined;
const question = (c: { surveys?: unknown[] }) =>
  (c.surveys?.[0] as { copy?: { question?: string } } | undefined)?.copy?.question;

/** A fetch whose answers the test releases one by one. */
function controlledFetch() {
  const calls: Array<{ init: RequestInit; answer: (body: unknown, status?: number) => void }> = [];
  const fetch = ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve) => {
      calls.push({
        init,
        answer: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status })),
      });
    })) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe("configUrl cache", () => {
  beforeEach(() => localStorage.clear());

  it("waits for the network on a first visit, then uses the stored copy at once and refreshes it", async () => {
    const { fetch, calls } = controlledFetch();
    const first = loadRemoteConfig({ configUrl: URL_ }, fetch, report, window);
    await Promise.resolve();
    calls[0]?.answer(remote("Version 1?"));
    expect(question(await first)).toBe("Version 1?");
    expect(calls[0]?.init.cache).toBe("no-cache");

    // Second page view: resolves from storage while the request is still open.
    const second = await loadRemoteConfig({ configUrl: URL_ }, fetch, report, window);
    expect(question(second)).toBe("Version 1?");
    expect(calls).toHaveLength(2);
    calls[1]?.answer(remote("Version 2?"));
    await new Promise((r) => setTimeout(r, 0));

    // Third page view: the version fetched in the background.
    const third = await loadRemoteConfig({ configUrl: URL_ }, fetch, report, window);
    expect(question(third)).toBe("Version 2?");
  });

  it("keeps the stored copy when the refresh fails or is invalid, and never stores an invalid one", async () => {
    const { fetch, calls } = controlledFetch();
    const first = loadRemoteConfig({ configUrl: URL_ }, fetch, report, window);
    await Promise.resolve();
    calls[0]?.answer(remote("Good?"));
    await first;
    const again = await loadRemoteConfig({ configUrl: URL_ }, fetch, report, window);
    calls[1]?.answer({ surveys: [{ id: "x" }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(question(again)).toBe("Good?");
    const stored = JSON.parse(localStorage.getItem(`touchpoint:${URL_}`) ?? "{}");
    expect(question(stored)).toBe("Good?");
  });

  it("stores nothing while consent is required", async () => {
    const { fetch, calls } = controlledFetch();
    const loading = loadRemoteConfig({ configUrl: URL_ }, fetch, report, window);
    await Promise.resolve();
    calls[0]?.answer({ ...remote("Held?"), requireConsent: true });
    expect(question(await loading)).toBe("Held?");
    expect(localStorage.length).toBe(0);
  });
});
