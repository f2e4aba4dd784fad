import type { TouchpointConfig } from "../config/types";

/** The visitor's locale: the config's, else the page's `lang`, else the browser's first. */
export function resolveLocale(config: TouchpointConfig, window: Window): string {
  const candidates = [
    config.locale,
    window.document.documentElement.lang,
    ...(window.navigator.languages ?? []),
  ];
  return candidates.find((l) => typeof l === "string" && l.length > 1) ?? "en";
}
