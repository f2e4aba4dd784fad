// The follow-up inbox's calls to the collector; every one goes through apiFetch.
import type { AlertRecord } from "../src/server/alerts/outbox";
import type { FollowUpStatus, InboxItem } from "../src/server/followups/store";
import type { FollowUpTimeRow } from "../src/server/followups/times";
import { ApiError, apiUrl } from "./api";
import { apiFetch } from "./http";

export type { AlertRecord, FollowUpStatus, FollowUpTimeRow, InboxItem };

export interface InboxResponse {
  targetHours: number;
  rows: InboxItem[];
}

export interface TimesResponse {
  targetHours: number;
  method: string;
  byTouchpointWeek: FollowUpTimeRow[];
  byWeek: FollowUpTimeRow[];
  overall: FollowUpTimeRow;
}

async function call<T>(path: string, params: URLSearchParams, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(apiUrl(path, params), {
    ...init,
    headers: { Accept: "application/json", ...(init.headers ?? {}) },
  });
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) {
    throw new ApiError(response.status, body.error ?? `${path} answered ${response.status}`);
  }
  return body as T;
}

const siteParams = (site: string, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  if (site) params.set("siteKey", site);
  return params;
};

export const fetchInbox = (site: string) =>
  call<InboxResponse>("followups", siteParams(site, { limit: "200" }));

export const fetchFollowUpTimes = (site: string, from: string | undefined) =>
  call<TimesResponse>("followups/times", siteParams(site, from ? { from } : {}));

export const saveStatus = (eventId: string, status: FollowUpStatus, note: string) =>
  call<InboxItem>(`followups/${encodeURIComponent(eventId)}`, new URLSearchParams(), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ status, note }),
  });

export const resendAlert = (id: string) =>
  call<{ id: string }>(`alerts/${encodeURIComponent(id)}/resend`, new URLSearchParams(), {
    method: "POST",
  });
