import {
  type Check,
  dictionary,
  either,
  isRecord,
  list,
  number,
  oneOf,
  problem,
  shape,
  text,
  when,
} from "./checks";

/** Longest copy text accepted; longer copy would not fit a prompt anyway. */
export const MAX_COPY_LENGTH = 500;
/** Most languages one survey may carry. */
export const MAX_LOCALES = 40;
const COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|hsl)a?\([^)]{1,60}\)|[a-z]{3,20})$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/**
 * Relative luminance (WCAG 2) of "#rgb" or "#rrggbb"; NaN for other syntaxes, which only the UI
 * can read and clamps when it renders. (The UI chunk has its own copy: it shares no code with the core.)
 */
function luminance(color: unknown): number {
  const hex = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(String(color))?.[1] ?? "";
  const digits = hex.length === 3 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
  return digits.length
    ? digits.reduce((sum, d, i) => {
        const c = Number.parseInt(d, 16) / 255;
        const linear = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return sum + ([0.2126, 0.7152, 0.0722][i] ?? 0) * linear;
      }, 0)
    : Number.NaN;
}

/** Contrast ratio of two hex colours; NaN when either is not hex. */
export function contrast(a: unknown, b: unknown): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const copyText = text(MAX_COPY_LENGTH);
const label = text(40);
// The segment names of wire/scale.ts, written out (test/unit/wire/scales.test.ts holds them
// equal): importing them would make this chunk and the UI chunk share a module, a third fetch.
const SEGMENTS = ["detractor", "passive", "promoter", "low", "middle", "high"] as const;
const bySegment = either(
  `a text, or texts by segment (${SEGMENTS.join(", ")})`,
  copyText,
  shape(Object.fromEntries(SEGMENTS.map((segment) => [segment, copyText]))),
);
export const copyFields = {
  question: copyText,
  lowLabel: copyText,
  highLabel: copyText,
  followUp: bySegment,
  thanks: bySegment,
  submit: label,
  send: label,
  skip: label,
  close: label,
  consent: copyText,
  contactLabel: copyText,
  contactInvalid: copyText,
  thanksContact: bySegment,
};
const position = oneOf(
  "bottom-right",
  "bottom-left",
  "top-right",
  "top-left",
  "bottom-bar",
  "top-bar",
  "center",
);
const color = when((v) => typeof v === "string" && COLOR.test(v), 'a CSS colour like "#3056d3"');

/** Checks a survey's `copy`. */
export const copyCheck = shape(copyFields, ["question"]);

/** Checks a survey's `locales`: copy overrides keyed by BCP 47 locale. */
export const localesCheck: Check = (value, path, problems) => {
  dictionary(shape(copyFields), MAX_LOCALES)(value, path, problems);
  for (const key of isRecord(value) ? Object.keys(value) : []) {
    if (!LOCALE.test(key)) problems.push(problem(`${path}.${key}`, 'a locale key like "fr"', key));
  }
};

const segment = oneOf(...SEGMENTS);

/** Checks a survey's `contact`. */
export const contactCheck = shape({
  segments: list(segment, SEGMENTS.length),
  field: oneOf("email", "tel", "text"),
  trait: text(64),
});

/** Checks a survey's `placement`. */
export const placementCheck = shape({
  position,
  anchor: text(200),
  side: oneOf("top", "bottom", "left", "right"),
  offset: number(0, 200),
});

const themeShape = shape({
  accent: color,
  background: color,
  text: color,
  radius: number(0, 40),
  fontFamily: text(200, /^[\w\s,'"-]+$/, "a font-family list"),
  colorScheme: oneOf("auto", "light", "dark"),
  position,
});

/** Checks the top-level `theme`, including the contrast of colours given together. */
export const themeCheck: Check = (value, path, problems) => {
  themeShape(value, path, problems);
  if (!isRecord(value)) return;
  for (const [key, min] of [
    ["text", 4.5],
    ["accent", 3],
  ] as const) {
    const ratio = contrast(value[key], value.background);
    if (ratio < min)
      problems.push(
        problem(
          `${path}.${key}`,
          `a colour with ${min}:1 contrast against background ${value.background} (it has ${ratio.toFixed(1)}:1)`,
          value[key],
        ),
      );
  }
};
