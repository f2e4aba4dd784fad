/** One thing wrong with a config: where, what was expected, what was found. */
export interface ConfigProblem {
  /** Path into the config, e.g. `surveys[2].trigger.delay`. */
  path: string;
  /** What the value should have been. */
  expected: string;
  /** A short rendering of the value that was found. */
  found: string;
  /** `path: expected …, got …`, ready to print. */
  message: string;
}

/** Checks one value; pushes any problems it finds. */
export type Check = (value: unknown, path: string, problems: ConfigProblem[]) => void;

const MAX_FOUND_LENGTH = 60;

/** A short, safe rendering of a value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = typeof value === "function" ? "a function" : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_FOUND_LENGTH ? `${text.slice(0, MAX_FOUND_LENGTH - 1)}…` : text;
}

export function problem(path: string, expected: string, value: unknown): ConfigProblem {
  const found = describe(value);
  const at = path || "config";
  return { path: at, expected, found, message: `${at}: expected ${expected}, got ${found}` };
}

export function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A value passing `test`, described as `expected` when it does not. */
export const when =
  /* @__NO_SIDE_EFFECTS__ */
    (test: (value: unknown) => boolean, expected: string): Check =>
    (value, path, problems) => {
      if (!test(value)) problems.push(problem(path, expected, value));
    };

/** What `text` tests a string with: a RegExp, or `chars`. */
export type Pattern = { test(value: string): boolean };

/**
 * Letters, digits and the characters of `extra`, tested without a regular expression: the first
 * one a page runs costs it a compile, and `init` checks ids on every page view.
 */
export const chars = /* @__NO_SIDE_EFFECTS__ */ (extra: string): Pattern => ({
  // parseInt(c, 36): 0 to 35 for a letter or digit (in ASCII only), NaN for anything else.
  test: (v) => [...v].every((c) => parseInt(c, 36) >= 0 || extra.includes(c)),
});

export const text = /* @__NO_SIDE_EFFECTS__ */ (
  maxLength: number,
  pattern?: Pattern,
  what = "a non-empty string",
): Check =>
  when(
    (v) =>
      typeof v === "string" &&
      v.length > 0 &&
      v.length <= maxLength &&
      (!pattern || pattern.test(v)),
    `${what} of at most ${maxLength} characters`,
  );

/** A number from `min` to `max`, both finite (so NaN and the infinities fail the comparisons). */
export const number = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number): Check =>
  when((v) => typeof v === "number" && v >= min && v <= max, `a number from ${min} to ${max}`);

export const flag: Check = when((v) => typeof v === "boolean", "true or false");

export const oneOf = /* @__NO_SIDE_EFFECTS__ */ (...values: string[]): Check =>
  when((v) => values.includes(v as string), `one of ${values.map((v) => `"${v}"`).join(", ")}`);

/** An absolute URL or a path, at most 2048 characters (by its start: no regex, see `chars`). */
export const isUrl = (v: unknown) =>
  typeof v === "string" &&
  v.length <= 2048 &&
  ["/", "./", "../", "http://", "https://"].some((start) => v.startsWith(start));

export const url: Check = when(isUrl, 'a URL ("https://…", "/path" or "./path")');

/** A value matching any of the checks. */
export const either =
  /* @__NO_SIDE_EFFECTS__ */
    (expected: string, ...checks: Check[]): Check =>
    (value, path, problems) => {
      const passes = checks.some((check) => {
        const found: ConfigProblem[] = [];
        check(value, path, found);
        return found.length === 0;
      });
      if (!passes) problems.push(problem(path, expected, value));
    };

export const list =
  /* @__NO_SIDE_EFFECTS__ */
    (item: Check, max: number): Check =>
    (value, path, problems) => {
      if (!Array.isArray(value) || value.length > max) {
        problems.push(problem(path, `a list of at most ${max} items`, value));
        return;
      }
      value.forEach((v, i) => {
        item(v, join(path, i), problems);
      });
    };

export const dictionary =
  /* @__NO_SIDE_EFFECTS__ */
    (item: Check, max: number): Check =>
    (value, path, problems) => {
      if (!isRecord(value) || Object.keys(value).length > max) {
        problems.push(problem(path, `an object with at most ${max} keys`, value));
        return;
      }
      for (const [key, v] of Object.entries(value)) item(v, join(path, key), problems);
    };

/**
 * An object with known keys. Keys listed in `required` must be present; keys not in `shape` are
 * reported, because a misspelt option would otherwise be silently ignored.
 */
export const shape =
  /* @__NO_SIDE_EFFECTS__ */
  (fields: Record<string, Check>, required: string[] = [], strict = true): Check => {
    // No prototype: a "__proto__" or "hasOwnProperty" key is an unknown option, not a lookup.
    const own: Record<string, Check> = Object.assign(Object.create(null), fields);
    return (value, path, problems) => {
      if (!isRecord(value)) {
        problems.push(problem(path, path ? "an object" : "a config object", value));
        return;
      }
      for (const key of required) {
        if (value[key] === undefined)
          problems.push(problem(join(path, key), "a value (required)", undefined));
      }
      for (const [key, v] of Object.entries(value)) {
        const check = own[key];
        if (!check) {
          if (strict)
            problems.push(
              problem(join(path, key), `a known option (${Object.keys(fields).join(", ")})`, v),
            );
        } else if (v !== undefined) check(v, join(path, key), problems);
      }
    };
  };
