import { describe, expect, it } from "vitest";
import { isUrl } from "../../../src/config/checks";
import { validateStart } from "../../../src/config/startup";
import { ID } from "../../../src/config/targeting-checks";

// The start-up check tests ids, site keys, URLs and path globs without regular expressions (the
// first one a page runs costs it a compile); these are the expressions they replace, which the
// tests hold them to, character for character.
const OLD_ID = /^[A-Za-z0-9_.:-]+$/;
const OLD_SITE_KEY = /^[A-Za-z0-9_-]+$/;
const OLD_URL = /^(https?:\/\/|\/|\.{1,2}\/)/;
const OLD_GLOB = /^\S+$/;

/**
 * Every character up to U+3000 (the last whitespace but U+FEFF) and a few beyond, alone and
 * inside an otherwise valid id. Empty text is refused by `text()`'s length check before these.
 */
function* candidates(): Generator<string> {
  for (let code = 0; code <= 0x3000; code++) {
    const c = String.fromCharCode(code);
    yield c;
    yield `a${c}b`;
  }
  yield* [
    "😀",
    "a😀",
    "\u{1d7ce}",
    "\ufeff",
    "\ud800",
    "ab",
    "a-b_c.d:e",
    "K",
    "ſ",
    "ı",
    "٣",
    "Ａ",
    "a b",
  ];
}

describe("start-up checks without regular expressions", () => {
  it("accept and refuse exactly what their regular expressions did", () => {
    const site = (siteKey: string) =>
      !validateStart({ collector: "/c", siteKey }).some((p) => p.path === "siteKey");
    const glob = (url: string) =>
      !validateStart({
        collector: "/c",
        surveys: [
          {
            id: "s",
            type: "nps",
            touchpoint: "t",
            copy: { question: "Q?" },
            trigger: { on: "pageview", url },
          },
        ],
      }).length;
    let checked = 0;
    for (const s of candidates()) {
      const short = s.length > 0 && s.length <= 64;
      if (s) expect([s, ID.test(s)]).toEqual([s, OLD_ID.test(s)]);
      if (short) expect([s, site(s)]).toEqual([s, OLD_SITE_KEY.test(s)]);
      if (s.length <= 300 && s.length > 0) expect([s, glob(s)]).toEqual([s, OLD_GLOB.test(s)]);
      checked++;
    }
    expect(checked).toBeGreaterThan(24_000);
  });

  it("takes URLs by the same starts as before", () => {
    const urls = [
      "/",
      "./x",
      "../x",
      "http://a",
      "https://a",
      "HTTP://a",
      "ftp://a",
      ".../x",
      "x",
      "",
      "//cdn",
      "https:/a",
      "http:\\\\a",
      " /x",
    ];
    for (const u of urls) expect([u, isUrl(u)]).toEqual([u, OLD_URL.test(u)]);
    expect(isUrl(`/${"a".repeat(2047)}`)).toBe(true);
    expect(isUrl(`/${"a".repeat(2048)}`)).toBe(false);
  });
});
