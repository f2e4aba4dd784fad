import { afterEach, describe, expect, it, vi } from "vitest";
import { QUEUE_PREFIX, type QueuedItem } from "../../../src/outbox/queued-item";
import { event, fakeClock, fakeCollector, settle, tab } from "../outbox/fixtures";

// A host page that broke JSON.stringify (issue 13, item 3): an answer is never lost.

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an answer when the page broke JSON.stringify", () => {
  it("is stored, stays queued with an error per attempt saying why, and is sent once JSON works", async () => {
    const clock = fakeClock();
    const collector = fakeCollector(clock.now);
    const broken = () => {
      throw new TypeError("stringify is broken");
    };
    let stringify: typeof JSON.stringify = broken;
    const t = tab({
      clock,
      collector,
      transport: { stringify: ((value: unknown) => stringify(value)) as typeof JSON.stringify },
    });
    const spy = vi.spyOn(JSON, "stringify").mockImplementation(broken);

    await expect(t.outbox.enqueue(event(1))).resolves.toBeUndefined();
    await clock.advance(1_000);
    await settle();
    expect(collector.requests).toEqual([]);
    expect(t.errors.length).toBeGreaterThan(0);
    expect(new Set(t.errors)).toEqual(
      new Set([
        "could not send: events could not be serialized: TypeError: stringify is broken; the events stay queued",
      ]),
    );
    const queued = await t.store.list<QueuedItem>(QUEUE_PREFIX);
    expect(queued.map((i) => i.event.id)).toEqual([event(1).id]);

    spy.mockRestore();
    stringify = JSON.stringify;
    await clock.advance(120_000);
    await settle();
    expect([...collector.stored.keys()]).toEqual([event(1).id]);
    expect(await t.store.list(QUEUE_PREFIX)).toEqual([]);
  });

  it("a fetch that throws at once is the page's fault, reported, and the events stay queued", async () => {
    const clock = fakeClock();
    const collector = fakeCollector(clock.now);
    const t = tab({
      clock,
      collector,
      transport: {
        fetch: (() => {
          throw new TypeError("fetch is broken");
        }) as never,
      },
    });
    await t.outbox.enqueue(event(2));
    await clock.advance(1_000);
    await settle();
    expect(t.errors.length).toBeGreaterThan(0);
    expect(new Set(t.errors)).toEqual(
      new Set([
        "could not send: the page's fetch is broken (TypeError: fetch is broken); the events stay queued",
      ]),
    );
    expect((await t.store.list<QueuedItem>(QUEUE_PREFIX)).map((i) => i.event.id)).toEqual([
      event(2).id,
    ]);
  });
});
