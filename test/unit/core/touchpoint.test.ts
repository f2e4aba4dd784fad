import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../../src/errors";
import { configFor, harness, nps, promptRoot, waitFor } from "../helpers";

afterEach(() => {
  for (const el of document.querySelectorAll("touchpoint-prompt")) el.remove();
});

async function readQueue(
  siteKey: string,
): Promise<Array<{ event: { kind: string; score?: number } }>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(`touchpoint:${siteKey}`);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  return new Promise((resolve) => {
    const r = db.transaction("kv").objectStore("kv").getAll(IDBKeyRange.bound("q:", "q:\uffff"));
    r.onsuccess = () => {
      db.close();
      resolve(r.result);
    };
  });
}

describe("init and bad input", () => {
  it("stays inactive on a bad config, with one console error naming every problem", async () => {
    const { tp, events, consoleError } = harness();
    expect(() => tp.init({ collector: 5, surveys: [{ id: "x" }] } as never)).not.toThrow();
    expect(consoleError).toHaveBeenCalledTimes(1);
    const message = String(consoleError.mock.calls[0]?.[0]);
    expect(message).toContain("collector: expected a URL string");
    expect(message).toContain("surveys[0].type: expected a value (required), got nothing");
    const errors = events.filter((e) => e.type === "error").map((e) => e.payload);
    expect(errors).toHaveLength(1);
    // The event carries the error itself: its kind, the same message, and every problem.
    expect(errors[0]).toBeInstanceOf(ConfigError);
    expect(errors[0]).toMatchObject({
      name: "ConfigError",
      message: message.slice("[touchpoint] ".length),
    });
    expect((errors[0] as ConfigError).problems).toContainEqual({
      path: "surveys[0].type",
      expected: "a value (required)",
      found: "nothing",
      message: "surveys[0].type: expected a value (required), got nothing",
    });
    expect(await tp.show("x")).toBe(false);
    expect(await tp.explain()).toEqual([]);
  });

  it("checks the options only the engine uses before anything shows, and then stays inactive", async () => {
    const { tp, siteKey, events, consoleError } = harness();
    const survey = { ...nps, audience: { all: [{ devise: "mobile" }] } };
    tp.init(configFor(siteKey, { surveys: [survey as never], theme: { accent: "not a colour" } }));
    await waitFor(tp, "ready");
    expect(consoleError).not.toHaveBeenCalled();
    expect(await tp.show("nps")).toBe(false);
    expect(document.querySelector("touchpoint-prompt")).toBeNull();
    const message = String(consoleError.mock.calls.at(-1)?.[0]);
    expect(message).toContain("invalid config, Touchpoint is inactive");
    expect(message).toContain("theme.accent: expected");
    expect(message).toContain("surveys[0].audience.all[0].devise: expected a known field");
    tp.track("order_completed");
    expect(await tp.show("nps")).toBe(false);
    const errors = events.filter((e) => e.type === "error").map((e) => e.payload);
    expect(errors).toHaveLength(1);
    // The engine's full check reports the same kind of error, with its problems.
    expect(errors[0]).toMatchObject({ name: "ConfigError", problems: expect.any(Array) });
    expect((errors[0] as ConfigError).problems.map((p) => p.path)).toContain("theme.accent");
  });

  it("reports API misuse without throwing", () => {
    const { tp, events } = harness();
    expect(() => {
      tp.track(42 as never);
      tp.identify(null as never);
      tp.consent("yes" as never);
      tp.track("ok", "props" as never);
    }).not.toThrow();
    expect(events.map((e) => (e.payload as { message: string }).message)).toEqual([
      "track: expected an event name, got 42",
      "identify: expected a user id, got null",
      'consent: expected true or false, got "yes"',
      'track("ok") props: expected an object, got "props"',
    ]);
  });

  it("runs every listener even when one throws, and reports the throw", async () => {
    const { tp, siteKey, events } = harness();
    const second = vi.fn();
    tp.on("ready", () => {
      throw new Error("host bug");
    });
    tp.on("ready", second);
    tp.init(configFor(siteKey));
    await waitFor(tp, "ready");
    expect(second).toHaveBeenCalledTimes(1);
    expect(
      events.some(
        (e) =>
          e.type === "error" &&
          String((e.payload as { message: string }).message).includes("host bug"),
      ),
    ).toBe(true);
  });

  it("a second init is refused with a message", async () => {
    const { tp, siteKey, events } = harness();
    tp.init(configFor(siteKey));
    tp.init(configFor(siteKey));
    expect(events.at(-1)).toEqual({
      type: "error",
      payload: expect.objectContaining({ message: "init ignored: Touchpoint is already starting" }),
    });
  });
});

describe("the page view's web storage work, off the load path", () => {
  const pages = (siteKey: string) =>
    JSON.parse(sessionStorage.getItem(`touchpoint:${siteKey}:journey`) ?? "{}").pages;

  it("leaves web storage untouched until ready and counts the page view once the page is idle", async () => {
    const { tp, siteKey } = harness();
    const reads = vi.spyOn(Storage.prototype, "getItem");
    tp.init(configFor(siteKey));
    await waitFor(tp, "ready");
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(pages(siteKey)).toBeUndefined();
    await vi.waitFor(() => expect(pages(siteKey)).toBe(1), { timeout: 5000 });
    tp.destroy();
  });

  it("counts the page view before the engine starts, which reads the count", async () => {
    const { tp, siteKey } = harness();
    tp.init(configFor(siteKey));
    await waitFor(tp, "ready");
    expect(pages(siteKey)).toBeUndefined();
    const started = tp.explain();
    expect(pages(siteKey)).toBe(1);
    await started;
    tp.destroy();
  });
});

describe("prompt flow", () => {
  it("replays a track() made before start-up finished, shows the prompt, and makes the answer durable before saying so", async () => {
    const { tp, siteKey } = harness();
    tp.init(configFor(siteKey));
    tp.track("order_completed");
    const shown = await waitFor<{ surveyId: string }>(tp, "shown");
    expect(shown).toEqual({
      surveyId: "nps",
      touchpoint: "order_confirmation",
      variant: "control",
    });

    const root = await promptRoot();
    const radios = [...root.querySelectorAll<HTMLInputElement>("input[type=radio]")];
    expect(radios.map((r) => r.value)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(root.querySelector("legend")?.textContent).toBe(nps.copy.question);

    let queuedWhenAnswered: unknown[] = [];
    tp.on("answered", () => {
      void readQueue(siteKey).then((q) => {
        queuedWhenAnswered = q;
      });
    });
    const answered = waitFor<{ score: number }>(tp, "answered");
    const submit = root.querySelector<HTMLButtonElement>("button[type=submit]");
    expect(submit?.disabled).toBe(true);
    radios[9]?.click();
    await vi.waitFor(() => expect(submit?.disabled).toBe(false));
    submit?.click();
    expect((await answered).score).toBe(9);
    await vi.waitFor(() =>
      expect(
        queuedWhenAnswered.map((i) => (i as { event: { kind: string } }).event.kind),
      ).toContain("answer"),
    );
    await vi.waitFor(() => expect(root.querySelector("textarea")).not.toBeNull());
  });

  it("records a dismissal when the visitor closes the prompt, distinct from an answer", async () => {
    const { tp, siteKey, requests } = harness();
    tp.init(configFor(siteKey));
    expect(await tp.show("nps")).toBe(true);
    const root = await promptRoot();
    const dismissed = waitFor(tp, "dismissed");
    root.querySelector<HTMLButtonElement>("button.close")?.click();
    await dismissed;
    expect(document.querySelector("touchpoint-prompt")).toBeNull();
    await tp.flush();
    const kinds = requests.flatMap((r) =>
      (JSON.parse(r.body) as { events: Array<{ kind: string }> }).events.map((e) => e.kind),
    );
    expect(kinds.sort()).toEqual(["dismissal", "impression"]);
    expect(requests[0]?.init).toMatchObject({ method: "POST", credentials: "omit" });
    expect(
      (requests[0]?.init.headers as Record<string, string> | undefined)?.["Content-Type"],
    ).toBe("text/plain;charset=UTF-8");
  });

  it("explains why a survey would not show", async () => {
    const { tp, siteKey } = harness();
    tp.init(
      configFor(siteKey, {
        surveys: [
          { ...nps, percent: 1, trigger: { on: "event", event: "x", url: "/checkout/*" } } as never,
        ],
      }),
    );
    const [explanation] = await tp.explain("nps");
    expect(explanation?.eligible).toBe(false);
    const page = explanation?.verdicts.find((v) => v.rule === "page");
    expect(page).toEqual({
      rule: "page",
      ok: false,
      detail: expect.stringContaining('does not match "/checkout/*"'),
    });
    expect(explanation?.verdicts.find((v) => v.rule === "sampling")?.detail).toMatch(
      /^visitor bucket 0\.\d{3} (<|>=) 0\.010 -> (not )?sampled$/,
    );
  });

  it("keeps working in memory when IndexedDB is unavailable, and says so", async () => {
    const { tp, siteKey, events } = harness({ indexedDB: undefined });
    tp.init(configFor(siteKey));
    expect(await tp.show("nps")).toBe(true);
    expect(events.find((e) => e.type === "error")?.payload).toMatchObject({
      name: "StorageError",
      message: "IndexedDB is not available; answers are kept in memory for this page only",
      fallback: "memory",
    });
  });

  it("holds storage and sending until consent is granted", async () => {
    const { tp, siteKey, fetch } = harness();
    tp.init(configFor(siteKey, { requireConsent: true }));
    await tp.show("nps");
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.toContain(`touchpoint:${siteKey}`);
    await tp.flush();
    expect(fetch).not.toHaveBeenCalled();
    const sent = waitFor(tp, "sent");
    tp.consent(true);
    await sent;
    expect(fetch).toHaveBeenCalled();
    expect((await readQueue(siteKey)).length).toBe(0);
  });
});

describe("destroy", () => {
  it("removes every listener, timer and element it added", async () => {
    const add = vi.spyOn(window, "addEventListener");
    const remove = vi.spyOn(window, "removeEventListener");
    const { tp, siteKey } = harness();
    tp.init(
      configFor(siteKey, {
        surveys: [{ ...nps, trigger: { on: "event", event: "later", delay: 60 } } as never],
      }),
    );
    await waitFor(tp, "ready");
    await tp.show("nps");
    expect(document.querySelector("touchpoint-prompt")).not.toBeNull();
    tp.destroy();
    expect(document.querySelector("touchpoint-prompt")).toBeNull();
    const added = add.mock.calls.map((c) => c[0]).sort();
    const removed = remove.mock.calls.map((c) => c[0]).sort();
    expect(added.length).toBeGreaterThan(0);
    expect(removed).toEqual(added);
    expect(await tp.show("nps")).toBe(false);
  });
});
