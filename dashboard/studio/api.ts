// The collector's config API, as the studio calls it (always through apiFetch).
import type { TouchpointConfig } from "../../src/config/types";
import type { SummaryRow } from "../../src/server/queries";
import { apiFetch } from "../http";

const API = new URL("../v1/", document.baseURI);
const site = (siteKey: string, rest = "") =>
  new URL(`config/${encodeURIComponent(siteKey)}${rest}`, API).href;

export interface VersionSummary {
  siteKey: string;
  version: number;
  publishedAt: string;
  author: string;
  message: string;
}
export interface Version extends VersionSummary {
  config: TouchpointConfig;
}
export interface Change {
  path: string;
  kind: "added" | "removed" | "changed";
  text: string;
}
export interface Problem {
  path: string;
  message: string;
}

/** A refused call, with what the collector said (problems of a 422, changes of a conflict). */
export class StudioError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    readonly changes: Change[] = [],
  ) {
    super(message);
  }
}

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(url, {
    ...init,
    headers: {
      Accept: "application/json",
      ...(init.body ? { "Content-Type": "application/json" } : {}),
    },
  });
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    problems?: Problem[];
    changes?: Change[];
  };
  if (!response.ok) {
    throw new StudioError(
      response.status,
      body.error ?? `${url} answered ${response.status}`,
      body.problems,
      body.changes,
    );
  }
  return body as T;
}

export const listSites = () =>
  call<{ sites: Array<{ siteKey: string; version: number }> }>(new URL("config", API).href).then(
    (b) => b.sites,
  );

export const listVersions = (siteKey: string) =>
  call<{ versions: VersionSummary[] }>(site(siteKey, "/versions")).then((b) => b.versions);

export const readVersion = (siteKey: string, version: number) =>
  call<Version>(site(siteKey, `/versions/${version}`));

export const diffVersions = (siteKey: string, from: number, to: number) =>
  call<{ changes: Change[] }>(site(siteKey, `/diff?from=${from}&to=${to}`)).then((b) => b.changes);

export const publish = (siteKey: string, config: unknown, baseVersion: number, message: string) =>
  call<VersionSummary & { changes: Change[] }>(site(siteKey), {
    method: "PUT",
    body: JSON.stringify({ config, baseVersion, message }),
  });

export const rollback = (siteKey: string, baseVersion: number) =>
  call<VersionSummary>(site(siteKey, "/rollback"), {
    method: "POST",
    body: JSON.stringify({ baseVersion }),
  });

/** Live figures per survey (impressions, answers, segments) from the read API. */
export const fetchSummary = (siteKey: string) =>
  call<{ rows: SummaryRow[] }>(
    new URL(`summary?siteKey=${encodeURIComponent(siteKey)}`, API).href,
  ).then((b) => b.rows);

/** Site keys with events, and the journey order, from the read API. */
export const fetchMeta = () =>
  call<{ sites: string[]; journey: string[] }>(new URL("meta", API).href);

/** The collector's own ingest URL: a new site's config starts with it. */
export const ownCollector = () => new URL("events", API).href;
