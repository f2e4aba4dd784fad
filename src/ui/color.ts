// Colour arithmetic of WCAG 2: used by the config check (core) and to clamp theme colours (UI).

const WEIGHTS = [0.2126, 0.7152, 0.0722];

/** Red, green and blue (0-255) of "#rgb", "#rrggbb" (alpha ignored) or "rgb(r g b)"; NaN if unknown. */
export function channels(color: unknown): number[] {
  const text = String(color);
  const hex = /^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i.exec(text)?.[1];
  if (hex) {
    const short = hex.length < 6;
    return [0, 1, 2].map((i) =>
      Number.parseInt(short ? hex.charAt(i).repeat(2) : hex.slice(2 * i, 2 * i + 2), 16),
    );
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(text);
  return rgb ? rgb.slice(1, 4).map(Number) : [Number.NaN, Number.NaN, Number.NaN];
}

/** Relative luminance, from 0 (black) to 1 (white); NaN for a colour `channels` cannot read. */
export function luminance(color: unknown): number {
  return channels(color).reduce((sum, value, i) => {
    const c = value / 255;
    return sum + (WEIGHTS[i] ?? 0) * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);
}

/** Contrast ratio of two colours, from 1 to 21; NaN when either cannot be read. */
export function contrast(a: unknown, b: unknown): number {
  const x = luminance(a);
  const y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
