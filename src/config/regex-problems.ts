import { type ConfigProblem, isRecord, join, problem } from "./checks";
import { MAX_REPEATS, REFUSED, type RegexHazard, unsafeRegex } from "./regex";

/** How `validate` words each hazard `unsafeRegex` finds. */
export const HAZARDS: Record<RegexHazard, string> = {
  group: "a repeated group",
  repeats: `over ${MAX_REPEATS} open-ended repeats or back-references`,
};

/** Why a refused regular expression is slow and how to rewrite it (for `validate` and the CLI). */
export const REWRITE =
  "it can backtrack for minutes on a crafted URL: repeat single characters or [classes], not groups; start it with ^; or use a glob (always linear)";

/** Deepest a config's `regex` rules sit (`surveys[0].audience.any[0].not.x.regex` and nesting). */
const MAX_DEPTH = 16;

/** Every string `regex` value in `value`, by the path the checks name it with. */
function regexSources(value: unknown, path: string, found: Map<string, string>, depth = 0): void {
  if (depth > MAX_DEPTH || typeof value !== "object" || !value) return;
  for (const [key, v] of Object.entries(value)) {
    const at = join(path, Array.isArray(value) ? Number(key) : key);
    if (key === "regex" && typeof v === "string" && isRecord(value)) found.set(at, v);
    else regexSources(v, at, found, depth + 1);
  }
}

/**
 * The start-up check (in the core, on every page) only refuses a regex that could hang the
 * page; `validate` says why and how to rewrite it.
 */
export function regexProblems(config: unknown, problems: ConfigProblem[]): void {
  const refused = problems.filter((p) => p.expected === REFUSED);
  if (!refused.length) return;
  const sources = new Map<string, string>();
  regexSources(config, "", sources);
  for (const p of refused) {
    const source = sources.get(p.path);
    const hazard = source === undefined ? undefined : unsafeRegex(source);
    if (hazard) Object.assign(p, problem(p.path, `${REFUSED} (it has ${HAZARDS[hazard]})`, source));
    p.message += `: ${REWRITE}`;
  }
}
