import { loadSteps, mount } from "./mount";
import { stylesheet } from "./sheet";
import { loadStrings } from "./strings";
import { css } from "./styles";
import type { PromptModel } from "./types";

/**
 * Fetches ahead what a prompt needs once the network may be gone: the built-in strings of
 * `locale` and the steps after the answer, so an offline visitor who answers is still asked the
 * follow-up and thanked; also parses the prompt's stylesheet now, off the trigger's path. Then,
 * when the page is next idle, rehearses the prompt `rehearsal` describes, if it still does.
 */
export function preload(
  locale: string,
  rehearsal?: () => PromptModel | undefined,
): Promise<unknown> {
  return Promise.all([loadStrings(locale), loadSteps(), stylesheet(css)]).then(() => {
    const idle = window.requestIdleCallback ?? setTimeout;
    // In two idle tasks, each short enough not to hold up a visitor's input: the code and the
    // style first, then again with the layout.
    const step = (layout: boolean) => () => {
      try {
        if (rehearsal && rehearse(document, rehearsal, layout) && !layout) idle(step(true));
      } catch {
        // A failed rehearsal changes nothing: the real prompt reports its own errors.
      }
    };
    idle(step(false));
  });
}

/**
 * Rehearses a prompt's first frame: mounts the prompt `model` returns, if any (which brings its
 * style up to date), lays the page out when `layout` is true, and removes the prompt again, all
 * in one task, so no frame shows it and nothing is recorded. What that work warmed stays: the
 * stylesheet's rules, the fonts and the shaped text, the compiled code; the trigger's own first
 * frame then comes sooner (README, "The first frame"). Page scripts that watch the DOM see the
 * element come and go. Returns whether it mounted one.
 */
export function rehearse(
  document: Document,
  model: () => PromptModel | undefined,
  layout = true,
): boolean {
  const shown = model();
  if (!shown) return false;
  const nothing = async () => undefined;
  const prompt = mount(document, shown, {
    answer: nothing,
    comment: nothing,
    dismiss: nothing,
    closed: nothing,
  });
  try {
    if (layout) document.documentElement.getBoundingClientRect();
  } finally {
    prompt.close();
  }
  return true;
}
