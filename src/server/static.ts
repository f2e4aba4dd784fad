import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { HttpError } from "./http";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};
const INDEX_FILE = "index.html";
/**
 * The dashboard loads nothing but its own files and the collector's API: no CDN, no inline
 * script, no third-party request, and no other origin can frame it (the feedback it shows is
 * private).
 */
const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  // The studio frames its own preview page (dashboard/preview.html); nobody else may frame it.
  "frame-src 'self'",
  "frame-ancestors 'self'",
].join("; ");

function notFound(): HttpError {
  return new HttpError(404, "not found");
}

/** Maps the part of the URL path after `/dashboard/` to a file inside `root`, or throws 404. */
async function resolveFile(root: string, relative: string): Promise<string> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    throw new HttpError(400, "malformed percent-encoding in the path");
  }
  const segments = decoded.split("/").filter(Boolean);
  // Dot segments (`..`, `.env`), backslashes and NUL never name a dashboard asset.
  if (segments.some((s) => s.startsWith(".") || s.includes("\\") || s.includes("\0"))) {
    throw notFound();
  }
  let realRoot: string;
  let file: string;
  try {
    realRoot = await realpath(root);
    file = join(realRoot, ...segments);
    if ((await stat(file)).isDirectory()) file = join(file, INDEX_FILE);
    // A symlink inside the directory must not lead outside it.
    file = await realpath(file);
  } catch {
    throw notFound();
  }
  if (!file.startsWith(realRoot + sep) || !(await stat(file)).isFile()) throw notFound();
  return file;
}

/** Serves a file of the dashboard directory for GET and HEAD, under a strict CSP. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  relative: string,
): Promise<void> {
  const file = await resolveFile(root, relative);
  const { size } = await stat(file);
  res.statusCode = 200;
  res.setHeader(
    "Content-Type",
    CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
  );
  res.setHeader("Content-Length", size);
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("Content-Security-Policy", DASHBOARD_CSP);
  res.setHeader("Referrer-Policy", "no-referrer");
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res);
}
