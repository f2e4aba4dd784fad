// The follow-up inbox clicks, written once and made against a collector on each engine
// (alerts.test.ts on SQLite through the demo, dashboard-postgres.test.ts on PostgreSQL).
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** An alerted answer as the inbox should show it, and what the signed-in person does with it. */
export interface FollowUpSteps {
  /** The answer's comment, which finds its item. */
  comment: string;
  /** The contact the visitor gave with their consent. */
  contact: string;
  /** The alert's destination, shown as delivered. */
  destination: string;
  /** How many answers the inbox holds (time to follow-up counts them). */
  alerted: number;
  /** The signed-in person, named on the change. */
  who: string;
  /** The note saved with Done. */
  note: string;
  /** Where to read the inbox again afterwards (the same page by default). */
  reloadUrl?: string;
}

function item(dashboard: Page, comment: string) {
  return dashboard.locator(".followup", { hasText: comment });
}

async function save(dashboard: Page, steps: FollowUpSteps, status: string, note: string) {
  const form = item(dashboard, steps.comment);
  await form.getByRole("combobox", { name: "Status" }).selectOption(status);
  await form.getByRole("textbox", { name: "Note" }).fill(note);
  await form.getByRole("button", { name: "Save" }).click();
}

/**
 * On a dashboard already showing the inbox: finds the answer with its contact and delivered
 * alert, takes it (In progress), closes it (Done, with a note), and checks that time to follow-up
 * counts it and that all of it is still there after the page is read again.
 */
export async function followUpInInbox(dashboard: Page, steps: FollowUpSteps): Promise<void> {
  const times = dashboard.locator("#followup-times");
  await item(dashboard, steps.comment).waitFor();
  const shown = await item(dashboard, steps.comment).textContent();
  expect(shown).toContain(steps.contact);
  expect(shown).toContain(`alert to ${steps.destination}: delivered`);
  await times.getByText(`0 of ${steps.alerted} alerted answers`).waitFor();

  await save(dashboard, steps, "in_progress", "Taking this one");
  await dashboard.getByRole("status").filter({ hasText: "Saved: In progress." }).waitFor();
  await item(dashboard, steps.comment)
    .getByText(`In progress by ${steps.who}`, { exact: false })
    .waitFor();
  await save(dashboard, steps, "done", steps.note);
  await dashboard.getByRole("status").filter({ hasText: "Saved: Done." }).waitFor();
  const counted = `1 of ${steps.alerted} alerted answers have had a first status change`;
  await times.getByText(counted).waitFor();
  expect(await item(dashboard, steps.comment).textContent()).toContain(`Done by ${steps.who}`);

  if (steps.reloadUrl) await dashboard.goto(steps.reloadUrl);
  else await dashboard.reload();
  const kept = item(dashboard, steps.comment);
  await kept.getByText(`Done by ${steps.who}`, { exact: false }).waitFor();
  expect(await kept.textContent()).toContain(steps.note);
  expect(await kept.getByRole("combobox", { name: "Status" }).inputValue()).toBe("done");
  expect(await kept.getByRole("textbox", { name: "Note" }).inputValue()).toBe(steps.note);
  await times.getByText(counted).waitFor();
}
