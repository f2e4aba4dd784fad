import { isPostgresUrl } from "../server/storage/open";

/** A database target for messages: a file path as given, a PostgreSQL URL without its password. */
export function shownTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = "***";
    return url.href;
  } catch {
    return "postgres://…";
  }
}
