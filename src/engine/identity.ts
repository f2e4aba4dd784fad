import type { Store } from "../outbox/store";
import type { User } from "./types";

/** Who is answering: a random anonymous visitor id (no fingerprinting) and a tab-session id. */
export interface Identity extends User {
  visitorId: string;
  sessionId: string;
}

const VISITOR_KEY = "visitor";

/** sessionStorage can be missing or throw (sandboxed iframes, disabled storage). */
function sessionStorageOf(window: Window): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function sessionValue(
  window: Window,
  key: string,
  create?: () => string,
): string | undefined {
  const storage = sessionStorageOf(window);
  try {
    const existing = storage?.getItem(key);
    if (existing || !create) return existing ?? undefined;
    const value = create();
    storage?.setItem(key, value);
    return value;
  } catch {
    return create?.();
  }
}

export function setSessionValue(window: Window, key: string, value: string): void {
  try {
    sessionStorageOf(window)?.setItem(key, value);
  } catch {
    // Storage full or blocked: the value lives in memory for this page only.
  }
}

export async function loadIdentity(
  store: Store,
  window: Window,
  siteKey: string,
  uuid: () => string,
): Promise<Identity> {
  let visitorId = await store.get<string>(VISITOR_KEY);
  if (typeof visitorId !== "string") {
    visitorId = uuid();
    await store.set(VISITOR_KEY, visitorId);
  }
  const sessionId = sessionValue(window, `touchpoint:${siteKey}:session`, uuid) ?? uuid();
  return { visitorId, sessionId, traits: {} };
}

/** Forgets the visitor: a new random id, no user id, no traits. */
export async function newIdentity(
  store: Store,
  window: Window,
  siteKey: string,
  uuid: () => string,
): Promise<Identity> {
  const visitorId = uuid();
  await store.set(VISITOR_KEY, visitorId);
  const sessionId = uuid();
  setSessionValue(window, `touchpoint:${siteKey}:session`, sessionId);
  return { visitorId, sessionId, traits: {} };
}
