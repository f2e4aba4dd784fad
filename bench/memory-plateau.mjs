// Heap growth over 3,000 SPA navigations in steps of 1,000, with surveys armed, to tell warm-up
// (compiled code, inline caches) from a leak: a leak keeps growing by the same amount per step.
// Usage: npm run build && node bench/memory-plateau.mjs
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { chromium } from "playwright-core";

const STEPS = 3;
const PER_STEP = 1000;
const root = new URL("..", import.meta.url);
const snippet = `!function(w,n,t){t=w[n]=w[n]||function(){(t.q=t.q||[]).push(arguments)};"init track identify show on off flush consent explain reset destroy".split(" ").forEach(function(m){t[m]=t[m]||function(){t.apply(null,[m].concat([].slice.call(arguments)))}})}(window,"touchpoint");`;
const config = {
  siteKey: "memory",
  collector: "/collect",
  surveys: [
    {
      id: "nps",
      type: "nps",
      touchpoint: "order",
      copy: { question: "Recommend us?" },
      trigger: { on: "event", event: "order_completed" },
    },
    {
      id: "csat",
      type: "csat",
      touchpoint: "help",
      copy: { question: "Helpful?" },
      trigger: { on: "pageview", url: "/help/*" },
    },
  ],
};
const html = `<!doctype html><html><head><script>${snippet}touchpoint.init(${JSON.stringify(config)})</script><script async src="/dist/touchpoint.js"></script></head><body>host</body></html>`;

const server = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (/^\/dist\/[\w.-]+$/.test(path)) {
    res
      .writeHead(200, { "Content-Type": "text/javascript" })
      .end(readFileSync(new URL(path.slice(1), root)));
  } else res.writeHead(200, { "Content-Type": "text/html" }).end(html);
}).listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/shop/`);
  await page.waitForFunction(() => typeof window.touchpoint?.version === "string");
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return (await cdp.send("Runtime.getHeapUsage")).usedSize;
  };
  const navigate = (from, to) =>
    page.evaluate(
      async ({ from, to }) => {
        for (let i = from; i < to; i++) {
          history.pushState({ i }, "", `/shop/product/${i}`);
          dispatchEvent(new PopStateEvent("popstate", { state: { i } }));
          if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
        }
      },
      { from, to },
    );
  await navigate(0, 1);
  let before = await heap();
  const rows = [];
  for (let step = 0; step < STEPS; step++) {
    await navigate(1 + step * PER_STEP, 1 + (step + 1) * PER_STEP);
    const after = await heap();
    rows.push(
      `| navigations ${step * PER_STEP + 1}–${(step + 1) * PER_STEP} | ${((after - before) / 1024).toFixed(0)} KB |`,
    );
    before = after;
  }
  console.log(["| step | JS heap growth |", "| --- | ---: |", ...rows].join("\n"));
} finally {
  await browser.close();
  server.close();
}
