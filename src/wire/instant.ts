/** A calendar date: `2024-05-01`. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Offset or Z is required: a local time without one cannot be put on the report's UTC days.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Why a time was refused: its shape, or a day or time of day that does not exist. */
export type InstantProblem = "format" | "impossible";

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function real(parts: readonly (string | undefined)[]): boolean {
  const [year, month, day, hour = "0", minute = "0", second = "0", , offsetH = "0", offsetM = "0"] =
    parts;
  const m = Number(month);
  return (
    m >= 1 &&
    m <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysIn(Number(year), m) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetH) <= 23 &&
    Number(offsetM) <= 59
  );
}

/**
 * Reads a date (`2024-05-01`, midnight UTC) or, with `dateOnly` false, only an ISO 8601 time
 * with a zone; returns it in `toISOString()` form. `Date.parse` moves February 30 to March 2 and
 * 24:00 to the next day; here a day or time that does not exist is a problem, never a guess.
 */
export function parseInstant(
  value: unknown,
  allowDateOnly: boolean,
): { ok: true; iso: string } | { ok: false; problem: InstantProblem } {
  if (typeof value !== "string") return { ok: false, problem: "format" };
  const match = DATE_TIME.exec(value) ?? (allowDateOnly ? DATE_ONLY.exec(value) : null);
  if (!match) return { ok: false, problem: "format" };
  if (!real(match.slice(1))) return { ok: false, problem: "impossible" };
  const time = Date.parse(value);
  if (Number.isNaN(time)) return { ok: false, problem: "impossible" };
  return { ok: true, iso: new Date(time).toISOString() };
}
