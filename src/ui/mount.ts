import type { SegmentCopy } from "../config/ui-types";
import { afterPaint } from "./after-paint";
import { createController, type Step } from "./controller";
import type { FollowUpActions } from "./follow-up";
import { isRtl, pickCopy } from "./locale";
import { watchModal } from "./modal";
import { place } from "./placement";
import { type PromptActions, type PromptView, renderPrompt } from "./question";
import { forSegment, segmentOf } from "./segment";
import { stylesheet } from "./sheet";
import { english, loadStrings, type Strings } from "./strings";
import { css } from "./styles";
import type { ThemeColors } from "./theme";
import type { MountedPrompt, PromptCallbacks, PromptModel } from "./types";
import { scaleValues } from "./values";

/** The steps after the answer: a part of their own, which the first frame does not wait for. */
export const loadSteps = () => import("./steps");

/** How long the thank-you stays before the prompt removes itself. */
export const THANKS_MS = 4000;
/**
 * Longest wait, once an answer is saved, for the steps part that is still on its way; then the
 * visitor is thanked without the follow-up.
 */
const STEPS_WAIT_MS = 3000;

/**
 * Puts a prompt on the page in an open shadow root (so assistive tech and axe can see inside),
 * in the top layer when the browser supports popovers. Never moves focus by itself; stays
 * invisible while a host modal dialog is open.
 */
export function mount(
  document: Document,
  model: PromptModel,
  callbacks: PromptCallbacks,
): MountedPrompt {
  const window = document.defaultView ?? globalThis.window;
  const { locale, copy } = pickCopy({
    ...model,
    languages: [model.locale, ...(model.languages ?? [])],
  });
  const found = loadStrings(locale);
  let t: Strings = "then" in found ? english : found;
  const { theme, type } = model;
  const scheme = theme.colorScheme ?? "auto";

  const host = document.createElement("touchpoint-prompt");
  host.lang = locale;
  host.dir = isRtl(locale) ? "rtl" : "ltr";
  const custom = {
    accent: theme.accent,
    background: theme.background,
    text: theme.text,
    radius: theme.radius === undefined ? undefined : `${theme.radius}px`,
    font: theme.fontFamily,
  };
  for (const [name, value] of Object.entries(custom))
    if (value) host.style.setProperty(`--tp-${name}`, value);
  const root = host.attachShadow({ mode: "open" });
  const texts: string[] = [];
  const adopt = (text: string) => {
    texts.push(text);
    root.adoptedStyleSheets = texts.map(stylesheet);
  };
  adopt(css);
  let colors: Record<string, string> = {};
  // Unthemed prompts use the stylesheet's colours and never load the theme chunk.
  const colored = (c: ThemeColors) => c.accent || c.background || c.text || scheme !== "auto";
  const loadTheme = (themed: ThemeColors) =>
    colored(themed)
      ? import("./theme").then(
          ({ themeVars }) => {
            colors = themeVars(window, themed, scheme);
          },
          () => undefined, // without the theme chunk the prompt keeps its default colours
        )
      : undefined;

  const values = scaleValues(type);
  const bySegment = (text: SegmentCopy | undefined, value: number | undefined) =>
    value === undefined ? undefined : forSegment(text, segmentOf(type, value));
  const ask = model.contact;
  const asksConsent = (value: number | undefined) =>
    ask !== undefined && value !== undefined && ask.segments.includes(segmentOf(type, value));
  const field = ask && !ask.known ? ask.field : undefined;
  // The steps after the answer, usually fetched ahead (preload.ts); the first frame never waits.
  let steps: { module: typeof import("./steps"); on: FollowUpActions } | undefined;
  const stepsLoaded = loadSteps().then(
    (module) => {
      steps = { module, on: module.followUpActions(controller, callbacks.comment, field) };
    },
    () => undefined, // without the part, an answer is recorded and thanked without a follow-up
  );
  const controller = createController(
    (score) =>
      callbacks
        .answer(score)
        .then(() =>
          steps
            ? undefined
            : Promise.race([
                stepsLoaded,
                new Promise<void>((resolve) => window.setTimeout(resolve, STEPS_WAIT_MS)),
              ]),
        ),
    {
      submitOnTap: model.submitOnTap === true,
      hasFollowUp: (value) =>
        steps !== undefined && (Boolean(bySegment(copy.followUp, value)) || asksConsent(value)),
    },
    draw,
  );
  const scale = type === "csat" ? (model.scale ?? "numbers") : "numbers";
  let icon: PromptView["icon"];
  const icons =
    scale === "numbers"
      ? undefined
      : import("./icons").then(
          (m) => {
            icon = (index) => m.icon(document, scale, index);
            adopt(m.css);
          },
          () => undefined, // without pictures the values still show their names
        );
  const view = (): PromptView => {
    const { step, value, failed, consent } = controller.state;
    const part = steps;
    return {
      ...t,
      ...copy,
      surveyId: model.surveyId,
      step,
      values,
      scale,
      value,
      rtl: host.dir === "rtl",
      words: t.csat,
      icon,
      low: copy.lowLabel ?? t.low[type],
      high: copy.highLabel ?? t.high[type],
      status: failed
        ? t.error
        : step !== "thanks"
          ? ""
          : consent && part
            ? (bySegment(copy.thanksContact, value) ??
              t.thanksContact ??
              part.module.english.thanksContact)
            : (bySegment(copy.thanks, value) ?? t.thanks),
      colors,
      followUp:
        part &&
        ((slot, id) =>
          part.module.renderFollowUp(slot, {
            view: part.module.followUpView({
              copy,
              words: t,
              state: controller.state,
              followUp: bySegment(copy.followUp, value),
              asked: asksConsent(value),
              field,
            }),
            on: part.on,
            id,
          })),
    };
  };
  const actions: PromptActions = {
    select: controller.select,
    submit: () => void controller.submit(),
    close: () => {
      if (!closed && controller.state.step === "question") callbacks.dismiss();
      close();
    },
  };

  let closed = false;
  let step: Step = "question";
  let timer: number | undefined;
  let returnFocus = document.activeElement;
  let invalidShown = false;
  let resolveShown: (visible: boolean) => void = () => undefined;
  const shown = new Promise<boolean>((resolve) => {
    resolveShown = resolve;
  });

  let positioned = false;
  let blocked = false;
  const reveal = () => {
    if (closed) return;
    host.toggleAttribute("data-wait", blocked || !positioned);
    // Shown, and its impression counted, once a frame with the prompt has been painted: the
    // events' storage work stays off the path to that frame.
    if (positioned && !blocked) afterPaint(window, () => resolveShown(true));
  };
  const strings =
    "then" in found
      ? found.then(
          (loaded) => {
            t = loaded;
          },
          () => undefined, // a language chunk that fails to load leaves the English strings
        )
      : undefined;
  const placed = place(
    host,
    model.placement,
    model.placement?.position ?? theme.position ?? "bottom-right",
    window,
  );
  // In the common case (strings at hand, no anchor to measure, no pictures or colours to load)
  // the prompt is drawn into its shadow root before the host joins the page: one insertion,
  // styled and laid out once, in the first frame.
  const now = !(strings || placed.ready || icons || colored(theme));
  if (now) draw();
  (document.body ?? document.documentElement).append(host);
  if (typeof host.showPopover === "function") {
    host.popover = "manual";
    host.showPopover();
  }
  // Read back through the cascade, so `--tp-*` set by the page's CSS count too. The popover
  // has brought style up to date already, so this read costs nothing more.
  const computed = window.getComputedStyle(host);
  const theming = loadTheme({
    accent: computed.getPropertyValue("--tp-accent").trim(),
    background: computed.getPropertyValue("--tp-background").trim(),
    text: computed.getPropertyValue("--tp-text").trim(),
  });
  positioned = now && !theming;
  const stopWatching = watchModal(document, (open) => {
    blocked = open;
    reveal();
  });
  if (!positioned)
    void Promise.all([placed.ready, strings, theming, icons]).then(() => {
      draw();
      positioned = true;
      reveal();
    });

  function draw(): void {
    if (closed) return;
    const focused = root.activeElement !== null;
    // The follow-up's rules join the stylesheets only when it shows: adopting them earlier would
    // restyle the prompt once more while it paints its first frame.
    if (steps && controller.state.step === "followUp" && !texts.includes(steps.module.css))
      adopt(steps.module.css);
    renderPrompt(root, view(), actions);
    // A contact refused on send: take the visitor to the field, whose message says why.
    if (controller.state.invalid && !invalidShown && focused)
      root.querySelector<HTMLElement>(".field input")?.focus();
    invalidShown = controller.state.invalid;
    if (controller.state.step === step) return;
    step = controller.state.step;
    // The form that had focus is gone: keep keyboard users inside the prompt.
    if (focused)
      root
        .querySelector<HTMLElement>(step === "followUp" ? "textarea, .consent input" : ".close")
        ?.focus();
    if (step === "thanks") timer = window.setTimeout(close, THANKS_MS);
  }

  function close(): void {
    if (closed) return;
    closed = true;
    window.clearTimeout(timer);
    stopWatching();
    placed.stop();
    const hadFocus = root.activeElement !== null;
    root.replaceChildren();
    host.remove();
    if (hadFocus && returnFocus?.isConnected && returnFocus instanceof window.HTMLElement)
      returnFocus.focus();
    resolveShown(false);
    callbacks.closed();
  }

  // Focus comes back to where it was before the visitor moved into the prompt.
  host.addEventListener("focusin", (event) => {
    const from = event.relatedTarget;
    if (from instanceof window.Element && from !== host) returnFocus = from;
  });

  return { close, shown };
}
