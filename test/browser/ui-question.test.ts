// The question card in Chromium, as plain DOM (src/ui/question.ts): a render after a choice
// changes the card in place, so the radios and the focus stay; the follow-up step is drawn by
// the steps part (with Preact) inside the card; star and face pictures are real SVG.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { box, calls, focused, model, mountPrompt, useHarness } from "./ui-helpers";

const harness = useHarness("/question.html");
const open = () => harness.open();

const radio = (page: Page, name: string) => page.getByRole("radio", { name, exact: true });

/** Keeps the card's elements as they are now, to compare with later ones (`same`). */
const mark = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector("touchpoint-prompt")?.shadowRoot;
    (window as unknown as { marked: Element[] }).marked = [".card", ".close", "[role=status]"]
      .map((selector) => root?.querySelector(selector))
      .concat([...(root?.querySelectorAll("input[type=radio]") ?? [])])
      .filter((element) => element instanceof Element);
  });
/** For each marked element: is it still the one in the card? */
const same = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector("touchpoint-prompt")?.shadowRoot;
    return (window as unknown as { marked: Element[] }).marked.map(
      (element) => element.isConnected && element.getRootNode() === root,
    );
  });

describe("the question card", () => {
  it("keeps its radios, and the focus on the chosen one, as the visitor chooses by pointer and keyboard", async () => {
    const page = await open();
    await mountPrompt(page, model());
    await mark(page);
    await radio(page, "3").click();
    expect(await radio(page, "3").isChecked()).toBe(true);
    expect(await focused(page)).toBe("prompt:input[radio]:3");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("prompt:input[radio]:5");
    const checked = await page
      .getByRole("radio")
      .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).checked));
    expect(checked).toEqual(checked.map((_, i) => i === 5));
    expect(await page.getByRole("button", { name: "Submit" }).isEnabled()).toBe(true);
    // The card, its close button, its live region and the 11 radios: all the same elements.
    expect(await same(page)).toEqual(Array(14).fill(true));
    expect(await page.locator(".card").count()).toBe(1);
    expect(await calls(page)).toEqual([]);
    await page.close();
  });

  it("draws the follow-up in the card, then thanks in the live region it had from the start", async () => {
    const page = await open();
    await mountPrompt(page, model());
    await mark(page);
    await radio(page, "9").click();
    await page.getByRole("button", { name: "Submit" }).click();
    const comment = page.getByRole("textbox", { name: "What do you like most?" });
    await comment.waitFor();
    expect(await focused(page)).toBe("prompt:textarea:");
    expect(await page.getByRole("group").count()).toBe(0);
    expect(await comment.evaluate((el) => el.closest(".card") !== null)).toBe(true);
    await page.keyboard.type("Fast delivery");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Thanks, glad you like it!").waitFor();
    expect(await page.getByRole("status").textContent()).toBe("Thanks, glad you like it!");
    expect(await page.locator("form, textarea").count()).toBe(0);
    expect(await focused(page)).toBe("prompt:button[button]:Close");
    // Card, close button and live region stay; the radios went with the question.
    expect((await same(page)).slice(0, 3)).toEqual([true, true, true]);
    expect(await calls(page)).toEqual([
      ["answer", 9],
      ["comment", "Fast delivery"],
    ]);
    await page.close();
  });

  it("shows star and face pictures as SVG, the chosen stars filled with the accent", async () => {
    const page = await open();
    for (const scale of ["stars", "faces"] as const) {
      await mountPrompt(page, model({ type: "csat", scale, copy: { question: "Satisfied?" } }));
      const pictures = page.locator(".value svg");
      expect(await pictures.count()).toBe(5);
      const { width, height } = await box(pictures.first());
      expect(width).toBeGreaterThan(20);
      expect(height).toBeGreaterThan(20);
      if (scale === "stars") {
        await radio(page, "Satisfied").check();
        const fills = await page
          .locator(".value polygon")
          .evaluateAll((stars) => stars.map((star) => getComputedStyle(star).fill));
        expect(new Set(fills.slice(0, 4)).size).toBe(1);
        expect(fills[0]).not.toBe("none");
        expect(fills[4]).toBe("none");
      }
      await page.evaluate(() =>
        (window as unknown as { tp: { prompt: { close(): void } } }).tp.prompt.close(),
      );
    }
    await page.close();
  });
});
