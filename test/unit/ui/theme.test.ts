import { describe, expect, it } from "vitest";
import { contrast as configContrast } from "../../../src/config/ui-checks";
import { channels, contrast, luminance } from "../../../src/ui/color";
import { css } from "../../../src/ui/styles";
import { clampContrast, palette, paletteVars } from "../../../src/ui/theme";

describe("colour arithmetic", () => {
  it("reads hex and rgb() colours and computes WCAG contrast", () => {
    expect(channels("#fff")).toEqual([255, 255, 255]);
    expect(channels("#3056d3")).toEqual([48, 86, 211]);
    expect(channels("rgb(1, 2, 3)")).toEqual([1, 2, 3]);
    expect(channels("rgba(1 2 3 / .5)")).toEqual([1, 2, 3]);
    expect(luminance("tomato")).toBeNaN();
    expect(contrast("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#fff")).toBeCloseTo(4.54, 2);
  });

  it("agrees with the config check's own copy (the core and the UI share no code)", () => {
    for (const [a, b] of [
      ["#000", "#fff"],
      ["#3056d3", "#1f2328"],
      ["#0a7", "#ffffff"],
    ])
      expect(configContrast(a, b)).toBeCloseTo(contrast(a, b), 10);
    expect(configContrast("rgb(0 0 0)", "#fff")).toBeNaN();
  });
});

describe("clamping", () => {
  it("keeps a colour that passes and darkens or lightens one that fails", () => {
    expect(clampContrast("#3056d3", "#ffffff", 3)).toBe("#3056d3");
    const yellow = clampContrast("#ffee00", "#ffffff", 3);
    expect(contrast(yellow, "#ffffff")).toBeGreaterThanOrEqual(3);
    expect(luminance(yellow)).toBeLessThan(luminance("#ffee00"));
    const navy = clampContrast("#000080", "#1f2328", 4.5);
    expect(contrast(navy, "#1f2328")).toBeGreaterThanOrEqual(4.5);
    expect(luminance(navy)).toBeGreaterThan(luminance("#000080"));
  });

  it("gives every palette 4.5:1 text, 3:1 accent and borders, and readable text on the accent", () => {
    const themes = [
      {},
      { accent: "#ffee00", background: "#ffffff", text: "#cccccc" },
      { background: "#000080" },
      { accent: "#777777", background: "#808080" },
      { text: "#ff0000" },
      { accent: "not a colour" },
    ];
    for (const theme of themes)
      for (const dark of [false, true]) {
        const p = palette(theme, dark);
        const at = JSON.stringify({ theme, dark });
        expect(contrast(p.fg, p.bg), at).toBeGreaterThanOrEqual(4.5);
        expect(contrast(p.ac, p.bg), at).toBeGreaterThanOrEqual(3);
        expect(contrast(p.bd, p.bg), at).toBeGreaterThanOrEqual(3);
        expect(contrast(p.on, p.ac), at).toBeGreaterThanOrEqual(4.5);
      }
  });

  it("matches the default colours written in the stylesheet, light and dark", () => {
    const hex = (c: string) =>
      `#${channels(c)
        .map((v) => v.toString(16).padStart(2, "0"))
        .join("")}`;
    const light = /\.card\{--bg:([^;]+);--fg:([^;]+);--ac:([^;]+);--on:([^;]+);--bd:([^;]+);/.exec(
      css,
    );
    const dark =
      /prefers-color-scheme:dark\)\{\.card\{--bg:([^;]+);--fg:([^;]+);--ac:([^;]+);--bd:([^;}]+)\}/.exec(
        css,
      );
    const p = palette({}, false);
    expect(light?.slice(1).map(hex)).toEqual([p.bg, p.fg, p.ac, p.on, p.bd].map(hex));
    const d = palette({}, true);
    expect(dark?.slice(1).map(hex)).toEqual([d.bg, d.fg, d.ac, d.bd].map(hex));
    expect(d.on).toBe(p.on);
  });

  it("pairs the schemes with light-dark() when the visitor's scheme decides", () => {
    const vars = paletteVars({ accent: "#3056d3" }, "auto", false, true);
    expect(vars["--bg"]).toBe("light-dark(#ffffff,#1f2328)");
    expect(vars.colorScheme).toBe("light dark");
    expect(paletteVars({}, "dark", false, true)["--bg"]).toBe("#1f2328");
    expect(paletteVars({}, "auto", true, false)["--bg"]).toBe("#1f2328");
  });
});
