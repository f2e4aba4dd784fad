import { unsafeRegex } from "../config/regex";
import type { Scalar, ValueTest } from "../config/targeting-types";
import { glob } from "./glob";

/**
 * Longest text a test reads (URL path, query value, hash, audience value): globs are linear in
 * it, and regular expressions, which the config check keeps to at most two open-ended repeats
 * counting an unanchored start (`safeRegex`), stay under MAX_TEXT² steps.
 */
export const MAX_TEXT = 2048;

/** Equal as values, or as text (`"2"` equals `2`); absent equals nothing. */
const equal = (value: unknown, x: unknown) =>
  value === x || (value != null && String(value) === String(x));

type Operator = (value: unknown, text: string, x: never) => boolean;

/** A number, or NaN for an absent value (so every comparison with it fails). */
const num = (value: unknown) => (value == null ? Number.NaN : Number(value));

const OPERATORS: Record<string, Operator> = {
  exact: (v, _, x) => equal(v, x),
  prefix: (_, s, x: string) => s.startsWith(x),
  contains: (_, s, x: string) => s.includes(x),
  glob: (_, s, x: string) => glob(s, x),
  // Checked at start-up too; refused here as well, whichever check a config went through.
  regex: (_, s, x: string) => !unsafeRegex(x) && RegExp(x).test(s),
  in: (v, _, x: Scalar[]) => x.some((y) => equal(v, y)),
  gt: (v, _, x: number) => num(v) > x,
  gte: (v, _, x: number) => num(v) >= x,
  lt: (v, _, x: number) => num(v) < x,
  lte: (v, _, x: number) => num(v) <= x,
  exists: (v, _, x: boolean) => (v != null) === x,
};

/**
 * True when `value` passes `test`: a plain value must be equal (a glob, when `globs` is set, as
 * in URL rules); every operator of an object must hold. The config is validated beforehand.
 *
 * @example matches("/help/returns", "/help/*", true) // true
 * @example matches(120, { gte: 100 }) // true
 */
export function matches(value: unknown, test: ValueTest, globs?: boolean): boolean {
  const text = String(value ?? "").slice(0, MAX_TEXT);
  if (typeof test !== "object") {
    return globs && typeof test === "string" ? glob(text, test) : equal(value, test);
  }
  return Object.entries(test).every(([op, x]) => OPERATORS[op]?.(value, text, x as never));
}

export type Matches = typeof matches;
