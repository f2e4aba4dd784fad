import { describe, expect, it } from "vitest";
import { matchesUrl } from "../../../src/journey/url";
import { matches } from "../../../src/targeting/match";

const at = (href: string) => {
  const u = new URL(href, "https://shop.test");
  return { pathname: u.pathname, search: u.search, hash: u.hash };
};

describe("value tests", () => {
  it("compares plain values as values or as text", () => {
    expect(matches("pro", "pro")).toBe(true);
    expect(matches("2", 2)).toBe(true);
    expect(matches(undefined, "undefined")).toBe(false);
    expect(matches(true, true)).toBe(true);
    expect(matches("free", "pro")).toBe(false);
  });

  it("applies every operator of a match object", () => {
    expect(matches("/help/returns", { prefix: "/help/" })).toBe(true);
    expect(matches("/help/returns", { contains: "turn" })).toBe(true);
    expect(matches("/help/returns", { glob: "/help/*" })).toBe(true);
    expect(matches("/help/returns", { glob: "/help" })).toBe(false);
    expect(matches("/en/pricing", { regex: "^/(en|fr)/pricing$" })).toBe(true);
    expect(matches("team", { in: ["pro", "team"] })).toBe(true);
    expect(matches(120, { gte: 100, lt: 200 })).toBe(true);
    expect(matches(120, { gt: 120 })).toBe(false);
    expect(matches("7", { lte: 7 })).toBe(true);
    expect(matches(undefined, { gte: 0 })).toBe(false);
    expect(matches(null, { exists: false })).toBe(true);
    expect(matches("x", { exists: true, prefix: "y" })).toBe(false);
  });

  it("reads a plain string as a glob only in URL rules", () => {
    expect(matches("/help/a", "/help/*", true)).toBe(true);
    expect(matches("/help/a", "/help/*")).toBe(false);
    expect(matches("/a.b", "/a?b", true)).toBe(false);
  });
});

describe("URL rules", () => {
  it("matches every page without a rule, and path globs or lists of them", () => {
    expect(matchesUrl(undefined, at("/anything"))).toBe(true);
    expect(matchesUrl("/help/*", at("/help/returns"))).toBe(true);
    expect(matchesUrl("/help/*", at("/shop"))).toBe(false);
    expect(matchesUrl(["/thank-you", "/orders/*"], at("/orders/42"))).toBe(true);
  });

  it("tests the path, query parameters and hash with match objects", () => {
    const rule = { path: { prefix: "/docs/" }, query: { plan: "pro" }, hash: { contains: "faq" } };
    expect(matchesUrl(rule, at("/docs/a?plan=pro#faq-1"))).toBe(true);
    expect(matchesUrl(rule, at("/docs/a?plan=free#faq-1"))).toBe(false);
    expect(matchesUrl(rule, at("/docs/a?plan=pro"))).toBe(false);
    expect(
      matchesUrl({ query: { utm_campaign: "spring*" } }, at("/?utm_campaign=spring-sale")),
    ).toBe(true);
    expect(matchesUrl({ query: { preview: { exists: false } } }, at("/?preview=1"))).toBe(false);
    expect(matchesUrl({ hash: "#/settings*" }, at("/app#/settings/profile"))).toBe(true);
    expect(matchesUrl({ path: { regex: "^/(en|fr)/pricing$" } }, at("/fr/pricing"))).toBe(true);
    expect(matchesUrl({ path: { exact: "/cart" } }, at("/cart/x"))).toBe(false);
  });

  it("needs one include and no exclude", () => {
    const rule = { include: ["/docs/*"], exclude: [{ path: { regex: "^/docs/internal/" } }] };
    expect(matchesUrl(rule, at("/docs/guide"))).toBe(true);
    expect(matchesUrl(rule, at("/docs/internal/x"))).toBe(false);
    expect(matchesUrl(rule, at("/blog"))).toBe(false);
    expect(matchesUrl({ exclude: "/checkout/*" }, at("/home"))).toBe(true);
    expect(matchesUrl({ exclude: "/checkout/*" }, at("/checkout/pay"))).toBe(false);
  });
});
