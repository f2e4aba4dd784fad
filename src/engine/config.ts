import type { CollectorConfig, PolicyConfig, TouchpointConfig } from "../config/types";

/** The config after defaults, as the engine uses it. */
export interface ResolvedConfig extends TouchpointConfig {
  siteKey: string;
  collector: Omit<CollectorConfig, "url" | "format" | "headers"> &
    Required<Pick<CollectorConfig, "url" | "format">> & {
      headers: Record<string, string>;
    };
  policy: PolicyConfig & Required<Pick<PolicyConfig, "maxPerSession" | "minDaysBetween">>;
  surveys: NonNullable<TouchpointConfig["surveys"]>;
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
