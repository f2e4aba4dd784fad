/**
 * How `explain()` and debug mode word the page rule, from the page's location, whether it
 * matches and the survey's URL rule: `/cart does not match "/help/*"`.
 */
export const pageDetail = (
  { pathname, search, hash }: Pick<Location, "pathname" | "search" | "hash">,
  verb: "matches" | "does not match",
  url: unknown,
  stringify: typeof JSON.stringify = JSON.stringify,
) => `${pathname}${search}${hash} ${verb} ${stringify(url ?? "*")}`;
