import type { SurveyConfig } from "../config/types";

/**
 * Clicks on elements matching the `selector` of armed click surveys: one delegated, capturing
 * listener for all of them, so re-rendered elements count, and each survey fires once per page
 * view. The core watches from the page view on, so a click made before the engine has loaded
 * still counts. Returns the function that stops watching.
 */
export function watchClicks(
  doc: Document,
  surveys: SurveyConfig[],
  fire: (survey: SurveyConfig, signal: string) => void,
): () => void {
  const listener = (event: Event) => {
    for (const s of surveys) {
      try {
        if (!(event.target as Element).closest(s.trigger.selector as string)) continue;
      } catch {
        // Not an element, or a selector the browser refuses (the full config check reports it).
        continue;
      }
      surveys = surveys.filter((x) => x !== s);
      fire(s, `click on ${s.trigger.selector}`);
    }
  };
  doc.addEventListener("click", listener, true);
  return () => doc.removeEventListener("click", listener, true);
}
