import type { Store } from "../outbox/store";
import type { User } from "./types";

/** Who is answering: a random anonymous visitor id (no fingerprinting) and a tab-session id. */
export interface Identity extends User {
  visitorId: string;
  sessionId: string;
}

/** The visitor id's key in the store. */
export const VISITOR_KEY = "visitor";

/** A value of this tab's session; `create` makes it when missing (also when storage fails). */
export function sessionValue(
  window: Window,
  key: string,
  create?: () => string,
): string | undefined {
  try {
    // Reading `sessionStorage` itself throws in sandboxed iframes and with storage disabled.
    const storage = window.sessionStorage;
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
    window.sessionStorage?.setItem(key, value);
  } catch {
    // Storage full or blocked: the value lives in memory for this page only.
  }
}

/**
 * The visitor of the id read from the store (`found`); a first visit (or an unreadable id) gets
 * a new random one, written in one transaction with the check, so two tabs opening at once agree.
 */
export async function loadIdentity(
  store: Store,
  found: unknown,
  window: Window,
  siteKey: string,
  uuid: () => string,
): Promise<Identity> {
  const visitorId =
    typeof found === "string"
      ? found
      : ((await store.update(VISITOR_KEY, (v) => (typeof v === "string" ? v : uuid()))) as string);
  // Given `create`, a session value is always there.
  const sessionId = sessionValue(window, `touchpoint:${siteKey}:session`, uuid) as string;
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
