/** Leading characters that make a spreadsheet treat a cell as a formula (OWASP's list). */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r"]);
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula (`=HYPERLINK(…)` in a
 * visitor's comment) gets a leading `'`, so exporting feedback cannot attack whoever opens it.
 * Numbers are written as they are, so a negative number stays a number.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
