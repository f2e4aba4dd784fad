import type { IncomingMessage } from "node:http";
import { HttpError } from "./http";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body is larger than the limit of ${limit} bytes`, {
    Connection: "close",
  });
}

/**
 * Reads the request body as UTF-8 text (400 when it is not valid UTF-8), refusing with 413 as soon as it passes `limit` bytes (by
 * `Content-Length` before reading anything, or while streaming a chunked body), so a large body
 * is never held in memory.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      try {
        resolve(UTF8.decode(Buffer.concat(chunks, size)));
      } catch {
        // Replacing bad bytes with U+FFFD would store text the sender never wrote.
        reject(new HttpError(400, "request body is not valid UTF-8"));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new HttpError(400, "connection closed before the body was complete"));
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
