import type { ResolvedAlerts } from "./config";
import type { AlertOutbox, DueAlert } from "./outbox";
import { slackPayload, webhookPayload } from "./payload";
import { signHeaders } from "./sign";

/** Alerts sent at once by one worker pass. */
const BATCH = 20;
/** Longest sleep between passes, so alerts queued by another process are found. */
const MAX_IDLE_MS = 5000;
/** Added to the timeout for the lease on an alert being sent. */
const LEASE_MARGIN_MS = 1000;
/** Longest part of a receiver's answer quoted in a dead letter's reason. */
const MAX_REASON_BODY = 200;

export interface DeliveryDeps {
  outbox: AlertOutbox;
  alerts: ResolvedAlerts;
  /** The dashboard's URL, once known (the collector knows its own only after it listens). */
  dashboardUrl: () => string;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  log?: (line: string) => void;
  /** Called after each attempt, e.g. by tests and the bench. */
  onAttempt?: (alert: DueAlert, outcome: "delivered" | "retry" | "dead", reason?: string) => void;
}

export interface AlertDelivery {
  /** Looks for due alerts now (called after each committed answer). */
  wake(): void;
  /** Stops after the attempts in flight. */
  stop(): Promise<void>;
}

/** Why an attempt failed, and whether trying again may help. */
interface Failure {
  reason: string;
  retry: boolean;
}

function describeNetworkError(error: unknown, timeoutMs: number): Failure {
  const err = error as { name?: string; cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") {
    return { reason: `no answer within ${timeoutMs / 1000} s`, retry: true };
  }
  const code = err.cause?.code;
  if (code === "ECONNREFUSED") return { reason: "connection refused", retry: true };
  const detail = code ?? err.cause?.message ?? String(error);
  return { reason: `network error (${detail})`, retry: true };
}

/**
 * Sends queued alerts: one POST per alert, signed per Standard Webhooks, each with the timeout.
 * 2xx delivers; 408, 429, 5xx, timeouts and network errors are retried with exponential backoff
 * (equal jitter) until `maxAttempts`; any other answer, or the last failure, makes a dead letter
 * with the reason.
 */
export function startAlertDelivery(deps: DeliveryDeps): AlertDelivery {
  const { outbox, alerts } = deps;
  const { timeoutMs, maxAttempts, retryBaseMs, retryMaxMs } = alerts.delivery;
  const send = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const log = deps.log ?? (() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function attempt(alert: DueAlert): Promise<void> {
    const destination = alerts.destinations.get(alert.destination);
    const at = now();
    const iso = new Date(at).toISOString();
    if (!destination) {
      await outbox.failed(
        alert.id,
        `destination "${alert.destination}" is no longer configured`,
        iso,
        undefined,
      );
      deps.onAttempt?.(alert, "dead", "destination removed");
      return;
    }
    const body = JSON.stringify(
      destination.type === "slack"
        ? slackPayload(alert, deps.dashboardUrl())
        : webhookPayload(alert, deps.dashboardUrl(), at),
    );
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "touchpoint-collector",
      ...(destination.key
        ? signHeaders(destination.key, alert.id, Math.floor(at / 1000), body)
        : {}),
    };
    let failure: Failure | undefined;
    try {
      const response = await send(destination.url, {
        method: "POST",
        headers,
        body,
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text().catch(() => "");
      if (!response.ok) {
        const s = response.status;
        failure = {
          reason: `HTTP ${s}${text ? `: ${text.slice(0, MAX_REASON_BODY)}` : ""}`,
          retry: s === 408 || s === 429 || s >= 500,
        };
      }
    } catch (error) {
      failure = describeNetworkError(error, timeoutMs);
    }
    if (!failure) {
      await outbox.delivered(alert.id, new Date(now()).toISOString());
      deps.onAttempt?.(alert, "delivered");
      return;
    }
    const attempts = alert.attempts + 1;
    const last = !failure.retry || attempts >= maxAttempts;
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** (attempts - 1));
    const retryAt = last ? undefined : now() + ceiling / 2 + (random() * ceiling) / 2;
    const reason =
      last && failure.retry ? `${failure.reason} (after ${attempts} attempts)` : failure.reason;
    await outbox.failed(alert.id, reason, new Date(now()).toISOString(), retryAt);
    log(
      `alert ${alert.id} to ${alert.destination}: ${reason}${last ? "; set aside as a dead letter" : ""}`,
    );
    deps.onAttempt?.(alert, last ? "dead" : "retry", reason);
  }

  async function pass(): Promise<void> {
    do {
      again = false;
      let due: DueAlert[];
      do {
        const at = now();
        due = await outbox.claimDue(at, at + timeoutMs + LEASE_MARGIN_MS, BATCH);
        await Promise.all(
          due.map((alert) => attempt(alert).catch((e) => log(`alert ${alert.id}: ${String(e)}`))),
        );
      } while (due.length === BATCH && !stopped);
    } while (again && !stopped);
    if (stopped) return;
    const next = await outbox.nextDue();
    const wait =
      next === undefined ? MAX_IDLE_MS : Math.max(0, Math.min(MAX_IDLE_MS, next - now()));
    clearTimeout(timer);
    timer = setTimeout(wake, wait);
    timer.unref?.();
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error: unknown) => {
        log(`alert delivery: ${String(error)}`);
        clearTimeout(timer);
        timer = setTimeout(wake, MAX_IDLE_MS);
        timer.unref?.();
      })
      .finally(() => {
        running = undefined;
        if (again) wake();
      });
  }

  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
