import { describe, expect, it } from "vitest";
import { validate } from "../../../src/config/validate";
import { resolveConfig } from "../../../src/engine/config";

const base = { siteKey: "shop", surveys: [] };

describe("collector options", () => {
  it("accepts a transform function and the queue, timeout and backoff options", () => {
    const transform = (batch: unknown) => batch;
    const config = {
      ...base,
      collector: {
        url: "https://collector.example/v1/events",
        transform,
        timeoutMs: 5000,
        retryBaseMs: 500,
        retryMaxMs: 60_000,
        maxEvents: 200,
        maxBytes: 200_000,
        maxAgeDays: 7,
      },
    };
    expect(validate(config)).toEqual([]);
    const resolved = resolveConfig(config, "https://shop.example/");
    expect(resolved.collector).toMatchObject({ transform, maxEvents: 200, maxAgeDays: 7 });
  });

  it("refuses a transform that is not a function, and numbers out of range", () => {
    for (const collector of [
      { url: "/collect", transform: "x => x" },
      { url: "/collect", maxEvents: 0 },
      { url: "/collect", maxAgeDays: "thirty" },
      { url: "/collect", timeoutMs: -1 },
    ]) {
      expect(validate({ ...base, collector }), JSON.stringify(collector)).toHaveLength(1);
    }
  });
});
