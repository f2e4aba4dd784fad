import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TouchpointConfig } from "../../src/config/types";

/** The install snippet, exactly as the README gives it. */
export const SNIPPET = `!function(w,n,t){t=w[n]=w[n]||function(){(t.q=t.q||[]).push(arguments)};"init track identify show on off flush consent explain reset destroy".split(" ").forEach(function(m){t[m]=t[m]||function(){t.apply(null,[m].concat([].slice.call(arguments)))}})}(window,"touchpoint");`;

export const npsSurvey = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: "How likely are you to recommend Acme to a friend?" },
  trigger: { on: "event", event: "order_completed" },
} as const;

export const csatSurvey = {
  id: "csat-help",
  type: "csat",
  touchpoint: "help_article",
  copy: { question: "Was this article helpful?", followUp: "What could be better?" },
  trigger: { on: "pageview", url: "/help/*" },
} as const;

/** A host page that installs Touchpoint with the snippet and runs `calls` before the script loads. */
export function snippetPage(config: TouchpointConfig, calls = "", body = "<h1>Shop</h1>"): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test shop</title>
<script>${SNIPPET}
touchpoint.init(${JSON.stringify(config)});
${calls}
</script>
<script async src="/dist/touchpoint.js"></script></head>
<body>${body}<button id="host-button">Host button</button></body></html>`;
}

export function config(site: { url: string }, extra: TouchpointConfig = {}): TouchpointConfig {
  const base: TouchpointConfig = {
    siteKey: "test",
    collector: `${site.url}/collect`,
    surveys: [npsSurvey, csatSurvey] as unknown as NonNullable<TouchpointConfig["surveys"]>,
  };
  return Object.assign(base, extra);
}

/** A page that records uncaught errors and console errors, for "never breaks the host". */
export async function openPage(context: BrowserContext | Browser, url: string) {
  const page: Page = await context.newPage();
  const pageErrors: Error[] = [];
  const consoleErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  await page.goto(url);
  return { page, pageErrors, consoleErrors };
}

/** Waits until the page's Touchpoint emitted `ready` (or was ready already). */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof window.touchpoint?.version === "string");
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const t = window.touchpoint;
        void t?.explain().then(() => resolve());
      }),
  );
}

export async function answerNps(page: Page, score: number): Promise<void> {
  await page.getByRole("radio", { name: String(score), exact: true }).check();
  await page.getByRole("button", { name: "Submit" }).click();
  await page.getByText("Thank you for your feedback!").waitFor();
}

/** Polls until `check` passes or the time is up; returns its last value. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  ok: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
