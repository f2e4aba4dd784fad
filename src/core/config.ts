import { validateStart } from "../config/startup";
import type { CollectorConfig, PolicyConfig, TouchpointConfig } from "../config/types";

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

/** Fills defaults. The config must already be valid. */
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
 * Loads `configUrl` and validates the merged result; throws with a readable message. The last
 * good copy, kept in localStorage per URL, is used at once while a fresh one is fetched in the
 * background for the next page view; only a first visit waits for the network.
 */
export async function loadRemoteConfig(
  inline: TouchpointConfig,
  fetchFn: typeof fetch,
  baseUrl: string,
  setTimer: (cb: () => void, ms: number) => number,
  w?: Window,
): Promise<TouchpointConfig> {
  if (!inline.configUrl) return inline;
  const url = new URL(inline.configUrl, baseUrl).href;
  const key = `touchpoint:config:${url}`;
  const check = (remote: unknown) => {
    const merged = mergeConfig(inline, remote as TouchpointConfig);
    const problems = validateStart(merged);
    if (problems.length) throw new Error(problemsMessage(problems.map((p) => p.message)));
    return merged;
  };
  const controller = new AbortController();
  setTimer(() => controller.abort(), CONFIG_TIMEOUT_MS);
  // "no-cache" revalidates (ETag, 304): the stored copy already spares the visitor the wait.
  const fresh = fetchFn(url, { credentials: "omit", cache: "no-cache", signal: controller.signal })
    .then((response) => {
      if (!response.ok) throw new Error(`configUrl ${url} answered ${response.status}`);
      return response.json();
    })
    .catch((error) => {
      throw new Error(
        `could not load configUrl ${url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    })
    .then((remote) => {
      const merged = check(remote);
      try {
        // Consent holds all storage, a stored config included.
        if (!merged.requireConsent) w?.localStorage.setItem(key, JSON.stringify(remote));
      } catch {
        // Storage full or blocked: the next page view fetches again.
      }
      return merged;
    });
  try {
    const merged = check(JSON.parse(w?.localStorage.getItem(key) as string));
    fresh.catch(() => undefined);
    return merged;
  } catch {
    // Nothing stored, storage blocked, or a stored copy this version finds invalid: wait.
    return fresh;
  }
}

/** The one console line for an invalid config: every problem, each on its own line. */
export function problemsMessage(problems: string[]): string {
  return `invalid config, Touchpoint is inactive:\n  ${problems.join("\n  ")}`;
}

export function resolveLocale(config: TouchpointConfig, window: Window): string {
  const candidates = [
    config.locale,
    window.document.documentElement.lang,
    ...(window.navigator.languages ?? []),
  ];
  return candidates.find((l) => typeof l === "string" && l.length > 1) ?? "en";
}
