import { describe, expect, it } from "vitest";
import { formatCount, formatFixed, formatP, formatSigned } from "../../../src/report/numbers";

describe("number formatting", () => {
  it("separates thousands the same way everywhere", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234567)).toBe("1,234,567");
  });

  it("signs differences and never prints -0.0", () => {
    expect(formatSigned(4.06)).toBe("+4.1");
    expect(formatSigned(-2)).toBe("-2.0");
    expect(formatSigned(-0.01)).toBe("0.0");
    expect(formatFixed(-0.004, 2)).toBe("0.00");
  });

  it("never rounds a p-value across 0.05", () => {
    expect(formatP(0.0004)).toBe("p < 0.001");
    expect(formatP(0.0123)).toBe("p = 0.012");
    expect(formatP(0.31)).toBe("p = 0.31");
    expect(formatP(0.0497)).toBe("p = 0.0497");
    expect(formatP(0.0504)).toBe("p = 0.050");
  });
});
