import { render } from "preact";
import { Prompt } from "./Prompt";
import { css } from "./styles";
import type { MountedPrompt, PromptCallbacks, PromptModel } from "./types";

/** How long the thank-you stays before the prompt removes itself. */
export const THANKS_MS = 4000;
const RTL = /^(ar|he|fa|ur|ps|yi|dv|ckb|sd|ug)(-|$)/i;

let sheet: CSSStyleSheet | undefined;

function stylesheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

/**
 * Puts a prompt on the page in an open shadow root (so assistive tech and axe can see inside),
 * in the top layer when the browser supports popovers. Never moves focus by itself.
 */
export function mount(
  document: Document,
  model: PromptModel,
  callbacks: PromptCallbacks,
): MountedPrompt {
  const host = document.createElement("touchpoint-prompt");
  host.setAttribute("data-position", model.theme.position ?? "bottom-right");
  host.setAttribute("lang", model.locale);
  host.setAttribute("dir", RTL.test(model.locale) ? "rtl" : "ltr");
  if (model.theme.accent) host.style.setProperty("--tp-accent", model.theme.accent);
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [stylesheet()];
  const returnFocus = document.activeElement;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    const hadFocus = root.activeElement !== null;
    render(null, root);
    host.remove();
    if (hadFocus && returnFocus instanceof HTMLElement && returnFocus.isConnected)
      returnFocus.focus();
    callbacks.closed();
  };

  const onClose = (dismissed: boolean) => {
    if (dismissed) callbacks.dismiss();
    close();
  };

  document.body.append(host);
  if (typeof host.showPopover === "function") {
    host.setAttribute("popover", "manual");
    host.showPopover();
  }
  render(<Prompt model={model} callbacks={callbacks} onClose={onClose} />, root);

  // The thank-you closes itself; watching the live region keeps the component free of timers.
  const status = root.querySelector('[role="status"]');
  if (status) {
    new MutationObserver((_, observer) => {
      if (status.textContent) {
        observer.disconnect();
        timer = setTimeout(close, THANKS_MS);
      }
    }).observe(status, { childList: true, characterData: true, subtree: true });
  }
  return { close };
}
