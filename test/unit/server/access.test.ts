// @vitest-environment node
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Access, Right } from "../../../src/server";
import { createToken } from "../../../src/server";
import { HttpError } from "../../../src/server/http";
import { alertsFor, startReceiver, until } from "./alert-helpers";
import { batch, makeEvent, post, signIn, startCollector } from "./helpers";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Two sites' answers with comments, so a test can see which one leaks. */
async function twoSites() {
  const started = await startCollector();
  const shop = makeEvent({ siteKey: "shop", comment: "shop comment", userId: "shop-user" });
  const blog = makeEvent({ siteKey: "blog", comment: "blog comment", userId: "blog-user" });
  expect((await post(`${started.url}/v1/events`, batch([shop]))).status).toBe(200);
  expect((await post(`${started.url}/v1/events`, batch([blog]))).status).toBe(200);
  return started;
}

/** A real HTTP server whose only route calls `access.authorize`, as a new collector route would. */
async function authorizeServer(access: Access) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x.invalid");
    const site = url.searchParams.get("site") ?? undefined;
    const right = (url.searchParams.get("right") ?? "read") as Right;
    access.authorize(req, site, right).then(
      (principal) => res.writeHead(200).end(JSON.stringify(principal)),
      (error: unknown) =>
        res
          .writeHead(error instanceof HttpError ? error.status : 500)
          .end(JSON.stringify({ error: (error as Error).message })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Token storage, sign-in and session expiry run against both engines in test/postgres/access.test.ts.
describe("tokens", () => {
  it("refuses the read API without a token, with JSON and a Bearer challenge", async () => {
    const { url } = await twoSites();
    for (const path of ["summary", "comments", "report", "meta", "events.csv", "events.ndjson"]) {
      const response = await fetch(`${url}/v1/${path}`);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="touchpoint"');
      expect(((await response.json()) as { error: string }).error).toMatch(/^sign in first/);
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("never takes a token from the query string, and refuses a wrong or revoked one", async () => {
    const { url, collector } = await twoSites();
    const { token, id } = await createToken(collector.db, { role: "viewer" });
    expect((await fetch(`${url}/v1/summary?token=${token}`)).status).toBe(401);
    expect((await fetch(`${url}/v1/summary`, { headers: bearer(token) })).status).toBe(200);
    const wrong = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect((await fetch(`${url}/v1/summary`, { headers: bearer(wrong) })).status).toBe(401);
    expect((await fetch(`${url}/v1/summary`, { headers: bearer("tp_nonsense") })).status).toBe(401);
    const db = new Database(collector.db.name);
    db.prepare("UPDATE access_tokens SET revoked_at = ? WHERE id = ?").run("2024-01-01", id);
    db.close();
    expect((await fetch(`${url}/v1/summary`, { headers: bearer(token) })).status).toBe(401);
  });

  it("gives each role its rights: viewer read; editor read, edit, follow-up; admin all", async () => {
    const { collector } = await startCollector();
    const server = await authorizeServer(collector.access);
    try {
      const expected: Record<string, Right[]> = {
        viewer: ["read"],
        editor: ["read", "edit", "follow-up"],
        admin: ["read", "edit", "follow-up", "admin"],
      };
      for (const role of ["viewer", "editor", "admin"] as const) {
        const { token } = await createToken(collector.db, { role, site: "shop", name: role });
        for (const right of ["read", "edit", "follow-up", "admin"] as const) {
          const response = await fetch(`${server.url}/?site=shop&right=${right}`, {
            headers: bearer(token),
          });
          const allowed = expected[role]?.includes(right) ?? false;
          expect(response.status, `${role} ${right}`).toBe(allowed ? 200 : 403);
          if (allowed) expect(await response.json()).toEqual({ name: role, role, site: "shop" });
        }
        const other = await fetch(`${server.url}/?site=blog&right=read`, {
          headers: bearer(token),
        });
        expect(other.status).toBe(403);
        expect(((await other.json()) as { error: string }).error).toBe(
          `token "${role}" has no rights on site "blog"`,
        );
      }
    } finally {
      await server.close();
    }
  });
});

describe("site separation (issue 13, items 7 and 9)", () => {
  it("gives a viewer of one site that site only, when it asks for every site", async () => {
    const { url, collector } = await twoSites();
    const { token } = await createToken(collector.db, { role: "viewer", site: "shop" });
    const read = async (path: string) => {
      const response = await fetch(`${url}/v1/${path}`, { headers: bearer(token) });
      return { status: response.status, text: await response.text() };
    };
    for (const path of ["summary", "comments", "report", "events.csv", "events.ndjson"]) {
      const { status, text } = await read(path);
      expect(status, path).toBe(200);
      expect(text, path).toContain("shop");
      expect(text, path).not.toContain("blog");
    }
    expect(JSON.parse((await read("meta")).text).sites).toEqual(["shop"]);
    const blog = await read("comments?siteKey=blog");
    expect(blog.status).toBe(403);
    expect(blog.text).not.toContain("blog comment");
  });

  it("lets an all-sites token read every site, or one when asked", async () => {
    const { url, auth } = await twoSites();
    const all = await (await fetch(`${url}/v1/comments`, { headers: auth })).text();
    expect(all).toContain("shop comment");
    expect(all).toContain("blog comment");
    const one = await (await fetch(`${url}/v1/comments?siteKey=blog`, { headers: auth })).text();
    expect(one).not.toContain("shop comment");
  });

  it("asks a custom access control, when given one, and narrows to the site it names", async () => {
    const asked: string[] = [];
    const { url } = await startCollector({
      access: {
        authorize: async (_req, site, right) => {
          asked.push(`${site} ${right}`);
          return { name: "sso user", role: "viewer", site: "shop" };
        },
      },
    });
    await post(`${url}/v1/events`, batch([makeEvent({ siteKey: "blog", comment: "blog only" })]));
    const comments = await (await fetch(`${url}/v1/comments`)).text();
    expect(comments).not.toContain("blog only");
    await fetch(`${url}/v1/summary?siteKey=shop`);
    expect(asked).toEqual(["undefined read", "shop read"]);
  });

  it("opens reading on purpose with publicRead, and nothing else", async () => {
    const { url, collector } = await twoSites();
    await collector.close();
    const open = await startCollector({ dbPath: collector.db.name, publicRead: true });
    const response = await fetch(`${open.url}/v1/comments`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("blog comment");
    const server = await authorizeServer(open.collector.access);
    try {
      expect((await fetch(`${server.url}/?right=edit`)).status).toBe(401);
      expect((await fetch(`${server.url}/?right=follow-up`)).status).toBe(401);
    } finally {
      await server.close();
    }
    expect(url).not.toBe(open.url);
  });

  it("fills a late comment only into the row of the same site, survey and visitor", async () => {
    const { url, auth } = await startCollector();
    const answer = makeEvent({ siteKey: "blog", visitorId: "blog-visitor" });
    await post(`${url}/v1/events`, batch([answer]));
    const replays = [
      { ...answer, siteKey: "shop", comment: "from another site" },
      { ...answer, surveyId: "other-survey", comment: "from another survey" },
      { ...answer, visitorId: "someone-else", comment: "from another visitor" },
    ];
    for (const replay of replays) await post(`${url}/v1/events`, batch([replay]));
    const stored = async () =>
      (
        (await (await fetch(`${url}/v1/events.ndjson`, { headers: auth })).text())
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line)) as { comment?: string }[]
      )[0]?.comment;
    expect(await stored()).toBeUndefined();
    await post(`${url}/v1/events`, batch([{ ...answer, comment: "the visitor's own" }]));
    expect(await stored()).toBe("the visitor's own");
  });
});

describe("dashboard sessions", () => {
  it("marks the cookie Secure behind an https public URL", async () => {
    const { collector } = await startCollector();
    const secure = await startCollector({
      dbPath: `${collector.db.name}-secure`,
      publicUrl: "https://feedback.example.com",
    });
    const { token } = await createToken(secure.collector.db, { role: "viewer" });
    const { cookie } = await signIn(secure.url, token);
    expect(cookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it("needs the CSRF header on every write from a cookie session", async () => {
    const { url, collector } = await startCollector();
    const { token } = await createToken(collector.db, { role: "editor", name: "Bo" });
    const { session, json } = await signIn(url, token);
    const server = await authorizeServer(collector.access);
    try {
      const write = (headers: Record<string, string>) =>
        fetch(`${server.url}/?right=edit`, {
          method: "POST",
          headers: { cookie: session, ...headers },
        });
      const without = await write({});
      expect(without.status).toBe(403);
      expect(((await without.json()) as { error: string }).error).toMatch(/X-CSRF-Token/);
      expect((await write({ "x-csrf-token": "0".repeat(64) })).status).toBe(403);
      const withHeader = await write({ "x-csrf-token": String(json.csrfToken) });
      expect(withHeader.status).toBe(200);
      expect(await withHeader.json()).toEqual({ name: "Bo", role: "editor" });
      // A bearer token is not sent by browsers on their own, so it needs no CSRF token.
      const programmatic = await fetch(`${server.url}/?right=edit`, {
        method: "POST",
        headers: bearer(token),
      });
      expect(programmatic.status).toBe(200);
    } finally {
      await server.close();
    }
    const signOutWithout = await fetch(`${url}/v1/session`, {
      method: "DELETE",
      headers: { cookie: session },
    });
    expect(signOutWithout.status).toBe(403);
    const signOut = await fetch(`${url}/v1/session`, {
      method: "DELETE",
      headers: { cookie: session, "x-csrf-token": String(json.csrfToken) },
    });
    expect(signOut.status).toBe(200);
    expect(signOut.headers.get("set-cookie")).toMatch(/^tp_session=; Path=\/; Max-Age=0;/);
    expect((await fetch(`${url}/v1/summary`, { headers: { cookie: session } })).status).toBe(401);
  });

  it("ignores the session on requests another site's page makes, and refuses a sign-in from one", async () => {
    const { url, collector } = await startCollector();
    const { token } = await createToken(collector.db, { role: "viewer" });
    const { session } = await signIn(url, token);
    const crossSite = await fetch(`${url}/v1/summary`, {
      headers: { cookie: session, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(401);
    const sameOrigin = await fetch(`${url}/v1/summary`, {
      headers: { cookie: session, "sec-fetch-site": "same-origin" },
    });
    expect(sameOrigin.status).toBe(200);
    const forced = await signIn(url, token, { origin: "https://evil.example" });
    expect(forced.response.status).toBe(403);
    expect(forced.cookie).toBe("");
  });

  it("rate limits failed sign-ins per address, in bounded memory", async () => {
    const { url, collector } = await startCollector();
    const { token } = await createToken(collector.db, { role: "viewer" });
    for (let i = 0; i < 10; i++) {
      expect((await signIn(url, `tp_000000000000_${"x".repeat(43)}`)).response.status).toBe(401);
    }
    const limited = await signIn(url, token);
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get("retry-after")).toBe("6");
    expect(limited.json.error).toBe("too many failed sign-ins from this address; retry in 6 s");
    const bearerLimited = await fetch(`${url}/v1/summary`, { headers: bearer(token) });
    expect(bearerLimited.status).toBe(429);
  });

  it("counts failures per forwarded address only behind a trusted proxy", async () => {
    const bad = `tp_000000000000_${"x".repeat(43)}`;
    const failFrom = (url: string, address: string) =>
      signIn(url, bad, { "x-forwarded-for": `203.0.113.9, ${address}` });
    const proxied = await startCollector({ trustProxy: true });
    for (let i = 0; i < 10; i++) await failFrom(proxied.url, "198.51.100.1");
    expect((await failFrom(proxied.url, "198.51.100.1")).response.status).toBe(429);
    expect((await failFrom(proxied.url, "198.51.100.2")).response.status).toBe(401);
    // Without --trust-proxy the header is the client's own word, and changes nothing.
    const direct = await startCollector();
    for (let i = 0; i < 10; i++) await failFrom(direct.url, `198.51.100.${i}`);
    expect((await failFrom(direct.url, "198.51.100.99")).response.status).toBe(429);
  });

  it("refuses a sign-in that is not a JSON token", async () => {
    const { url } = await startCollector();
    const text = await fetch(`${url}/v1/session`, { method: "POST", body: "tp_x" });
    expect(text.status).toBe(415);
    const empty = await fetch(`${url}/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toMatch(/^token: expected/);
  });
});

describe("follow-up routes (issue 13, item 9, with issue 14's inbox)", () => {
  it("list only the token's site, change status only with follow-up on that site, and need CSRF from a session", async () => {
    const receiver = await startReceiver();
    let delivered = 0;
    const { url, collector } = await startCollector({
      alerts: alertsFor(receiver.url),
      onAlertAttempt: (_alert, outcome) => {
        if (outcome === "delivered") delivered++;
      },
    });
    const shop = makeEvent({ siteKey: "shop", score: 1, comment: "shop is slow" });
    const blog = makeEvent({ siteKey: "blog", score: 1, comment: "blog is down" });
    await post(`${url}/v1/events`, batch([shop]));
    await post(`${url}/v1/events`, batch([blog]));
    await until(() => delivered === 2, "two alerts delivered");

    const viewer = await createToken(collector.db, { role: "viewer", site: "shop", name: "V" });
    for (const path of ["followups", "alerts/dead", "followups/times"]) {
      const response = await fetch(`${url}/v1/${path}`, { headers: bearer(viewer.token) });
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).not.toContain(blog.id);
    }
    const inbox = (await (
      await fetch(`${url}/v1/followups`, { headers: bearer(viewer.token) })
    ).json()) as { rows: { eventId: string }[] };
    expect(inbox.rows.map((row) => row.eventId)).toEqual([shop.id]);
    expect((await fetch(`${url}/v1/followups`)).status).toBe(401);

    const change = (id: string, headers: Record<string, string>) =>
      fetch(`${url}/v1/followups/${id}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ status: "in_progress" }),
      });
    expect((await change(shop.id, bearer(viewer.token))).status).toBe(403);
    const editor = await createToken(collector.db, { role: "editor", site: "shop", name: "Eve" });
    expect((await change(blog.id, bearer(editor.token))).status).toBe(403);
    const { session, json } = await signIn(url, editor.token);
    expect((await change(shop.id, { cookie: session })).status).toBe(403);
    const done = await change(shop.id, { cookie: session, "x-csrf-token": String(json.csrfToken) });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: "in_progress", updatedBy: "Eve" });
  });
});
