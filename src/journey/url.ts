import type { UrlPattern, UrlRule } from "../config/targeting-types";
import { matches } from "../targeting/match";

type Where = Pick<Location, "pathname" | "search" | "hash">;

const one = (p: UrlPattern, at: Where): boolean =>
  typeof p === "string"
    ? matches(at.pathname, p, true)
    : (p.path === undefined || matches(at.pathname, p.path, true)) &&
      (p.hash === undefined || matches(at.hash, p.hash, true)) &&
      Object.entries(p.query ?? {}).every(([name, test]) =>
        matches(new URLSearchParams(at.search).get(name), test, true),
      );

const some = (patterns: UrlPattern | UrlPattern[], at: Where) =>
  [patterns].flat().some((p) => one(p, at));

/**
 * True when the URL is one of the survey's pages: a glob or match object on the path, query
 * and hash, a list of them (any), or `{ include, exclude }`. No rule means every page.
 *
 * @example matchesUrl({ include: "/docs/*", exclude: "/docs/internal/*" }, location)
 */
export function matchesUrl(rule: UrlRule | undefined, at: Where): boolean {
  if (rule === undefined) return true;
  // A string or a list has no `include` nor `exclude`: both undefined, it is one pattern.
  const { include, exclude } = rule as { include?: UrlPattern; exclude?: UrlPattern };
  if (include === undefined && exclude === undefined) return some(rule as UrlPattern, at);
  return (include === undefined || some(include, at)) && !(exclude && some(exclude, at));
}
