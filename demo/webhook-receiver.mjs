// A webhook receiver for the demo and the alert benchmark: verifies each alert's Standard
// Webhooks signature and prints it. Run alone: `node demo/webhook-receiver.mjs [port]`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

/** The demo's signing secret (demo/alerts.json uses the same). Never reuse it. */
export const DEMO_SECRET = "whsec_ZGVtby1vbmx5LXNlY3JldC1kby1ub3QtcmV1c2U=";

/** True when `headers` carry a valid signature of `body` under `secret`, made in the last 5 min. */
export function verify(secret, headers, body) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = Buffer.from(
    `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`,
  );
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some(
      (s) => Buffer.from(s).length === expected.length && timingSafeEqual(Buffer.from(s), expected),
    );
}

/**
 * Listens on 127.0.0.1:`port` (0: a free one). `onAlert({ id, valid, payload, receivedAt })` is
 * called for each POST; it answers 200 when the signature is valid, else 401.
 */
export function startWebhookReceiver({ port = 0, secret = DEMO_SECRET, onAlert = () => {} } = {}) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const valid = verify(secret, req.headers, body);
      let payload;
      try {
        payload = JSON.parse(body);
      } catch {
        payload = body;
      }
      res.writeHead(valid ? 200 : 401).end(valid ? "ok" : "bad signature");
      onAlert({ id: req.headers["webhook-id"], valid, payload, receivedAt: Date.now() });
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address();
      resolve({ url: `http://127.0.0.1:${bound}/hook`, server });
    });
  });
}

/** One alert as the demo prints it. */
export function describeAlert({ id, valid, payload }) {
  const d = payload?.data ?? {};
  const contact = d.consent
    ? `may contact: yes${d.contact ? ` (${d.contact})` : ""}`
    : "may contact: no";
  return [
    `webhook received ${payload?.type ?? "?"} (webhook-id ${id}, signature ${valid ? "valid" : "INVALID"})`,
    `  ${String(d.surveyType).toUpperCase()} ${d.score} at ${d.touchpoint} (variant ${d.variant}), ${contact}`,
    ...(d.comment ? [`  "${d.comment}"`] : []),
    `  ${d.dashboardUrl}`,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8788);
  const { url } = await startWebhookReceiver({
    port,
    onAlert: (alert) => console.log(describeAlert(alert)),
  });
  console.log(`webhook receiver on ${url}`);
}
