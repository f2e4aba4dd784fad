// @vitest-environment node
// The classic script as built (npm test builds first): how V8 is asked to compile it.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dist = new URL("../../../dist/", import.meta.url);

describe("dist/touchpoint.js", () => {
  it("opens with V8's compile hint, so its functions compile off the main thread while it streams", () => {
    const script = readFileSync(new URL("touchpoint.js", dist), "utf8");
    // Chrome 136+ reads the magic comment only as the file's first line.
    expect(script.split("\n")[0]).toBe("//# allFunctionsCalledOnLoad");
    expect(script).not.toContain("sourceMappingURL");
    expect(existsSync(new URL("touchpoint.js.map", dist))).toBe(true);
  });
});
