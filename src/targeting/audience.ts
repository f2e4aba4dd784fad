import type { History } from "../journey/history";

/** Device class from the user agent (and touch points: iPadOS reports itself as a Mac). */
export function deviceClass(nav: Navigator): "mobile" | "tablet" | "desktop" {
  const ua = nav.userAgent;
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(ua)) return "tablet";
  if (/Macintosh/.test(ua) && nav.maxTouchPoints > 1) return "tablet";
  const hints = (nav as { userAgentData?: { mobile?: boolean } }).userAgentData;
  return hints?.mobile || /Mobi|iPhone|iPod|Android/i.test(ua) ? "mobile" : "desktop";
}

export interface AudienceSources {
  window: Window;
  locale: string;
  journey: Pick<History, "session" | "ever">;
  traits: () => Record<string, unknown>;
  /** The host's `attributes` function; its result, or `{}` when it fails. */
  attributes: () => Record<string, unknown>;
}

/** Reads an audience field (`device`, `utm.source`, `trait.plan`…) for the conditions. */
export function audienceReader(src: AudienceSources): (field: string) => unknown {
  return (field) => {
    const dot = field.indexOf(".");
    const name = field.slice(dot + 1);
    switch (dot < 0 ? field : field.slice(0, dot)) {
      case "device":
        return deviceClass(src.window.navigator);
      case "locale":
        return src.locale;
      case "referrer":
        return src.window.document.referrer;
      case "pages":
        return src.journey.session().pages ?? 1;
      case "sessions":
        return src.journey.ever().sessions ?? 1;
      case "utm": {
        // UTM parameters of this page, else of the session's landing page.
        const key = `utm_${name}`;
        return (
          new URLSearchParams(src.window.location.search).get(key) ??
          new URLSearchParams(src.journey.session().landing).get(key) ??
          undefined
        );
      }
      case "trait":
        return src.traits()[name];
      case "attribute":
        return src.attributes()[name];
    }
    return undefined;
  };
}
