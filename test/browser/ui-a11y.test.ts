// Accessibility of the prompt in Chromium: axe-core in every state and size, focus, keyboard,
// live region, language and direction. Mounts the built UI chunk on a plain host page.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  axe,
  box,
  calls,
  closePrompt,
  focused,
  model,
  mountPrompt,
  useHarness,
} from "./ui-helpers";

const harness = useHarness("/a11y.html");
const open = (viewport?: { width: number; height: number }) => harness.open({ viewport });

const radio = (page: Page, name: string) => page.getByRole("radio", { name, exact: true });

describe("axe-core finds no violations", () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 320, height: 640 },
  ]) {
    it(`in the question, follow-up, thank-you and error states at ${viewport.width}x${viewport.height}`, async () => {
      const page = await open(viewport);
      expect(await mountPrompt(page, model())).toBe(true);
      expect(await axe(page), "question").toEqual([]);

      await radio(page, "7").check();
      await page.getByRole("button", { name: "Submit" }).click();
      await page.getByRole("textbox", { name: "What would make it a 10?" }).fill("Faster delivery");
      expect(await axe(page), "follow-up").toEqual([]);

      await page.getByRole("button", { name: "Send" }).click();
      await page.getByText("Thank you for your feedback!").waitFor();
      expect(await axe(page), "thank-you").toEqual([]);
      await closePrompt(page);

      expect(await mountPrompt(page, model(), { failAnswer: true })).toBe(true);
      await radio(page, "3").check();
      await page.getByRole("button", { name: "Submit" }).click();
      await page.getByText("Your answer could not be saved. Please try again.").waitFor();
      expect(await axe(page), "error").toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}ui-error-${viewport.width}.png` });
      await page.close();
    });
  }
});

describe("keyboard and focus", () => {
  it("leaves the host's focused element focused when the prompt shows", async () => {
    const page = await open();
    await page.locator("#host-input").fill("ab");
    await mountPrompt(page, model());
    expect(await focused(page)).toBe("host:host-input");
    await page.keyboard.type("c");
    expect(await page.locator("#host-input").inputValue()).toBe("abc");
    await page.close();
  });

  it("is reached with Tab; the scale is one tab stop of native radios in a fieldset named by the question", async () => {
    const page = await open();
    await mountPrompt(page, model());
    const group = page.getByRole("group", {
      name: "How likely are you to recommend Acme to a friend?",
    });
    expect(await group.getByRole("radio").count()).toBe(11);
    expect(await group.evaluate((el) => el.tagName)).toBe("FIELDSET");

    await page.locator("#host-button").focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("prompt:button[button]:Close");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("prompt:input[radio]:0");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("prompt:button[submit]:Submit");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("prompt:input[radio]:0");
    expect(await calls(page)).toEqual([]);
    await page.close();
  });

  it("moves the value with the arrow keys and never submits by arrowing", async () => {
    const page = await open();
    await mountPrompt(page, model({ submitOnTap: true }));
    await radio(page, "0").focus();
    for (const key of ["ArrowRight", "ArrowRight", "ArrowDown", "ArrowLeft"])
      await page.keyboard.press(key);
    expect(await radio(page, "2").isChecked()).toBe(true);
    expect(await focused(page)).toBe("prompt:input[radio]:2");
    await page.keyboard.press("ArrowUp");
    expect(await radio(page, "1").isChecked()).toBe(true);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    expect(await radio(page, "10").isChecked()).toBe(true);
    expect(await calls(page)).toEqual([]);
    expect(await page.getByRole("button", { name: "Submit" }).isEnabled()).toBe(true);

    await radio(page, "9").click();
    await page.getByRole("textbox", { name: "What do you like most?" }).waitFor();
    expect(await calls(page)).toEqual([["answer", 9]]);
    await page.close();
  });

  it("closes with Escape from any control, records a dismissal only before the answer, and gives focus back", async () => {
    const page = await open();
    const controls = ["close", "radio", "submit"];
    for (const control of controls) {
      await mountPrompt(page, model());
      await page.locator("#host-button").focus();
      await page.keyboard.press("Tab");
      if (control !== "close") {
        await page.keyboard.press("Tab");
        await page.keyboard.press("ArrowRight");
      }
      if (control === "submit") await page.keyboard.press("Tab");
      expect(await focused(page)).toMatch(/^prompt:/);
      await page.keyboard.press("Escape");
      expect(await page.locator("touchpoint-prompt").count(), control).toBe(0);
      expect(await focused(page), control).toBe("host:host-button");
    }
    expect((await calls(page)).filter((c) => c[0] === "dismiss")).toHaveLength(3);

    await mountPrompt(page, model());
    await page.locator("#host-input").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("prompt:input[radio]:0");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("textbox", { name: "What went wrong?" }).waitFor();
    expect(await focused(page)).toMatch(/^prompt:textarea/);
    await page.keyboard.press("Escape");
    expect(await page.locator("touchpoint-prompt").count()).toBe(0);
    expect(await focused(page)).toBe("host:host-button");
    expect((await calls(page)).filter((c) => c[0] === "dismiss")).toHaveLength(3);
    await page.close();
  });

  it("dismisses with the close button, distinct from an answer", async () => {
    const page = await open();
    await mountPrompt(page, model());
    await page.getByRole("button", { name: "Close" }).click();
    expect(await calls(page)).toEqual([["dismiss"], ["closed"]]);
    await page.close();
  });

  it("announces the thank-you through a live region that was there before its text", async () => {
    const page = await open();
    await mountPrompt(page, model());
    const status = page.getByRole("status");
    expect(await status.textContent()).toBe("");
    await status.evaluate((el) => {
      (el as unknown as { marked: boolean }).marked = true;
    });
    await radio(page, "10").check();
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("button", { name: "Skip" }).click();
    await expect.poll(() => status.textContent()).toBe("Thanks, glad you like it!");
    expect(await status.evaluate((el) => (el as unknown as { marked?: boolean }).marked)).toBe(
      true,
    );
    expect(await status.evaluate((el) => el.getAttribute("role"))).toBe("status");
    await page.close();
  });
});

describe("language and direction", () => {
  it("sets lang and dir from the chosen copy's locale, and uses logical properties", async () => {
    const page = await open();
    await mountPrompt(
      page,
      model({
        locale: "fr-CA",
        locales: { fr: { question: "Recommanderiez-vous Acme à un ami ?" } },
      }),
    );
    const host = page.locator("touchpoint-prompt");
    expect(await host.getAttribute("lang")).toBe("fr");
    expect(await host.getAttribute("dir")).toBe("ltr");
    await page.getByRole("button", { name: "Valider" }).waitFor();
    const card = await box(page.locator(".card"));
    const close = await box(page.getByRole("button", { name: "Fermer" }));
    expect(close.x).toBeGreaterThan(card.x + card.width / 2);
    await closePrompt(page);

    await mountPrompt(
      page,
      model({ locale: "ar", copy: { question: "ما مدى احتمال أن توصي بنا لصديق؟" } }),
    );
    expect(await host.getAttribute("lang")).toBe("ar");
    expect(await host.getAttribute("dir")).toBe("rtl");
    const rtlCard = await box(page.locator(".card"));
    const rtlClose = await box(page.getByRole("button", { name: "إغلاق" }));
    expect(rtlClose.x + rtlClose.width).toBeLessThan(rtlCard.x + rtlCard.width / 2);
    await page.close();
  });

  it("renders Arabic and Hebrew right to left, with arrows following the visual order", async () => {
    const page = await open();
    await mountPrompt(
      page,
      model({ locale: "ar", copy: { question: "ما مدى احتمال أن توصي بنا لصديق؟" } }),
    );
    const legend = page.locator("legend");
    expect(await legend.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    const card = await box(page.locator(".card"));
    const text = await legend.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const box = range.getBoundingClientRect();
      return { left: box.left, right: box.right };
    });
    expect(card.x + card.width - text.right).toBeLessThan(40);
    const zero = await box(radio(page, "0"));
    const one = await box(radio(page, "1"));
    expect(one.x).toBeLessThan(zero.x);
    await radio(page, "0").focus();
    await page.keyboard.press("ArrowLeft");
    expect(await radio(page, "1").isChecked()).toBe(true);
    await page.keyboard.press("ArrowRight");
    expect(await radio(page, "0").isChecked()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}ui-rtl-arabic.png` });
    await closePrompt(page);

    await mountPrompt(
      page,
      model({ locale: "he", copy: { question: "עד כמה סביר שתמליצו עלינו לחבר?" } }),
    );
    await page.getByRole("button", { name: "שליחה" }).waitFor();
    expect(await page.locator("touchpoint-prompt").getAttribute("dir")).toBe("rtl");
    expect(await page.getByText("סביר מאוד").count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});
