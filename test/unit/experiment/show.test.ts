// The engine shows each visitor their copy variant and labels every event with it.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SurveyConfig } from "../../../src/config/types";
import { assignVariant } from "../../../src/experiment/assign";
import type { TouchpointEvent } from "../../../src/wire/event";
import { configFor, harness, nps, promptRoot, waitFor } from "../helpers";

afterEach(() => {
  for (const el of document.querySelectorAll("touchpoint-prompt")) el.remove();
  window.history.replaceState(null, "", "/");
});

const variants = [
  { key: "control", weight: 1 },
  { key: "benefit", weight: 1, copy: { question: "Would you tell a friend about us?" } },
];
const withVariants = (experiment?: SurveyConfig["experiment"]) =>
  ({ ...nps, variants, ...(experiment ? { experiment } : {}) }) as unknown as SurveyConfig;

function start(survey: SurveyConfig = withVariants()) {
  const h = harness();
  h.tp.init(configFor(h.siteKey, { surveys: [survey] }));
  /** Events delivered to the collector so far. */
  const sent = async (): Promise<TouchpointEvent[]> => {
    await h.tp.flush();
    return h.requests.flatMap((r) => (JSON.parse(r.body) as { events: TouchpointEvent[] }).events);
  };
  return { ...h, sent };
}

async function dismiss(tp: ReturnType<typeof harness>["tp"]): Promise<void> {
  const root = await promptRoot();
  const dismissed = waitFor(tp, "dismissed");
  root.querySelector<HTMLButtonElement>("button.close")?.click();
  await dismissed;
}

const question = async () => (await promptRoot()).querySelector("legend")?.textContent;
/** Each event's labels, in a fixed order: the impression is written after an exposure lookup,
 * so it may reach the collector after the dismissal it preceded. */
const labels = (events: TouchpointEvent[]) =>
  events
    .map(({ kind, variant, forced, holdout }) => ({ kind, variant, forced, holdout }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const sorted = (expected: ReturnType<typeof labels>) =>
  [...expected].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe("show() with copy variants", () => {
  it("shows the visitor's own variant, labels every event, and logs exposure once", async () => {
    const { tp, sent, events } = start();
    expect(await tp.show("nps")).toBe(true);
    const copy = await question();
    await dismiss(tp);
    const visitorId = (await sent())[0]?.visitorId ?? "";
    const key = assignVariant({ unitId: visitorId, seed: "nps", variants }).key;
    expect(copy).toBe(key === "benefit" ? variants[1]?.copy?.question : nps.copy.question);

    expect(await tp.show("nps")).toBe(true);
    expect(await question()).toBe(copy);
    const root = await promptRoot();
    const answered = waitFor<{ variant: string; score: number }>(tp, "answered");
    const radios = root.querySelectorAll<HTMLInputElement>("input[type=radio]");
    radios[9]?.click();
    const submit = root.querySelector<HTMLButtonElement>("button[type=submit]");
    await vi.waitFor(() => expect(submit?.disabled).toBe(false));
    submit?.click();
    expect(await answered).toMatchObject({ variant: key, score: 9 });

    // Shown twice, but one impression: exposure counts once per visitor and variant.
    expect(labels(await sent())).toEqual(
      sorted([
        { kind: "impression", variant: key, forced: undefined, holdout: undefined },
        { kind: "dismissal", variant: key, forced: undefined, holdout: undefined },
        { kind: "answer", variant: key, forced: undefined, holdout: undefined },
      ]),
    );
    expect(events.filter((e) => e.type === "shown").map((e) => e.payload)).toEqual([
      { surveyId: "nps", touchpoint: "order_confirmation", variant: key },
      { surveyId: "nps", touchpoint: "order_confirmation", variant: key },
    ]);
  });

  it("previews a forced variant, labelled forced on every event", async () => {
    const { tp, sent } = start(withVariants({ coverage: 0 }));
    expect(await tp.show("nps", { variant: "benefit" })).toBe(true);
    expect(await question()).toBe("Would you tell a friend about us?");
    await dismiss(tp);
    expect(await tp.show("nps", { variant: "control" })).toBe(true);
    expect(await question()).toBe(nps.copy.question);
    await dismiss(tp);
    const forced = { forced: true, holdout: undefined };
    expect(labels(await sent())).toEqual(
      sorted([
        { kind: "impression", variant: "benefit", ...forced },
        { kind: "dismissal", variant: "benefit", ...forced },
        { kind: "impression", variant: "control", ...forced },
        { kind: "dismissal", variant: "control", ...forced },
      ]),
    );
  });

  it("previews the variant named by ?touchpoint_variant=survey:key, labelled forced", async () => {
    window.history.replaceState(null, "", "/thanks?touchpoint_variant=nps:benefit");
    const { tp, sent } = start();
    expect(await tp.show("nps")).toBe(true);
    expect(await question()).toBe("Would you tell a friend about us?");
    await dismiss(tp);
    expect(labels(await sent())).toEqual(
      sorted([
        { kind: "impression", variant: "benefit", forced: true, holdout: undefined },
        { kind: "dismissal", variant: "benefit", forced: true, holdout: undefined },
      ]),
    );
  });

  it("refuses an unknown or malformed forced variant, saying which exist", async () => {
    const { tp, events } = start();
    expect(await tp.show("nps", { variant: "benfit" })).toBe(false);
    expect(await tp.show("nps", "benefit" as never)).toBe(false);
    expect(await tp.show("nps", { variant: 2 } as never)).toBe(false);
    window.history.replaceState(null, "", "/?touchpoint_variant=nps:zzz");
    expect(await tp.show("nps")).toBe(false);
    expect(events.filter((e) => e.type === "error").map((e) => e.payload)).toMatchObject([
      { message: 'show: nps has no variant "benfit" (it has control, benefit)' },
      { message: 'show: expected options like { variant: "benefit" }, got "benefit"' },
      { message: 'show: expected options like { variant: "benefit" }, got 2' },
      { message: 'touchpoint_variant: nps has no variant "zzz" (it has control, benefit)' },
    ]);
    expect(document.querySelector("touchpoint-prompt")).toBeNull();
  });

  it("labels visitors outside the coverage holdout, with the control copy", async () => {
    const { tp, sent } = start(withVariants({ coverage: 0 }));
    expect(await tp.show("nps")).toBe(true);
    expect(await question()).toBe(nps.copy.question);
    await dismiss(tp);
    expect(labels(await sent())).toEqual(
      sorted([
        { kind: "impression", variant: "control", forced: undefined, holdout: true },
        { kind: "dismissal", variant: "control", forced: undefined, holdout: true },
      ]),
    );
  });

  it("assigns by the identified user with unit 'user'", async () => {
    const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const benefitUser = users.find(
      (unitId) => assignVariant({ unitId, seed: "nps", variants }).key === "benefit",
    );
    const { tp, sent } = start(withVariants({ unit: "user" }));
    tp.identify(benefitUser ?? "");
    expect(await tp.show("nps")).toBe(true);
    expect(await question()).toBe("Would you tell a friend about us?");
    await dismiss(tp);
    expect((await sent()).map((e) => [e.variant, e.userId])).toEqual([
      ["benefit", benefitUser],
      ["benefit", benefitUser],
    ]);
  });

  it("labels a survey without variants control, with no forced or holdout field", async () => {
    const { tp, sent } = start(nps as unknown as SurveyConfig);
    expect(await tp.show("nps")).toBe(true);
    await dismiss(tp);
    for (const event of await sent()) {
      expect(event.variant).toBe("control");
      expect("forced" in event || "holdout" in event).toBe(false);
    }
  });
});
