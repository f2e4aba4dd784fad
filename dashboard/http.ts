/** Methods that change nothing; every other one carries the session's CSRF token. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Remembers the CSRF token of the signed-in session (in memory only), or forgets it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the collector answers 401: the session expired or was revoked. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/**
 * Every request the dashboard makes to the collector goes through here, so credentials and the
 * CSRF header for writes are added in one place.
 */
export async function apiFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  if (!SAFE_METHODS.has(method) && csrfToken !== undefined) {
    headers.set("X-CSRF-Token", csrfToken);
  }
  const response = await fetch(input, { credentials: "same-origin", ...init, headers });
  if (response.status === 401) onUnauthorized?.();
  return response;
}
