// Loaded as its own chunk only when the site themes colours: the defaults are in styles.ts.
import { channels, contrast, luminance } from "./color";

/** Theme colours as given by config or the page's CSS, any CSS colour syntax. */
export interface ThemeColors {
  accent?: string | undefined;
  background?: string | undefined;
  text?: string | undefined;
}

/** The colours the stylesheet uses, each meeting its contrast minimum against `bg`. */
export interface Palette {
  bg: string;
  fg: string;
  ac: string;
  /** Text on the accent colour. */
  on: string;
  /** Borders of values and fields. */
  bd: string;
}

const LIGHT = { bg: "#ffffff", fg: "#1b1f24" };
const DARK = { bg: "#1f2328", fg: "#f0f3f6" };
/** Below this background luminance, white gives more contrast than black. */
const MID = 0.18;
const rgb = (c: number[]) => `rgb(${c.map(Math.round).join(" ")})`;

/** `color` moved toward black or white in tenths until it has `min` contrast against `bg`. */
export function clampContrast(color: string, bg: string, min: number): string {
  const from = channels(color);
  const to = luminance(bg) > MID ? 0 : 255;
  for (let step = 0; step <= 10; step++) {
    const mixed = rgb(from.map((c) => c + ((to - c) * step) / 10));
    if (contrast(mixed, bg) >= min) return step ? mixed : color;
  }
  return to ? "#fff" : "#000";
}

/** Palette for one colour scheme; colours a browser cannot read fall back to the defaults. */
export function palette(theme: ThemeColors, dark: boolean): Palette {
  const ok = (c: string | undefined) => (c && !Number.isNaN(luminance(c)) ? c : undefined);
  const bg = ok(theme.background) ?? (dark ? DARK : LIGHT).bg;
  const fg = clampContrast(ok(theme.text) ?? (luminance(bg) > MID ? LIGHT : DARK).fg, bg, 4.5);
  const ac = clampContrast(ok(theme.accent) ?? "#3056d3", bg, 3);
  const on = contrast(ac, "#fff") >= contrast(ac, "#000") ? "#fff" : "#000";
  const half = channels(fg).map((c, i) => (c + (channels(bg)[i] ?? c)) / 2);
  return { bg, fg, ac, on, bd: clampContrast(rgb(half), bg, 3) };
}

/**
 * The card's `color-scheme` and colour custom properties: `light-dark()` pairs when the scheme follows the visitor
 * (and the browser supports it), else the palette of the scheme in force.
 */
export function paletteVars(
  theme: ThemeColors,
  scheme: "auto" | "light" | "dark",
  prefersDark: boolean,
  supportsLightDark: boolean,
): Record<string, string> {
  const light = palette(theme, false);
  const dark = palette(theme, true);
  const vars: Record<string, string> = { colorScheme: scheme === "auto" ? "light dark" : scheme };
  for (const key of Object.keys(light) as (keyof Palette)[]) {
    vars[`--${key}`] =
      scheme === "auto" && supportsLightDark
        ? `light-dark(${light[key]},${dark[key]})`
        : (scheme === "dark" || (scheme === "auto" && prefersDark) ? dark : light)[key];
  }
  return vars;
}

/** Any CSS colour as the canvas spells it ("#rrggbb" or "rgba(…)"); undefined when invalid. */
function readColor(document: Document, color: string | undefined): string | undefined {
  if (!color) return undefined;
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return color;
  const unset = "#010203";
  context.fillStyle = unset;
  context.fillStyle = color;
  return context.fillStyle === unset ? undefined : context.fillStyle;
}

/**
 * `paletteVars` of colours written in any CSS syntax (named, hsl(), …), for the visitor's colour
 * scheme and what `window`'s browser supports.
 */
export function themeVars(
  window: typeof globalThis,
  theme: ThemeColors,
  scheme: "auto" | "light" | "dark",
): Record<string, string> {
  const { document } = window;
  return paletteVars(
    {
      accent: readColor(document, theme.accent),
      background: readColor(document, theme.background),
      text: readColor(document, theme.text),
    },
    scheme,
    window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false,
    window.CSS?.supports?.("color", "light-dark(#fff,#000)") ?? false,
  );
}
