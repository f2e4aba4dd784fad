// The words of explain() and debug mode, a part of the engine of its own, in real Chromium
// loading dist/touchpoint.js through the snippet: a visitor's prompt never fetches it, debug mode
// prints every line worded and in order, and a part that cannot load leaves the page working.
import { describe, expect, it } from "vitest";
import type { TouchpointConfig } from "../../src/config/types";
import { eventually, openPage, snippetPage } from "./pages";
import { useSite } from "./use-site";

const used = useSite();

let pages = 0;
/** Opens a fresh page at /words (query `search`) whose one survey asks at once. */
async function open(search = "", { blockWording = false } = {}) {
  const context = await used.context();
  const requested: string[] = [];
  context.on("request", (r) => requested.push(new URL(r.url()).pathname));
  if (blockWording) await context.route("**/touchpoint-wording-*", (r) => r.abort());
  pages += 1;
  const config = {
    siteKey: `words${pages}`,
    collector: `${used.site.url}/collect`,
    surveys: [
      {
        id: "w",
        type: "csat",
        touchpoint: "help",
        copy: { question: "Was this helpful?" },
        trigger: { on: "pageview", url: "/words*" },
      },
    ],
  } as unknown as TouchpointConfig;
  const info: string[] = [];
  const opened = await openPage(
    context,
    `${used.site.page("/words", snippetPage(config))}${search}`,
  );
  opened.page.on("console", (m) => {
    if (m.type() === "info") info.push(m.text());
  });
  const question = opened.page.getByRole("group", { name: "Was this helpful?" });
  return {
    ...opened,
    info,
    question,
    wordingFetched: () => requested.some((p) => p.includes("touchpoint-wording-")),
    explain: () =>
      opened.page.evaluate(async () => (await window.touchpoint?.explain("w"))?.[0]?.verdicts),
  };
}

describe("the wording part", () => {
  it("is not fetched for a visitor's prompt; explain() fetches it and words each rule", async () => {
    const t = await open();
    await t.question.waitFor();
    expect(t.wordingFetched()).toBe(false);
    const verdicts = await t.explain();
    expect(t.wordingFetched()).toBe(true);
    expect(verdicts?.slice(0, 2)).toEqual([
      { rule: "enabled", ok: true, detail: "enabled" },
      { rule: "page", ok: true, detail: '/words matches "/words*"' },
    ]);
    // The prompt is open now.
    expect(verdicts?.at(-1)).toEqual({
      rule: "one at a time",
      ok: false,
      detail: "another prompt is open",
    });
    expect(t.pageErrors).toEqual([]);
  });

  it("in debug mode prints the engine's lines worded, in the order they happened", async () => {
    const t = await open("?touchpoint_debug=1");
    await t.question.waitFor();
    const lines = await eventually(
      () => t.info.filter((l) => /^\[touchpoint\] w /.test(l)),
      (l) => l.length >= 2,
    );
    expect(lines).toEqual([
      "[touchpoint] w on pageview: eligible",
      "[touchpoint] w shown (csat, touchpoint help, variant control)",
    ]);
    expect(t.pageErrors).toEqual([]);
  });

  it("when it cannot load: the prompt still shows, an error says so, lines and details show raw facts", async () => {
    const t = await open("?touchpoint_debug=1", { blockWording: true });
    await t.question.waitFor();
    const line = await eventually(
      () => t.info.find((l) => l.startsWith("[touchpoint] checked ")),
      (l) => l !== undefined,
    );
    expect(line).toMatch(
      /^\[touchpoint\] checked \["w","pageview",\[\{"rule":"enabled","ok":true,"facts":\[\]\}/,
    );
    const verdicts = await t.explain();
    expect(verdicts?.[1]).toEqual({
      rule: "page",
      ok: true,
      detail: expect.stringMatching(
        /^wording not loaded: \["http:\/\/127\.0\.0\.1:\d+\/words\?touchpoint_debug=1","\/words\*"\]$/,
      ),
    });
    expect(t.consoleErrors.some((e) => e.includes("could not load the wording part"))).toBe(true);
    expect(t.pageErrors).toEqual([]);
  });
});
