// @vitest-environment node
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../../src/server/csv";
import { findJsonSyntaxError } from "../../../src/server/json-error";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+1", "'=1+1"],
    ["+33 1 23", "'+33 1 23"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ["", ""],
  ])("writes %j as %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes numbers and empty values as they are", () => {
    expect(csvRow([1, -2, null, undefined, "x"])).toBe("1,-2,,,x\r\n");
  });
});

describe("findJsonSyntaxError", () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, 2.5e3, true, null, "\\u00e9"]', undefined],
    [
      '{"a": 1,}',
      { line: 1, column: 9, reason: 'expected a double-quoted property name, found "}"' },
    ],
    ['{"a" 1}', { line: 1, column: 6, reason: 'expected ":", found "1"' }],
    ["[1, 2", { line: 1, column: 6, reason: 'expected "," or "]", found end of input' }],
    [
      '{\n  "a": [\n    01\n  ]\n}',
      { line: 3, column: 6, reason: 'expected "," or "]", found "1"' },
    ],
    ['"abc', { line: 1, column: 5, reason: "unterminated string" }],
    ['"a\\x"', { line: 1, column: 3, reason: "bad escape in a string" }],
    ["{} {}", { line: 1, column: 4, reason: 'expected nothing after the JSON value, found "{"' }],
  ])("locates the error in %j", (text, expected) => {
    expect(findJsonSyntaxError(text)).toEqual(expected);
  });

  it("agrees with JSON.parse on deeply nested input without overflowing the stack", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(findJsonSyntaxError(deep)).toBeUndefined();
  });
});
