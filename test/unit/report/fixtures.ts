import type { TouchpointEvent } from "../../../src/wire/event";

let counter = 0;

/** A valid impression event; override any field. Ids are unique across the test run. */
export function event(overrides: Partial<TouchpointEvent> = {}): TouchpointEvent {
  counter += 1;
  return {
    id: `event-${String(counter).padStart(4, "0")}`,
    kind: "impression",
    siteKey: "site-1",
    surveyId: "nps-checkout",
    surveyType: "nps",
    touchpoint: "order_confirmation",
    variant: "control",
    createdAt: "2025-03-01T10:00:00.000Z",
    visitorId: "visitor",
    sessionId: "session",
    url: "https://shop.example/thanks",
    locale: "en",
    sdkVersion: "0.1.0",
    ...overrides,
  };
}

interface ArmPlan {
  /** Visitors shown the prompt, one impression each. */
  shown: number;
  /** Scores answered by the first visitors shown, in order. */
  scores?: readonly number[];
  /** Visitors after the answering ones who dismissed. */
  dismissed?: number;
  /** Fields added to every event of the arm, e.g. `{ holdout: true }`. */
  extra?: Partial<TouchpointEvent>;
}

/** The events of one arm: impressions, then answers and dismissals by distinct visitors. */
export function armEvents(variant: string, plan: ArmPlan): TouchpointEvent[] {
  const { shown, scores = [], dismissed = 0, extra = {} } = plan;
  const prefix = `${variant}${extra.holdout ? "-holdout" : ""}`;
  const base = { variant, ...extra };
  const events: TouchpointEvent[] = [];
  for (let i = 0; i < shown; i++) events.push(event({ ...base, visitorId: `${prefix}-${i}` }));
  for (const [i, score] of scores.entries()) {
    events.push(event({ ...base, kind: "answer", score, visitorId: `${prefix}-${i}` }));
  }
  for (let i = scores.length; i < scores.length + dismissed; i++) {
    events.push(event({ ...base, kind: "dismissal", visitorId: `${prefix}-${i}` }));
  }
  return events;
}

/** `count` copies of `score`. */
export function repeat(score: number, count: number): number[] {
  return Array.from({ length: count }, () => score);
}
