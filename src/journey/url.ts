/** Bounds the work a pattern can cause: globs compile to linear regexes, and are capped. */
const MAX_PATTERN_LENGTH = 300;

function globToRegExp(glob: string): RegExp {
  const source = glob
    .slice(0, MAX_PATTERN_LENGTH)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`);
}

/**
 * True when the URL's path matches the glob pattern(s): `*` stands for any characters.
 * No pattern means every page.
 */
export function matchesUrl(
  patterns: string | string[] | undefined,
  location: { pathname: string },
): boolean {
  if (patterns === undefined) return true;
  const list = Array.isArray(patterns) ? patterns : [patterns];
  return list.some((p) => globToRegExp(p).test(location.pathname));
}
