import type { IncomingMessage, ServerResponse } from "node:http";
import { SESSION_COOKIE, SESSION_HOURS, type TokenAccess } from "./access";
import { crossOrigin } from "./cors";
import { HttpError, sendJson } from "./http";
import { readBody } from "./read-body";

/** A sign-in body holds one token; anything bigger is not one. */
const SIGN_IN_BODY_LIMIT = 4096;

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    `Max-Age=${maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

async function readToken(req: IncomingMessage): Promise<string> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(415, 'expected Content-Type application/json with {"token": "…"}');
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, SIGN_IN_BODY_LIMIT));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'expected a JSON body {"token": "…"}');
  }
  const token = (body as { token?: unknown } | null)?.token;
  if (typeof token !== "string" || !token) {
    throw new HttpError(
      400,
      'token: expected the access token as a string, e.g. {"token": "tp_…"}',
    );
  }
  return token.trim();
}

/**
 * `/v1/session`: `POST {"token"}` signs in (sets the HttpOnly, SameSite=Strict session cookie and
 * answers the CSRF token), `GET` describes the current session, `DELETE` signs out. A sign-in
 * from another origin is refused, so no page can sign a visitor in to an account of its choosing.
 */
export async function handleSession(
  req: IncomingMessage,
  res: ServerResponse,
  access: TokenAccess,
  secure: boolean,
): Promise<void> {
  const method = req.method ?? "GET";
  if (method === "POST") {
    if (crossOrigin(req) !== undefined) {
      throw new HttpError(403, "sign in from the dashboard of this collector, not another origin");
    }
    const { sessionId, info } = await access.signIn(req, await readToken(req));
    res.setHeader("Set-Cookie", cookie(sessionId, SESSION_HOURS * 3600, secure));
    sendJson(res, 200, info);
    return;
  }
  if (method === "DELETE") {
    await access.signOut(req);
    res.setHeader("Set-Cookie", cookie("", 0, secure));
    sendJson(res, 200, { signedIn: false });
    return;
  }
  const info = await access.session(req);
  if (!info) throw new HttpError(401, "not signed in");
  sendJson(res, 200, info);
}
