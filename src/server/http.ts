import type { ServerResponse } from "node:http";

/** A refusal with its status, message and any extra headers (e.g. `Retry-After`). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Sends `body` as JSON; `extraHeaders` are added to any already set (CORS, Vary). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  const payload = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(payload));
  res.setHeader("Cache-Control", "no-store");
  res.end(payload);
}

/** Sends `{ "error": message }` with the error's status and headers. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: error.message }, error.headers);
}
