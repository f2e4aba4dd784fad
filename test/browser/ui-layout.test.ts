// Where and how the prompt shows in Chromium: positions, anchoring, top layer, host modals,
// small screens and touch, the on-screen keyboard, motion, forced colours and themes.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PromptModel } from "../../src/ui/types";
import { launch } from "./chromium";
import { startSite, type TestSite } from "./server";
import { ARTIFACTS, BODY, box, closePrompt, harnessPage, model, mountPrompt } from "./ui-helpers";

let browser: Browser;
let site: TestSite;
let url: string;

const TALL = `${BODY}<div style="height:1500px"></div>
<p id="anchor" style="margin-left:40%;width:150px;height:40px;border:1px solid">Order summary</p>
<div style="height:3000px"></div><div id="cover" hidden
style="position:fixed;inset:0;z-index:2147483647;background:rgb(200 0 0/.3)"></div>
<dialog id="modal"><p>Host dialog</p><button id="modal-close">OK</button></dialog>`;

beforeAll(async () => {
  [browser, site] = await Promise.all([launch(), startSite()]);
  url = harnessPage(site, "/layout.html", { body: TALL });
});
afterAll(async () => {
  await site.close();
  await browser.close();
});

async function open(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: "reduce",
    ...options,
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Relative luminance contrast of two "rgb(r, g, b)" colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) =>
    (c.match(/[\d.]+/g) ?? []).slice(0, 3).reduce((sum, v, i) => {
      const x = Number(v) / 255;
      const linear = x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      return sum + ([0.2126, 0.7152, 0.0722][i] ?? 0) * linear;
    }, 0);
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const style = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

describe("position", () => {
  it("shows as a toast in each corner, as a bottom or top bar, or as a centred card", async () => {
    const page = await open();
    const where: Record<
      string,
      (b: { x: number; y: number; width: number; height: number }) => boolean
    > = {
      "bottom-right": (b) =>
        Math.abs(b.x + b.width - 1264) < 2 && Math.abs(b.y + b.height - 784) < 2,
      "bottom-left": (b) => Math.abs(b.x - 16) < 2 && Math.abs(b.y + b.height - 784) < 2,
      "top-right": (b) => Math.abs(b.x + b.width - 1264) < 2 && Math.abs(b.y - 16) < 2,
      "top-left": (b) => Math.abs(b.x - 16) < 2 && Math.abs(b.y - 16) < 2,
      "bottom-bar": (b) => b.x === 0 && b.width === 1280 && Math.abs(b.y + b.height - 800) < 1,
      "top-bar": (b) => b.x === 0 && b.width === 1280 && b.y === 0,
      center: (b) =>
        Math.abs(b.x + b.width / 2 - 640) < 2 && Math.abs(b.y + b.height / 2 - 400) < 2,
    };
    for (const [position, ok] of Object.entries(where)) {
      await mountPrompt(page, model({ theme: { position: position as never } }));
      const card = await box(page.locator(".card"));
      expect(ok(card), `${position}: ${JSON.stringify(card)}`).toBe(true);
      if (position === "bottom-bar")
        await page.screenshot({ path: `${ARTIFACTS}ui-bottom-bar.png` });
      await closePrompt(page);
    }
    await page.context().close();
  });

  it("anchors to a host element with Floating UI (loaded only then), flips, and falls back to its corner when the element is missing or scrolled away", async () => {
    const page = await open();
    const chunks: string[] = [];
    page.on("request", (r) => chunks.push(new URL(r.url()).pathname));
    await mountPrompt(page, model());
    await closePrompt(page);
    expect(chunks.filter((c) => c.includes("anchor") || c.includes("floating"))).toEqual([]);

    await page.locator("#anchor").evaluate((el) => el.scrollIntoView({ block: "start" }));
    const placement = { anchor: "#anchor", side: "bottom", offset: 12 } as const;
    await mountPrompt(page, model({ placement }));
    // The anchor chunk, by its content-hashed name.
    expect(chunks.some((c) => /^\/dist\/touchpoint-anchor-[\w-]{8}\.mjs$/.test(c))).toBe(true);
    const anchor = await box(page.locator("#anchor"));
    let card = await box(page.locator(".card"));
    expect(card.y - (anchor.y + anchor.height)).toBeCloseTo(12, 0);
    expect(card.x).toBeCloseTo(anchor.x + anchor.width / 2 - card.width / 2, 0);
    await page.screenshot({ path: `${ARTIFACTS}ui-anchored.png` });

    // Near the bottom of the window there is no room below: it flips above.
    await page.evaluate(() => window.scrollBy(0, -(window.innerHeight - 120)));
    await expect
      .poll(async () => {
        const a = await box(page.locator("#anchor"));
        const c = await box(page.locator(".card"));
        return Math.round(a.y - (c.y + c.height));
      })
      .toBe(12);

    // Scrolled out of view: back in its corner; scrolled back: next to the element again.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect
      .poll(() => page.locator("touchpoint-prompt").getAttribute("data-position"))
      .toBe("bottom-right");
    card = await box(page.locator(".card"));
    expect(card.x + card.width).toBeCloseTo(1264, 0);
    await page.locator("#anchor").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await expect
      .poll(() => page.locator("touchpoint-prompt").getAttribute("data-position"))
      .toBe("anchor");
    await closePrompt(page);

    await mountPrompt(page, model({ placement: { anchor: "#missing", position: "top-left" } }));
    card = await box(page.locator(".card"));
    expect([card.x, card.y]).toEqual([16, 16]);
    await page.context().close();
  });

  it("renders in the top layer, above a host element with the highest z-index", async () => {
    const page = await open();
    await page.locator("#cover").evaluate((el) => el.removeAttribute("hidden"));
    await mountPrompt(page, model());
    const card = await box(page.locator(".card"));
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase(),
      { x: card.x + card.width / 2, y: card.y + card.height / 2 },
    );
    expect(hit).toBe("touchpoint-prompt");
    expect(
      await page.locator("touchpoint-prompt").evaluate((el) => el.matches(":popover-open")),
    ).toBe(true);
    await page.getByRole("radio", { name: "8", exact: true }).click();
    expect(await page.getByRole("radio", { name: "8", exact: true }).isChecked()).toBe(true);
    await page.context().close();
  });

  it("waits while a host modal dialog is open and shows once it closes", async () => {
    const page = await open();
    await page.evaluate(() => (document.getElementById("modal") as HTMLDialogElement).showModal());
    await page.waitForFunction(() => "tp" in window);
    await page.evaluate((m) => {
      const w = window as unknown as {
        tp: { mount(m: unknown): Promise<boolean> };
        shownAt?: number;
      };
      void w.tp.mount(m).then(() => {
        w.shownAt = Date.now();
      });
    }, model());
    await page.waitForTimeout(300);
    const prompt = page.locator("touchpoint-prompt");
    expect(await prompt.count()).toBe(1);
    expect(await prompt.evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    expect(
      await page.evaluate(() => (window as unknown as { shownAt?: number }).shownAt),
    ).toBeUndefined();
    expect(await page.getByRole("radio", { name: "5", exact: true }).isVisible()).toBe(false);

    await page.locator("#modal-close").evaluate((el) => el.closest("dialog")?.close());
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shownAt?: number }).shownAt))
      .toBeGreaterThan(0);
    expect(await page.getByRole("radio", { name: "5", exact: true }).isVisible()).toBe(true);

    // A modal that opens over a visible prompt hides it until it closes.
    await page.evaluate(() => (document.getElementById("modal") as HTMLDialogElement).showModal());
    await expect
      .poll(() => prompt.evaluate((el) => getComputedStyle(el).visibility))
      .toBe("hidden");
    await page.evaluate(() => (document.getElementById("modal") as HTMLDialogElement).close());
    await expect
      .poll(() => prompt.evaluate((el) => getComputedStyle(el).visibility))
      .toBe("visible");
    await page.context().close();
  });
});

describe("small screens and touch", () => {
  const types: Array<Partial<PromptModel>> = [
    { type: "nps" },
    { type: "csat" },
    { type: "csat", scale: "stars" },
    { type: "ces" },
  ];

  async function targets(page: Page) {
    return page.locator("touchpoint-prompt").evaluate((host) =>
      [...(host.shadowRoot?.querySelectorAll("button, .value") ?? [])].map((el) => {
        const r = el.getBoundingClientRect();
        return {
          value: el.classList.contains("value"),
          what: el.textContent || el.getAttribute("aria-label"),
          width: r.width,
          height: r.height,
        };
      }),
    );
  }

  it("fits 320 px without horizontal scroll, with targets of at least 24x24 px", async () => {
    const page = await open({ viewport: { width: 320, height: 640 } });
    for (const extra of types) {
      await mountPrompt(page, model(extra));
      const card = await box(page.locator(".card"));
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
      expect(await page.locator(".card").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(
        true,
      );
      for (const t of await targets(page)) {
        expect(t.width, `${extra.type} ${t.what}`).toBeGreaterThanOrEqual(24);
        expect(t.height, `${extra.type} ${t.what}`).toBeGreaterThanOrEqual(24);
      }
      if (extra.type === "nps") await page.screenshot({ path: `${ARTIFACTS}ui-320.png` });
      await closePrompt(page);
    }
    await page.context().close();
  });

  /** The scale's values: one row, end labels under the first and last value. */
  async function scaleRow(page: Page) {
    return page.locator("touchpoint-prompt").evaluate((host) => {
      const root = host.shadowRoot;
      const rect = (el: Element | null | undefined) => el?.getBoundingClientRect();
      const values = [...(root?.querySelectorAll(".value") ?? [])].map((el) => rect(el) as DOMRect);
      const ends = [...(root?.querySelectorAll(".ends > span") ?? [])].map((el) => rect(el));
      return {
        tops: [...new Set(values.map((r) => Math.round(r.top)))],
        first: values[0],
        last: values[values.length - 1],
        low: ends[0],
        high: ends[1],
      };
    });
  }

  it("keeps the NPS and CES scales on one row, end labels under the ends, on a phone", async () => {
    for (const options of [{}, { hasTouch: true, isMobile: true }]) {
      const page = await open({ viewport: { width: 320, height: 640 }, ...options });
      for (const extra of [
        { type: "nps", copy: { question: "Q?", lowLabel: "Not likely", highLabel: "Very likely" } },
        { type: "ces" },
      ] as Array<Partial<PromptModel>>) {
        await mountPrompt(page, model(extra));
        const row = await scaleRow(page);
        expect(row.tops, `${extra.type} ${JSON.stringify(options)}`).toHaveLength(1);
        const { first, last, low, high } = row;
        if (!first || !last || !low || !high) throw new Error("scale or end labels missing");
        expect(first.width).toBeGreaterThanOrEqual(24);
        expect(low.top).toBeGreaterThanOrEqual(first.bottom);
        expect(high.top).toBeGreaterThanOrEqual(last.bottom);
        expect(Math.abs(low.left - first.left)).toBeLessThanOrEqual(1);
        expect(Math.abs(high.right - last.right)).toBeLessThanOrEqual(1);
        await closePrompt(page);
      }
      await page.context().close();
    }
  });

  // Eleven values in one row cannot each be 44 px wide at 320 px: the values keep 44 px of height
  // and the 24 px width of WCAG 2.2's 2.5.8; buttons keep 44x44.
  it("makes every target at least 44 px tall (buttons 44x44, values 24 wide) on a touch screen 320 px wide", async () => {
    const page = await open({
      viewport: { width: 320, height: 640 },
      hasTouch: true,
      isMobile: true,
    });
    expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true);
    for (const extra of types) {
      await mountPrompt(page, model(extra));
      expect(await page.locator(".card").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(
        true,
      );
      for (const t of await targets(page)) {
        const minWidth = t.value ? 24 : 44;
        expect(t.width, `${extra.type} ${t.what}`).toBeGreaterThanOrEqual(minWidth);
        expect(t.height, `${extra.type} ${t.what}`).toBeGreaterThanOrEqual(44);
      }
      if (extra.type === "ces") await page.screenshot({ path: `${ARTIFACTS}ui-320-touch-ces.png` });
      await closePrompt(page);
    }
    await page.context().close();
  });

  it("stays above the on-screen keyboard while the visitor types the follow-up", async () => {
    const page = await open({
      viewport: { width: 360, height: 640 },
      hasTouch: true,
      isMobile: true,
    });
    await mountPrompt(page, model());
    await page.getByRole("radio", { name: "4", exact: true }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("textbox", { name: "What went wrong?" }).focus();
    // Chromium headless has no keyboard: shrink the visual viewport as one would.
    await page.evaluate(() => {
      const viewport = window.visualViewport as VisualViewport;
      Object.defineProperty(viewport, "height", { get: () => 300 });
      viewport.dispatchEvent(new Event("resize"));
    });
    await expect
      .poll(async () => {
        const card = await box(page.locator(".card"));
        return card.y + card.height;
      })
      .toBeLessThanOrEqual(300.5);
    await page.context().close();
  });
});

describe("motion, forced colours and theme", () => {
  it("animates only when prefers-reduced-motion allows", async () => {
    for (const reducedMotion of ["reduce", "no-preference"] as const) {
      const page = await open({ reducedMotion });
      await mountPrompt(page, model());
      expect(await style(page, ".card", "animation-name")).toBe(
        reducedMotion === "reduce" ? "none" : "tp-in",
      );
      await page.context().close();
    }
  });

  it("stays visible in forced-colors mode, with the chosen value marked", async () => {
    const page = await open({ forcedColors: "active" });
    await mountPrompt(page, model());
    await page.getByRole("radio", { name: "6", exact: true }).check();
    expect(
      Number.parseFloat(await style(page, ".card", "border-top-width")),
    ).toBeGreaterThanOrEqual(1);
    expect(await style(page, ".card", "border-top-color")).not.toBe(
      await style(page, ".card", "background-color"),
    );
    const chosen = await page
      .locator(".value input:checked + span")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    const other = await page
      .locator(".value input:not(:checked) + span")
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(chosen).not.toBe(other);
    await page.screenshot({ path: `${ARTIFACTS}ui-forced-colors.png` });
    await page.context().close();
  });

  it("follows prefers-color-scheme unless the theme sets it", async () => {
    const page = await open({ colorScheme: "dark" });
    await mountPrompt(page, model({ type: "csat", scale: "faces" }));
    expect(await style(page, ".card", "background-color")).toBe("rgb(31, 35, 40)");
    await page.getByRole("radio", { name: "Satisfied", exact: true }).check();
    await page.screenshot({ path: `${ARTIFACTS}ui-dark.png` });
    await closePrompt(page);
    await mountPrompt(page, model({ theme: { colorScheme: "light" } }));
    expect(await style(page, ".card", "background-color")).toBe("rgb(255, 255, 255)");
    await page.context().close();
  });

  it("themes through config and CSS custom properties, clamping colours that fail contrast", async () => {
    const page = await open();
    await mountPrompt(
      page,
      model({
        theme: {
          accent: "#ffee00",
          background: "#ffffff",
          text: "#cccccc",
          radius: 2,
          fontFamily: "serif",
        },
      }),
    );
    const bg = await style(page, ".card", "background-color");
    expect(contrast(await style(page, "legend", "color"), bg)).toBeGreaterThanOrEqual(4.5);
    const submit = "button[type=submit]";
    expect(contrast(await style(page, submit, "background-color"), bg)).toBeGreaterThanOrEqual(3);
    expect(
      contrast(await style(page, submit, "color"), await style(page, submit, "background-color")),
    ).toBeGreaterThanOrEqual(4.5);
    expect(
      contrast(await style(page, ".value > span", "border-top-color"), bg),
    ).toBeGreaterThanOrEqual(3);
    expect(await style(page, ".card", "border-top-left-radius")).toBe("2px");
    expect(await style(page, ".card", "font-family")).toBe("serif");
    await closePrompt(page);

    await page.addStyleTag({ content: "touchpoint-prompt{--tp-accent:#b00020}" });
    await mountPrompt(page, model());
    expect(await style(page, "button[type=submit]", "background-color")).toBe("rgb(176, 0, 32)");
    await closePrompt(page);
    await page.addStyleTag({ content: "touchpoint-prompt{--tp-background:navy}" });
    await mountPrompt(page, model());
    const navy = await style(page, ".card", "background-color");
    expect(navy).toBe("rgb(0, 0, 128)");
    expect(contrast(await style(page, "legend", "color"), navy)).toBeGreaterThanOrEqual(4.5);
    expect(
      contrast(await style(page, "button[type=submit]", "background-color"), navy),
    ).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${ARTIFACTS}ui-css-theme.png` });
    await page.context().close();
  });
});
