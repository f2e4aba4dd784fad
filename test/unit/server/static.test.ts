// @vitest-environment node
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCollector, tempDir } from "./helpers";

function dashboardDir(): { root: string; outside: string } {
  const base = tempDir();
  const root = join(base, "dashboard");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>Touchpoint</title>");
  writeFileSync(join(root, "assets", "app.js"), "console.log(1)");
  writeFileSync(join(root, "assets", "app.css"), "body{}");
  writeFileSync(join(root, ".env"), "SECRET=1");
  writeFileSync(join(base, "secret.txt"), "outside");
  symlinkSync(join(base, "secret.txt"), join(root, "link.txt"));
  return { root, outside: join(base, "secret.txt") };
}

/** A GET with the path sent exactly as written (fetch would normalize `..` away). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { path }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("dashboard files", () => {
  it("serves index.html and assets with their content types", async () => {
    const { url } = await startCollector({ dashboardDir: dashboardDir().root });
    const index = await fetch(`${url}/dashboard/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain("<title>Touchpoint</title>");
    const js = await fetch(`${url}/dashboard/assets/app.js`);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("x-content-type-options")).toBe("nosniff");
    const css = await fetch(`${url}/dashboard/assets/app.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("serves the dashboard under a policy that allows nothing but its own files and the API", async () => {
    const { url } = await startCollector({ dashboardDir: dashboardDir().root });
    const index = await fetch(`${url}/dashboard/`);
    const policy = index.headers.get("content-security-policy") ?? "";
    expect(policy.split("; ")).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-src 'self'",
      "frame-ancestors 'self'",
    ]);
    expect(index.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("redirects /dashboard to /dashboard/", async () => {
    const { url } = await startCollector({ dashboardDir: dashboardDir().root });
    const response = await fetch(`${url}/dashboard`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/dashboard/");
  });

  it("never serves files outside the directory, dot files or missing files", async () => {
    const { url } = await startCollector({ dashboardDir: dashboardDir().root });
    for (const path of [
      "/dashboard/../secret.txt",
      "/dashboard/%2e%2e/secret.txt",
      "/dashboard/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/dashboard/..%5csecret.txt",
      "/dashboard/link.txt",
      "/dashboard/.env",
      "/dashboard/missing.js",
      "/dashboard/%00",
    ]) {
      const response = await rawGet(url, path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body).not.toContain("outside");
      expect(response.body).not.toContain("SECRET");
    }
  });

  it("serves nothing under /dashboard/ without a dashboard directory", async () => {
    const { url } = await startCollector();
    expect((await fetch(`${url}/dashboard/`)).status).toBe(404);
  });
});
