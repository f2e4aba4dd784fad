import { request } from "node:http";
import { connect } from "node:net";

/** A response as read off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A request through `node:http`, which (unlike `fetch`) lets a test choose the Host header and
 * send bodies byte for byte.
 */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers ?? {} });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.end(options.body);
  });
}

/**
 * Writes `raw` to a TCP connection to `url`'s host and port, then resolves with everything the
 * server sent once it closes the connection. `dribble` keeps writing a header line at that many
 * milliseconds apart until the server closes, as a slow client would.
 */
export function rawExchange(url: string, raw: string, dribble?: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.on("connect", () => {
      socket.write(raw);
      if (dribble !== undefined) {
        let n = 0;
        timer = setInterval(() => {
          if (!socket.destroyed && socket.writable) socket.write(`X-Slow-${n++}: 1\r\n`);
        }, dribble);
      }
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (error) => {
      clearInterval(timer);
      if (chunks.length > 0) resolve(Buffer.concat(chunks).toString("utf8"));
      else reject(error);
    });
    socket.on("close", () => {
      clearInterval(timer);
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
  });
}

/** Status and JSON body of a raw HTTP/1.1 response text. */
export function parseRaw(text: string): { status: number; contentType: string; json: unknown } {
  const [head = "", body = ""] = text.split("\r\n\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const contentType = /\r\ncontent-type: ([^\r]+)/i.exec(head)?.[1] ?? "";
  return { status, contentType, json: body ? JSON.parse(body) : undefined };
}
