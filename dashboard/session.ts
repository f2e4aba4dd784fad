import { apiUrl } from "./api";
import { apiFetch, setCsrfToken } from "./http";

/** The signed-in session, as `/v1/session` describes it. */
export interface Session {
  name: string;
  role: "viewer" | "editor" | "admin";
  site: string | null;
  csrfToken: string;
  expiresAt: string;
}

/** Why a sign-in failed, in the collector's words. */
export class SignInError extends Error {}

const TOKEN_HASH = /^#token=([^&]+)/;

/**
 * Takes a token from a sign-in link (`/dashboard/#token=…`) and removes it from the address bar
 * and history at once. The token travels in the fragment, which browsers never send to a server
 * or put in a Referer.
 */
export function takeTokenFromHash(): string | undefined {
  const match = TOKEN_HASH.exec(location.hash);
  if (!match) return undefined;
  history.replaceState(null, "", `${location.pathname}${location.search}`);
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return undefined;
  }
}

async function describe(response: Response): Promise<Session> {
  const body = (await response.json().catch(() => ({}))) as Session & { error?: string };
  if (!response.ok) throw new SignInError(body.error ?? `sign-in answered ${response.status}`);
  setCsrfToken(body.csrfToken);
  return body;
}

/** Signs in with an access token: the collector sets an HttpOnly session cookie. */
export async function signIn(token: string): Promise<Session> {
  const response = await apiFetch(apiUrl("session"), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: token.trim() }),
  });
  return describe(response);
}

/** The current session, or undefined when signed out (or reading is public). */
export async function currentSession(): Promise<Session | undefined> {
  const response = await apiFetch(apiUrl("session"));
  if (response.status === 401) return undefined;
  return describe(response);
}

/** True when the collector lets anyone read (`--public-read`). */
export async function readIsPublic(): Promise<boolean> {
  const response = await apiFetch(apiUrl("meta"));
  return response.ok;
}

/** Ends the session on the collector and forgets its CSRF token. */
export async function signOut(): Promise<void> {
  await apiFetch(apiUrl("session"), { method: "DELETE" });
  setCsrfToken(undefined);
}
