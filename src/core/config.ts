import { isRecord, problem } from "../config/checks";
import { problemsMessage } from "../config/message";
import { validateStart } from "../config/startup";
import type { CollectorConfig, PolicyConfig, TouchpointConfig } from "../config/types";
import { errorMessage } from "./message";

export { problemsMessage } from "../config/message";
export { resolveLocale } from "./locale";

/** The config after defaults, as the rest of the core uses it. */
export interface ResolvedConfig extends TouchpointConfig {
  siteKey: string;
  collector: Omit<CollectorConfig, "url" | "format" | "headers"> &
    Required<Pick<CollectorConfig, "url" | "format">> & {
      headers: Record<string, string>;
    };
  policy: PolicyConfig & Required<Pick<PolicyConfig, "maxPerSession" | "minDaysBetween">>;
  surveys: NonNullable<TouchpointConfig["surveys"]>;
}

/** The config as the core uses it: the engine resolves the rest (`resolveConfig`). */
export type CoreConfig = TouchpointConfig & Pick<ResolvedConfig, "siteKey" | "surveys">;

/** How long fetching a `configUrl` may take before init gives up. */
export const CONFIG_TIMEOUT_MS = 10_000;

/** Remote settings fill what the inline config left out; surveys from both are kept. */
export function mergeConfig(inline: TouchpointConfig, remote: TouchpointConfig): TouchpointConfig {
  const ids = new Set((inline.surveys ?? []).map((s) => s.id));
  const surveys = [
    ...(inline.surveys ?? []),
    ...(remote.surveys ?? []).filter((s) => !ids.has(s.id)),
  ];
  const { configUrl: _ignored, ...rest } = remote;
  return { ...rest, ...inline, surveys };
}

/** Fills defaults (in the engine chunk). The config must already be valid. */
export function resolveConfig(config: TouchpointConfig, baseUrl: string): ResolvedConfig {
  const c =
    typeof config.collector === "string"
      ? { url: config.collector }
      : (config.collector ?? { url: "" });
  return {
    ...config,
    siteKey: config.siteKey ?? "default",
    collector: {
      ...c,
      url: new URL(c.url, baseUrl).href,
      format: c.format ?? "json",
      headers: c.headers ?? {},
    },
    policy: { maxPerSession: 1, minDaysBetween: 0, ...config.policy },
    surveys: config.surveys ?? [],
  };
}

/**
 * Loads `configUrl` and validates the merged result; throws with a readable message. Settings
 * that decide which code runs (`chunksUrl`) are taken only from `init()` or the script tag: a
 * fetched one is reported and left out, and the rest of the document is used.
 */
export async function loadRemoteConfig(
  inline: TouchpointConfig,
  fetchFn: typeof fetch,
  baseUrl: string,
  setTimer: (cb: () => void, ms: number) => number,
  report: (message: string) => void,
): Promise<TouchpointConfig> {
  if (!inline.configUrl) return inline;
  const url = new URL(inline.configUrl, baseUrl).href;
  const controller = new AbortController();
  setTimer(() => controller.abort(), CONFIG_TIMEOUT_MS);
  let remote: unknown;
  try {
    const response = await fetchFn(url, { credentials: "omit", signal: controller.signal });
    if (!response.ok) throw new Error(`configUrl ${url} answered ${response.status}`);
    remote = await response.json();
  } catch (error) {
    throw new Error(`could not load configUrl ${url}: ${errorMessage(error)}`);
  }
  if (!isRecord(remote)) throw new Error(problem(url, "a JSON config object", remote).message);
  const { chunksUrl, ...rest } = remote;
  if (chunksUrl !== undefined)
    report(
      `${url}: "chunksUrl" ignored: only init() or the script tag may say where code loads from`,
    );
  const merged = mergeConfig(inline, rest);
  const problems = validateStart(merged);
  if (problems.length) throw new Error(problemsMessage(problems.map((p) => p.message)));
  return merged;
}
