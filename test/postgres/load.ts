import { randomUUID } from "node:crypto";
import type { TouchpointEvent } from "../../src/wire/event";
import { makeEvent } from "./helpers";

/** What a load run saw. */
export interface LoadResult {
  /** Event ids some collector acknowledged with a 2xx. */
  acknowledged: Set<string>;
  /** Every id sent. */
  sent: Set<string>;
  /** Status codes (0: network error) with how often each came back. */
  statuses: Map<number, number>;
  /** `Retry-After` values of the 503 answers. */
  retryAfter: string[];
}

function body(events: readonly TouchpointEvent[]): string {
  return JSON.stringify({ schema: 1, sentAt: new Date().toISOString(), events });
}

/**
 * Clients behaving like the SDK's outbox: each sends batches of new events to the collectors in
 * turn (round-robin), keeps a batch until a 2xx arrives and sends it again, same ids, to the
 * next collector otherwise. Runs until `batches` batches per client are acknowledged.
 * `onAck` runs after each acknowledged batch (e.g. to inject a fault).
 */
export async function load(
  urls: readonly string[],
  options: { clients: number; batches: number; size: number; onAck?: (acks: number) => void },
): Promise<LoadResult> {
  const result: LoadResult = {
    acknowledged: new Set(),
    sent: new Set(),
    statuses: new Map(),
    retryAfter: [],
  };
  let acks = 0;
  let turn = 0;
  const client = async () => {
    for (let done = 0; done < options.batches; ) {
      const events = Array.from({ length: options.size }, (_, i) =>
        makeEvent({
          id: randomUUID(),
          kind: i % 3 === 0 ? "impression" : "answer",
          visitorId: randomUUID(),
          score: i % 11,
        }),
      );
      for (const event of events) result.sent.add(event.id);
      for (;;) {
        const url = urls[turn++ % urls.length] as string;
        let status = 0;
        try {
          const response = await fetch(`${url}/v1/events`, {
            method: "POST",
            body: body(events),
            headers: { "content-type": "text/plain;charset=UTF-8" },
            signal: AbortSignal.timeout(20_000),
          });
          status = response.status;
          if (status === 503) result.retryAfter.push(response.headers.get("retry-after") ?? "");
          await response.arrayBuffer();
        } catch {
          status = 0;
        }
        result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
        if (status === 200) {
          for (const event of events) result.acknowledged.add(event.id);
          done += 1;
          acks += 1;
          options.onAck?.(acks);
          break;
        }
        // The SDK waits for Retry-After; a short pause keeps the test quick.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return result;
}
