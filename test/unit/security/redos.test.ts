import { beforeEach, describe, expect, it } from "vitest";
import { unsafeRegex } from "../../../src/config/regex";
import { HAZARDS } from "../../../src/config/regex-problems";
import { validateStart } from "../../../src/config/startup";
import type { UrlRule } from "../../../src/config/targeting-types";
import { validate } from "../../../src/config/validate";
import { matchesUrl } from "../../../src/journey/url";
import { globWork } from "../../../src/targeting/glob";
import { MAX_TEXT, matches } from "../../../src/targeting/match";

const at = (href: string) => {
  const u = new URL(href, "https://shop.test");
  return { pathname: u.pathname, search: u.search, hash: u.hash };
};
const survey = (url: unknown) => ({
  id: "s",
  type: "nps",
  touchpoint: "t",
  copy: { question: "Q?" },
  trigger: { on: "pageview", url },
});

/** Steps one URL rule takes on one URL, counted by the glob matcher. */
function steps(rule: UrlRule, href: string): number {
  globWork.steps = 0;
  matchesUrl(rule, at(href));
  return globWork.steps;
}

// The attacks, and the worst case of the old glob-to-regex translation: many stars and a
// text that almost matches everywhere. Each rule is fed a URL of n and of 10 × n characters.
const globAttacks: Array<{ name: string; rule: UrlRule; url: (n: number) => string }> = [
  { name: "path glob", rule: "/*/*/*/*/edit", url: (n) => `/${"a/".repeat(n)}` },
  { name: "path glob of stars", rule: "*a*a*a*a*a*a*b", url: (n) => `/${"a".repeat(n)}` },
  {
    name: "query glob",
    rule: { query: { utm_campaign: "*-*-*-*-spring" } },
    url: (n) => `/?utm_campaign=${"-".repeat(n)}`,
  },
  { name: "hash glob", rule: { hash: "#*/*/*/*/x" }, url: (n) => `/#${"/".repeat(n)}` },
  {
    name: "glob operator",
    rule: { path: { glob: "/*-*-*-*-*-z" } },
    url: (n) => `/${"-".repeat(n)}`,
  },
  {
    name: "excluded glob",
    rule: { include: "/*", exclude: ["/*/*/*/*/edit"] },
    url: (n) => `/${"a/".repeat(n)}`,
  },
];

describe("URL rules take time linear in the URL, whatever the rule", () => {
  beforeEach(() => {
    globWork.steps = 0;
  });

  for (const { name, rule, url } of globAttacks) {
    it(`${name}: ${JSON.stringify(rule)}`, () => {
      const short = steps(rule, url(100));
      const long = steps(rule, url(1000));
      const pattern = JSON.stringify(rule).length;
      // At most (text + 1) × (pattern + 1) steps, and ten times the text is about ten times
      // the work (a backtracking matcher would take 10^stars times as much).
      expect(long).toBeLessThanOrEqual((url(1000).length + 1) * (pattern + 1));
      expect(long).toBeGreaterThan(0);
      expect(long / short).toBeLessThan(12);
    });
  }

  it("matches globs as before: * is any characters, the whole text must match", () => {
    expect(matches("/a/b/c/edit", "/*/*/edit", true)).toBe(true);
    expect(matches("/a/edit/x", "/*/edit", true)).toBe(false);
    expect(matches("/ab", "/a*b*", true)).toBe(true);
    expect(matches("/help", "/help*", true)).toBe(true);
    expect(matches("", "*", true)).toBe(true);
    expect(matches("/x", "", true)).toBe(false);
    expect(matches("aXbYc", { glob: "a*b*c" })).toBe(true);
    expect(matches("aXbYcZ", { glob: "a*b*c" })).toBe(false);
  });

  it("reads at most MAX_TEXT characters of any value, so every rule type has bounded input", () => {
    const long = `/${"a".repeat(MAX_TEXT * 4)}end`;
    expect(matches(long, { contains: "end" })).toBe(false);
    expect(matches(long, { regex: "end$" })).toBe(false);
    expect(matches(long, "*end", true)).toBe(false);
    globWork.steps = 0;
    matches(long, "*a*a*b", true);
    expect(globWork.steps).toBeLessThanOrEqual((MAX_TEXT + 1) * 7);
  });
});

describe("regex rules that can backtrack catastrophically are refused", () => {
  const refused = [
    ["(a+)+$", "group"],
    ["(a|a)*", "group"],
    ["(a|ab)*c", "group"],
    ["^/(x+x+)+y", "group"],
    ["((ab)*c)+$", "group"],
    ["(?:[a-z]+/)*edit", "group"],
    ["(\\d?\\d?){2,}", "group"],
    [".*.*.*x", "repeats"],
    ["a*a*b", "repeats"],
    ["^a{2,}b{1,9}\\d+", "repeats"],
    ["(.*)\\1", "repeats"],
  ] as const;
  for (const [source, reason] of refused) {
    it(`refuses ${source}: ${HAZARDS[reason]}`, () => {
      expect(unsafeRegex(source)).toBe(reason);
    });
  }

  const accepted = [
    "^/(en|fr)/pricing$",
    "^/docs/internal/",
    "/orders/\\d+",
    "^/products/\\d+/reviews/\\d+$",
    "^[a-z]+(/\\d{4})?$",
    "^\\(a+\\)+",
    "[(a+)+]",
    "^SAVE\\d+$",
  ];
  for (const source of accepted) {
    it(`accepts ${source}`, () => {
      expect(unsafeRegex(source)).toBeUndefined();
    });
  }

  it("the matcher never runs one, whichever check the config went through", () => {
    expect(matches(`${"a".repeat(32)}!`, { regex: "(a+)+$" })).toBe(false);
    expect(matches("/orders/42", { regex: "/orders/\\d+" })).toBe(true);
  });

  it("init's check refuses them with the path; validate also says why and how to rewrite", () => {
    const config = { collector: "/c", surveys: [survey({ path: { regex: "(a+)+$" } })] };
    expect(validateStart(config).map((p) => p.message)).toEqual([
      'surveys[0].trigger.url.path.regex: expected a regular expression that cannot hang the page, got "(a+)+$"',
    ]);
    const [full] = validate(config).map((p) => p.message);
    expect(full).toContain(
      'surveys[0].trigger.url.path.regex: expected a regular expression that cannot hang the page (it has a repeated group), got "(a+)+$": it can backtrack for minutes on a crafted URL: repeat single characters or [classes], not groups; start it with ^; or use a glob (always linear)',
    );
    const audience = validate({
      collector: "/c",
      surveys: [{ ...survey(undefined), audience: { "utm.source": { regex: ".*.*.*x" } } }],
    }).map((p) => p.message);
    expect(audience).toEqual([
      expect.stringContaining(
        'surveys[0].audience.utm.source.regex: expected a regular expression that cannot hang the page (it has over 2 open-ended repeats or back-references), got ".*.*.*x": it can backtrack for minutes',
      ),
    ]);
    expect(validateStart({ collector: "/c", surveys: [survey({ path: { regex: "(" } })] })).toEqual(
      [expect.objectContaining({ expected: "a regular expression" })],
    );
    expect(
      validate({ collector: "/c", surveys: [survey({ path: { regex: "^/(en|fr)/$" } })] }),
    ).toEqual([]);
  });
});
