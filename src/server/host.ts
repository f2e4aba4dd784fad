import type { IncomingMessage } from "node:http";
import { HttpError } from "./http";

/** Host names that always reach this machine, whatever DNS says. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** A Host header: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/;

/**
 * Turns `"Feedback.example.com"`, `"feedback.example.com:8443"` or `"https://feedback.example.com"`
 * into the lowercase `host[:port]` a Host header would carry; throws a `TypeError` otherwise.
 */
export function normalizeHost(value: string): string {
  const text = value.trim().toLowerCase();
  if (text.includes("://")) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new TypeError(`expected a host like "feedback.example.com", got "${value}"`);
    }
    return url.host;
  }
  if (!HOST_HEADER.test(text)) {
    throw new TypeError(`expected a host like "feedback.example.com", got "${value}"`);
  }
  return text;
}

/**
 * Which Host headers this collector answers: loopback on any port, and the configured public
 * hosts (a host without a port matches any port). A browser led to the collector by another name
 * (DNS rebinding: `attacker.test` resolving to 127.0.0.1) sends that name, and is refused before
 * anything else happens, so no origin or credential check ever sees it.
 */
export class HostPolicy {
  private readonly hosts: Set<string>;

  constructor(publicHosts: Iterable<string>) {
    this.hosts = new Set(publicHosts);
  }

  /** Also answer `host` (the concrete address the collector listens on). */
  add(host: string): void {
    this.hosts.add(host);
  }

  /** Returns the request's Host, lowercased, or throws 400 / 421 naming it. */
  check(req: IncomingMessage): string {
    const raw = req.headers.host;
    if (raw === undefined || raw === "") throw new HttpError(400, "Host: header required");
    const host = raw.toLowerCase();
    const match = HOST_HEADER.exec(host);
    const name = match?.[1];
    if (
      name !== undefined &&
      (LOOPBACK.has(name) || this.hosts.has(name) || this.hosts.has(host))
    ) {
      return host;
    }
    throw new HttpError(
      421,
      `Host: this collector does not answer for ${JSON.stringify(raw.slice(0, 100))}; start it with --public-host or --public-url naming that host`,
    );
  }
}
