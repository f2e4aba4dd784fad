import { describe, expect, it } from "vitest";
import { fnv1a32, unitInterval } from "../../../src/experiment/hash";

const bits = (u: number) => Math.floor(u * 2 ** 32);
const popcount = (x: number) => {
  let count = 0;
  for (let v = x >>> 0; v !== 0; v >>>= 1) count += v & 1;
  return count;
};

describe("fnv1a32", () => {
  it("matches the published FNV-1a 32-bit test vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("hashes the UTF-8 bytes of non-ASCII text, as an unsigned number", () => {
    // Pinned from an independent byte-wise implementation over "héllo".encode("utf-8").
    expect(fnv1a32("héllo")).toBe(0x4aa48540);
    expect(fnv1a32("日本語")).toBe(0x805f5ce7);
    // A surrogate pair is one 4-byte UTF-8 sequence, not two UTF-16 units.
    expect(fnv1a32("👍")).toBe(0x34914e7a);
    expect(fnv1a32("日本語")).toBeGreaterThan(0x7fffffff);
  });
});

describe("unitInterval", () => {
  it("returns pinned values in [0, 1) (fmix32 of the FNV-1a hash, over 2^32)", () => {
    expect(unitInterval("")).toBe(2872998923 / 2 ** 32);
    expect(unitInterval("a")).toBe(444641715 / 2 ** 32);
    expect(unitInterval("foobar")).toBe(202221276 / 2 ** 32);
    expect(unitInterval("user-1")).toBe(2005895916 / 2 ** 32);
    expect(unitInterval("user-2")).toBe(853201105 / 2 ** 32);
  });

  it("spreads similar short ids that raw FNV-1a clusters together", () => {
    const ids = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    const raw = ids.map((id) => fnv1a32(id) / 2 ** 32);
    const mixed = ids.map(unitInterval);
    expect(Math.max(...raw) - Math.min(...raw)).toBeLessThan(0.05);
    expect(Math.max(...mixed) - Math.min(...mixed)).toBeGreaterThan(0.5);
  });

  it("flips about half the output bits when the last character changes", () => {
    let mixedFlips = 0;
    let rawFlips = 0;
    const pairs = 2000;
    for (let i = 0; i < pairs; i++) {
      mixedFlips += popcount(bits(unitInterval(`v${i}x`)) ^ bits(unitInterval(`v${i}y`)));
      rawFlips += popcount(fnv1a32(`v${i}x`) ^ fnv1a32(`v${i}y`));
    }
    expect(mixedFlips / pairs).toBeGreaterThan(15.5);
    expect(mixedFlips / pairs).toBeLessThan(16.5);
    expect(rawFlips / pairs).toBeLessThan(12);
  });
});
