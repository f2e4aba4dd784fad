import type { IncomingMessage } from "node:http";

/**
 * What a request may do on a site:
 * - `read`: results, comments, exports (viewer, editor, admin)
 * - `edit`: publish the site's config (editor, admin)
 * - `follow-up`: change follow-up status and notes (editor, admin)
 * - `admin`: manage tokens (admin)
 */
export type Right = "read" | "edit" | "follow-up" | "admin";

/** Who is asking, once authorized. */
export interface Principal {
  /** The token's name (or the session's), shown as "who" on changes. */
  name: string;
  role: "viewer" | "editor" | "admin";
}

/** The collector's access control. */
export interface Access {
  /**
   * Resolves to who is asking when the request holds `right` on `site` (`undefined`: every site
   * the request may see); otherwise throws an `HttpError` 401 or 403. For writes from a dashboard
   * session it also checks the CSRF token.
   */
  authorize(req: IncomingMessage, site: string | undefined, right: Right): Promise<Principal>;
}

/** Placeholder until access control lands: everyone may do everything. */
export function openAccess(): Access {
  return { authorize: async () => ({ name: "anonymous", role: "admin" }) };
}
