// The preview frame: runs the built SDK (./sdk/touchpoint.js and its chunks) on one request from
// the studio: show a survey at a step, or explain every survey for a simulated visitor.
import type { TouchpointApi } from "../../src/api";
import {
  type Device,
  EXPLAIN_SITE,
  type Reply,
  type Request,
  type VisitorHistory,
} from "./protocol";

const DAY_MS = 86_400_000;
const USER_AGENTS: Record<Device, string> = {
  desktop:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  mobile:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  tablet:
    "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
};

// Nothing leaves the preview: the SDK captures this fetch when it starts.
window.fetch = () => Promise.reject(new Error("the studio preview sends nothing"));

const status = document.getElementById("status");
const reply = (message: Reply) => parent.postMessage(message, location.origin);
// Resolved now: an explain request moves this page to the URL under test.
const sdkUrl = new URL("./sdk/touchpoint.js", location.href).href;

function loadSdk(): Promise<TouchpointApi> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = sdkUrl;
    script.onload = () => resolve((window as unknown as { touchpoint: TouchpointApi }).touchpoint);
    script.onerror = () => reject(new Error("could not load the SDK"));
    document.head.append(script);
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function promptRoot(ready: (root: ShadowRoot) => boolean): Promise<ShadowRoot> {
  for (let i = 0; i < 200; i++) {
    const root = document.querySelector("touchpoint-prompt")?.shadowRoot;
    if (root && ready(root)) return root;
    await wait(25);
  }
  throw new Error("the prompt did not reach this step");
}

/** Plays the visitor up to `step`: picks `score`, submits, and fills the follow-up. */
async function playTo(step: string, score: number): Promise<void> {
  if (step === "question") return;
  const root = await promptRoot((r) => r.querySelector("input[type=radio]") !== null);
  const radio = [...root.querySelectorAll<HTMLInputElement>("input[type=radio]")].find(
    (r) => r.value === String(score),
  );
  radio?.click();
  await wait(0);
  root.querySelector<HTMLButtonElement>("button[type=submit]")?.click();
  if (step === "followUp") {
    await promptRoot(
      (r) => r.querySelector("textarea") !== null || r.querySelector("input[type=radio]") === null,
    );
    return;
  }
  const next = await promptRoot((r) => r.querySelector("input[type=radio]") === null);
  const area = next.querySelector("textarea");
  if (area) {
    area.value = "Preview answer";
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await wait(0);
    next.querySelector<HTMLButtonElement>("button[type=submit]")?.click();
    await promptRoot((r) => r.querySelector("textarea") === null);
  }
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 2);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains("kv")) request.result.createObjectStore("kv");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Writes the visitor's past where the SDK reads it: the ledger (IndexedDB) and the journey. */
async function writeHistory(h: VisitorHistory): Promise<void> {
  const now = Date.now();
  const name = `touchpoint:${EXPLAIN_SITE}`;
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  const ago = (days: number | undefined) => (days === undefined ? undefined : now - days * DAY_MS);
  const clocks = {
    answeredAt: ago(h.answeredDaysAgo),
    dismissedAt: ago(h.dismissedDaysAgo),
    shownAt: ago(
      h.shownDaysAgo ?? Math.min(h.answeredDaysAgo ?? Infinity, h.dismissedDaysAgo ?? Infinity),
    ),
    answers: h.answeredDaysAgo === undefined ? 0 : 1,
    ignored:
      h.shownDaysAgo !== undefined &&
      h.answeredDaysAgo === undefined &&
      h.dismissedDaysAgo === undefined
        ? 1
        : 0,
  };
  if (!Number.isFinite(clocks.shownAt)) clocks.shownAt = undefined;
  const shown = [clocks.shownAt].filter((t): t is number => t !== undefined);
  const ledger = { surveys: { [h.surveyId]: clocks }, lastShownAt: shown[0], shown };
  const db = await openDatabase(name);
  await new Promise((resolve, reject) => {
    const tx = db.transaction("kv", "readwrite");
    tx.objectStore("kv").put(ledger, "ledger");
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  const fired = Object.fromEntries(h.fired.map((id) => [id, now - 1000]));
  const key = `touchpoint:${EXPLAIN_SITE}:journey`;
  localStorage.setItem(key, JSON.stringify({ sessions: h.sessions, fired }));
  sessionStorage.setItem(
    key,
    JSON.stringify({ start: now - 60_000, pages: h.pages - 1, landing: location.search, fired }),
  );
  sessionStorage.setItem(`touchpoint:${EXPLAIN_SITE}:shown`, String(h.shownThisSession));
}

function pretendDevice(device: Device): void {
  Object.defineProperty(navigator, "userAgent", { get: () => USER_AGENTS[device] });
  Object.defineProperty(navigator, "userAgentData", {
    get: () => ({ mobile: device === "mobile" }),
  });
  Object.defineProperty(navigator, "maxTouchPoints", { get: () => (device === "desktop" ? 0 : 5) });
}

async function handle(request: Request): Promise<void> {
  if (request.kind === "explain") {
    pretendDevice(request.device);
    await writeHistory(request.history);
    const at = new URL(request.url || "/", location.origin);
    history.replaceState(null, "", `${at.pathname}${at.search}${at.hash}`);
  }
  const tp = await loadSdk();
  const errors: string[] = [];
  tp.on("error", ({ message }) => errors.push(message));
  tp.init(request.config);
  if (request.kind === "explain") {
    if (Object.keys(request.history.traits).length)
      tp.identify("studio-visitor", request.history.traits);
    const explanations = await tp.explain();
    reply({
      kind: "explained",
      explanations,
      ...(errors.length ? { error: errors.join("\n") } : {}),
    });
    return;
  }
  const ok = await tp.show(
    request.surveyId,
    request.variant ? { variant: request.variant } : undefined,
  );
  if (ok) await playTo(request.step, request.score);
  if (status)
    status.textContent = ok ? "" : "The prompt cannot show: fix the problems listed in the studio.";
  reply({ kind: "shown", ok, ...(errors.length ? { error: errors.join("\n") } : {}) });
}

let handled = false;
addEventListener("message", (event: MessageEvent<Request>) => {
  if (event.origin !== location.origin || event.source !== parent || handled) return;
  handled = true;
  handle(event.data).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    reply(
      event.data.kind === "explain"
        ? { kind: "explained", explanations: [], error: message }
        : { kind: "shown", ok: false, error: message },
    );
  });
});
reply({ kind: "ready" });
