import { isRecord, problem } from "../config/checks";
import { validateStart } from "../config/startup";
import type { TouchpointConfig } from "../config/types";
import { ConfigError } from "../errors";

/** How long fetching a `configUrl` may take before init gives up. */
export const CONFIG_TIMEOUT_MS = 10_000;

/**
 * Remote settings fill what the inline config left out (its `configUrl` included, so a remote
 * one is never followed); surveys from both are kept.
 */
export function mergeConfig(inline: TouchpointConfig, remote: TouchpointConfig): TouchpointConfig {
  const ids = new Set((inline.surveys ?? []).map((s) => s.id));
  const surveys = [
    ...(inline.surveys ?? []),
    ...(remote.surveys ?? []).filter((s) => !ids.has(s.id)),
  ];
  return { ...remote, ...inline, surveys };
}

/**
 * Loads `configUrl` and validates the merged result; throws with a readable message. Settings
 * that decide which code runs (`chunksUrl`) are taken only from `init()` or the script tag: a
 * fetched one is reported and left out, and the rest of the document is used. The last good
 * copy, kept in localStorage per URL, is used at once while a fresh one is fetched in the
 * background for the next page view; only a first visit waits for the network.
 */
export async function loadRemoteConfig(
  inline: TouchpointConfig,
  fetchFn: typeof fetch,
  report: (error: unknown) => void,
  w: Window,
): Promise<TouchpointConfig> {
  if (!inline.configUrl) return inline;
  const url = new URL(inline.configUrl, w.location.href).href;
  const key = `touchpoint:${url}`;
  const check = (remote: unknown) => {
    if (!isRecord(remote)) throw new Error(problem(url, "a JSON config object", remote).message);
    const { chunksUrl, ...rest } = remote;
    if (chunksUrl !== undefined)
      report(
        `${url}: "chunksUrl" ignored: only init() or the script tag may say where code loads from`,
      );
    const merged = mergeConfig(inline, rest);
    const problems = validateStart(merged);
    if (problems.length) throw new ConfigError(problems);
    return merged;
  };
  // "no-cache" revalidates (ETag, 304): the stored copy already spares the visitor the wait.
  // Browsers without AbortSignal.timeout (before Safari 16) simply wait without a deadline.
  const fresh = fetchFn(url, {
    credentials: "omit",
    cache: "no-cache",
    signal: AbortSignal.timeout?.(CONFIG_TIMEOUT_MS),
  })
    .then((response) => {
      if (!response.ok) throw `HTTP ${response.status}`;
      return response.json();
    })
    // `${error}`: "TypeError: Failed to fetch", "SyntaxError: …", "HTTP 404".
    .then(check, (error) => {
      throw new Error(`could not load configUrl ${url}: ${error}`);
    });
  // Kept merged (merging it again with the inline config changes nothing); consent holds all
  // storage, a stored config included; a full or blocked storage means fetching again next time.
  fresh
    .then((merged) => merged.requireConsent || w.localStorage.setItem(key, JSON.stringify(merged)))
    .catch(() => undefined);
  try {
    return check(JSON.parse(w.localStorage.getItem(key) as string));
  } catch {
    // Nothing stored, storage blocked, or a stored copy this version finds invalid: wait.
    return fresh;
  }
}
