import { createHmac, timingSafeEqual } from "node:crypto";

/** Headers of one signed delivery, per the Standard Webhooks convention. */
export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/** `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under `key`. */
export function signature(key: Buffer, id: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The three headers for `body`; `timestamp` is in whole seconds since the epoch. */
export function signHeaders(
  key: Buffer,
  id: string,
  timestamp: number,
  body: string,
): SignedHeaders {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature(key, id, timestamp, body),
  };
}

/**
 * True when one of the space-separated signatures in `header` is `body`'s, and the timestamp is
 * within `toleranceSeconds` of `nowSeconds` (replay protection). What a receiver runs.
 */
export function verifySignature(
  key: Buffer,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return false;
  }
  const expected = Buffer.from(signature(key, headers.id, timestamp, body));
  return headers.signature.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
