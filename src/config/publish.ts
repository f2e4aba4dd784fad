import { type ConfigProblem, problem } from "./checks";
import { validate } from "./validate";

/**
 * The problems `validate()` finds, plus what only a published config may not hold: another
 * site's key, or the settings that decide which code runs or where the config comes from
 * (only `init()` or the script tag may set those). The collector refuses a publish with any of
 * them; the studio shows the same list while editing.
 */
export function publishProblems(config: unknown, siteKey: string): ConfigProblem[] {
  const problems = validate(config);
  if (typeof config !== "object" || config === null || Array.isArray(config)) return problems;
  const c = config as Record<string, unknown>;
  if (c.siteKey !== undefined && c.siteKey !== siteKey) {
    problems.push(
      problem("siteKey", `"${siteKey}", the site it is published to (or nothing)`, c.siteKey),
    );
  }
  for (const key of ["chunksUrl", "configUrl"]) {
    if (c[key] !== undefined) {
      problems.push(
        problem(
          key,
          `nothing: a published config cannot set ${key} (only init() or the script tag can)`,
          c[key],
        ),
      );
    }
  }
  return problems;
}
