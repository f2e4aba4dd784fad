// Helpers of the UI browser tests: each file's Chromium and test site (useHarness), a host page
// that mounts the built UI directly (its `mount`, from the engine's file, without starting the
// engine), axe-core, and reading what the prompt looks like.
import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { beforeAll } from "vitest";
import type { PromptModel } from "../../src/ui/types";
import type { TestSite } from "./server";
import { useSite } from "./use-site";

export const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

const JS = { "Content-Type": "text/javascript" };

/**
 * Module served at /ui-harness.js: `tp.mount(model, options)` mounts a prompt with callbacks
 * that record what the visitor did (`tp.calls`) and resolves to `shown`.
 */
const HARNESS = `import { mount } from "/dist/touchpoint-ui.mjs";
const tp = (window.tp = { calls: [], prompt: undefined });
tp.mount = (model, options = {}) => {
  tp.prompt = mount(document, model, {
    answer: async (score) => {
      tp.calls.push(["answer", score]);
      if (options.failAnswer) throw new Error("storage is full");
    },
    comment: async (step) => {
      if (step.comment) tp.calls.push(["comment", step.comment]);
      if (step.consent) tp.calls.push(["consent", step.contact]);
    },
    dismiss: () => tp.calls.push(["dismiss"]),
    closed: () => tp.calls.push(["closed"]),
  });
  return tp.prompt.shown;
};
`;

export const BODY = `<header><nav aria-label="Main"><a href="#top">Home</a></nav></header>
<main id="top"><h1>Host page</h1><p>Some host content.</p>
<label>Search <input id="host-input"></label> <button id="host-button">Host button</button></main>`;

/** Registers a host page that mounts prompts through `tp.mount`. */
export function harnessPage(
  site: TestSite,
  path: string,
  options: { lang?: string; head?: string; body?: string; headers?: Record<string, string> } = {},
): string {
  site.page("/ui-harness.js", HARNESS, JS);
  return site.page(
    path,
    `<!doctype html><html lang="${options.lang ?? "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host page</title>
<script type="module" src="/ui-harness.js"></script>${options.head ?? ""}</head>
<body>${options.body ?? BODY}</body></html>`,
    options.headers,
  );
}

/** One test file's Chromium, test site and harness page. */
export interface Harness {
  readonly browser: Browser;
  readonly site: TestSite;
  /** The harness page's URL. */
  readonly url: string;
  /** A page in a fresh context on the harness page, once `tp.mount` is there. */
  open(options?: {
    viewport?: { width: number; height: number } | undefined;
    reducedMotion?: "reduce" | "no-preference" | undefined;
  }): Promise<Page>;
}

/**
 * Starts Chromium and a test site before the file's tests and closes them after (vitest hooks:
 * call it at the top level of a test file), with the harness page at `path`.
 */
export function useHarness(path: string): Harness {
  const used = useSite();
  let url: string | undefined;
  // Runs after useSite's own beforeAll, which started the site.
  beforeAll(() => {
    url = harnessPage(used.site, path);
  });
  const harnessUrl = () => {
    if (url === undefined) throw new Error(`the harness for ${path} has not started yet`);
    return url;
  };
  return {
    get browser() {
      return used.browser;
    },
    get site() {
      return used.site;
    },
    get url() {
      return harnessUrl();
    },
    async open({ viewport = { width: 1280, height: 800 }, reducedMotion = "reduce" } = {}) {
      const page = await used.browser.newPage({ viewport, reducedMotion });
      await page.goto(harnessUrl());
      await page.waitForFunction(() => "tp" in window);
      return page;
    },
  };
}

export function model(extra: Partial<PromptModel> = {}): PromptModel {
  return {
    surveyId: "nps-ui",
    type: "nps",
    locale: "en",
    copy: {
      question: "How likely are you to recommend Acme to a friend?",
      followUp: {
        detractor: "What went wrong?",
        passive: "What would make it a 10?",
        promoter: "What do you like most?",
      },
      thanks: { promoter: "Thanks, glad you like it!" },
    },
    theme: {},
    ...extra,
  };
}

/** Opens the harness page and mounts a prompt; resolves once it is visible. */
export async function mountPrompt(
  page: Page,
  m: PromptModel,
  options: { failAnswer?: boolean } = {},
) {
  await page.waitForFunction(() => "tp" in window);
  return page.evaluate(
    ([m, o]) =>
      (
        window as unknown as { tp: { mount: (m: unknown, o: unknown) => Promise<boolean> } }
      ).tp.mount(m, o),
    [m, options] as const,
  );
}

export async function calls(page: Page): Promise<unknown[][]> {
  return page.evaluate(() => (window as unknown as { tp: { calls: unknown[][] } }).tp.calls);
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** axe-core violations on the whole page, prompt included (its shadow root is open). */
export async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window)))
    await page.addScriptTag({
      path: new URL("../../node_modules/axe-core/axe.min.js", import.meta.url).pathname,
    });
  const violations = await page.evaluate(async (tags) => {
    const result = await (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{
            violations: { id: string; nodes: { target: unknown; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`).join(" | ")}`,
    );
  }, AXE_TAGS);
  return violations;
}

/** Where the focus is, across shadow roots: "host:<id>" or "prompt:<tag>[name]". */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    const inner = active?.shadowRoot?.activeElement;
    if (inner) {
      const name =
        inner.getAttribute("aria-label") || (inner as HTMLInputElement).value || inner.textContent;
      return `prompt:${inner.tagName.toLowerCase()}${inner.getAttribute("type") ? `[${inner.getAttribute("type")}]` : ""}:${name}`;
    }
    return `host:${active?.id || active?.tagName.toLowerCase()}`;
  });
}

/** The box of a visible element (the test fails when there is none). */
export async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box`);
  return found;
}

/** Closes the harness page's prompt. */
export async function closePrompt(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { tp: { prompt: { close(): void } } }).tp.prompt.close(),
  );
}
