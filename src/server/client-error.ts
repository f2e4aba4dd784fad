import type { Duplex } from "node:stream";
import type { ResolvedOptions } from "./options";

/** Node's default `--max-http-header-size`. */
const MAX_HEADER_BYTES = 16 * 1024;

function refusal(
  error: NodeJS.ErrnoException & { reason?: string },
  options: ResolvedOptions,
): [number, string] {
  const reason = typeof error.reason === "string" ? error.reason : "";
  if (/Transfer-Encoding can't be present with Content-Length/i.test(reason)) {
    return [400, "Content-Length and Transfer-Encoding: send one of them, not both"];
  }
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return [431, `request headers are larger than the limit of ${MAX_HEADER_BYTES} bytes`];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [
        408,
        `request headers not received within ${options.headersTimeoutMs / 1000} s; connection closed`,
      ];
    default:
      return [
        400,
        `malformed HTTP request: ${reason || error.code || "unknown error"}`.slice(0, 200),
      ];
  }
}

/**
 * Answers a request Node's HTTP parser refused (oversized headers, conflicting body lengths, a
 * client too slow to send its headers) with the same JSON error every other refusal has, then
 * closes the connection: after a parse error the rest of the stream cannot be trusted.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  options: ResolvedOptions,
): void {
  const [status, message] = refusal(error, options);
  options.log(`client error ${status} ${error.code ?? ""} ${message}`);
  const started = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || started?.headersSent) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: message });
  socket.end(
    [
      `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request"}`,
      "Content-Type: application/json; charset=utf-8",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Cache-Control: no-store",
      "X-Content-Type-Options: nosniff",
      "Connection: close",
      "",
      body,
    ].join("\r\n"),
  );
}
