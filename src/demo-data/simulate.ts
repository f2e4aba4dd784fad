import type { TouchpointEvent } from "../wire/event";
import { bandOf, SCALES } from "../wire/scale";
import { COMMENTS, INCIDENT_COMMENTS, LOCAL_COMMENTS, type Mood, type Pool } from "./seed-comments";
import { type Random, seededRandom } from "./seed-random";
import {
  type Behaviour,
  INCIDENT,
  SIMULATED_SDK_VERSION,
  SIMULATED_SURVEYS,
  type SimulatedSurvey,
  worse,
} from "./seed-surveys";

export {
  type Behaviour,
  INCIDENT,
  SIMULATED_SDK_VERSION,
  SIMULATED_SURVEYS,
  type SimulatedSurvey,
  trueFigures,
} from "./seed-surveys";

/** Options of {@link simulateJourney}. */
export interface SimulationOptions {
  /** @default 12000 */
  visitors?: number;
  /** Days of traffic, ending at `now`. @default 56 */
  days?: number;
  /** Same seed and `now`, same data set, ids included. @default 1 */
  seed?: number;
  /** End of the simulated period, in ms since the epoch. @default Date.now() */
  now?: number;
  /** @default "demo-shop" */
  siteKey?: string;
  /** Origin of the simulated page URLs. @default "http://127.0.0.1:5173" */
  origin?: string;
}

const DAY_MS = 86_400_000;
/** Prompts one visit may show (the demo config's `policy.maxPerSession` is looser, for trying). */
const PROMPTS_PER_VISIT = 2;
/** The SDK's default frequency rules, in days. */
const AFTER_ANSWER_DAYS = 90;
const AFTER_DISMISS_DAYS = 14;
const AFTER_SHOWN_DAYS = 1;
/** Most visits of one visitor. */
const MAX_VISITS = 8;
/** Bounds of the options, so a typo cannot ask for a billion visitors. */
export const MAX_SIMULATED_VISITORS = 200_000;
export const MAX_SIMULATED_DAYS = 3650;

const SURVEYS_BY_ID = new Map(SIMULATED_SURVEYS.map((s) => [s.id, s]));
const LOCALES = [
  ["en-GB", 45],
  ["en-US", 25],
  ["de-DE", 12],
  ["fr-FR", 10],
  ["nl-NL", 8],
] as const;
/** Visits per UTC hour of the day: a lunch and an evening peak. */
const HOURS = [1, 1, 1, 1, 1, 2, 3, 5, 6, 6, 7, 8, 9, 8, 7, 6, 6, 7, 9, 11, 11, 9, 5, 2].map(
  (weight, hour) => [hour, weight] as const,
);

interface Clocks {
  shownAt?: number;
  answeredAt?: number;
  dismissedAt?: number;
}

const within = (at: number | undefined, days: number, now: number) =>
  at !== undefined && now - at < days * DAY_MS;

/** What every visitor of one simulation shares. */
interface World {
  random: Random;
  now: number;
  siteKey: string;
  origin: string;
  incident: readonly [number, number];
  events: TouchpointEvent[];
}

/** One visitor: identity, sticky variant and the SDK's frequency ledger. */
interface Visitor {
  visitorId: string;
  locale: string;
  variant: string;
  ledger: Map<string, Clocks>;
  ordered: boolean;
}

/** One visit: the clock of the visit and how many prompts it showed. */
interface Visit {
  sessionId: string;
  t: number;
  shown: number;
}

function pickComment(world: World, visitor: Visitor, surveyId: string, mood: Mood, late: boolean) {
  const { random } = world;
  const local = LOCAL_COMMENTS[visitor.locale.slice(0, 2)];
  let pool = (COMMENTS[surveyId] as Pool)[mood];
  if (late && mood === "low" && random.chance(0.7)) pool = INCIDENT_COMMENTS;
  else if (local && random.chance(0.6)) pool = local[mood];
  return pool[random.int(0, pool.length - 1)] as string;
}

function scoreOf(world: World, survey: SimulatedSurvey, behaviour: Behaviour, late: boolean) {
  const scores = late ? worse(behaviour.scores, INCIDENT.shift) : behaviour.scores;
  return SCALES[survey.type].min + world.random.weighted(scores.map((w, i) => [i, w] as const));
}

/** Shows a prompt when the SDK's rules allow it; returns the score if the visitor answered. */
function prompt(world: World, visitor: Visitor, visit: Visit, surveyId: string, path: string) {
  const { random, now } = world;
  const survey = SURVEYS_BY_ID.get(surveyId) as SimulatedSurvey;
  const clocks = visitor.ledger.get(surveyId) ?? {};
  const t = visit.t;
  if (t >= now || visit.shown >= PROMPTS_PER_VISIT) return undefined;
  if (within(clocks.answeredAt, AFTER_ANSWER_DAYS, t)) return undefined;
  if (within(clocks.dismissedAt, AFTER_DISMISS_DAYS, t)) return undefined;
  if (within(clocks.shownAt, AFTER_SHOWN_DAYS, t)) return undefined;
  visit.shown += 1;
  visitor.ledger.set(surveyId, clocks);
  const variant = Object.keys(survey.arms).length > 1 ? visitor.variant : "control";
  const behaviour = survey.arms[variant] as Behaviour;
  const event = (kind: TouchpointEvent["kind"], at: number): TouchpointEvent => ({
    id: random.uuid(),
    kind,
    siteKey: world.siteKey,
    surveyId,
    surveyType: survey.type,
    touchpoint: survey.touchpoint,
    variant,
    createdAt: new Date(at).toISOString(),
    visitorId: visitor.visitorId,
    sessionId: visit.sessionId,
    url: `${world.origin}${path}`,
    locale: visitor.locale,
    sdkVersion: SIMULATED_SDK_VERSION,
  });
  world.events.push(event("impression", t));
  clocks.shownAt = t;
  const outcome = random.next();
  if (outcome >= behaviour.answer + behaviour.dismiss) return undefined;
  if (outcome >= behaviour.answer) {
    const at = t + random.int(2000, 15_000);
    if (at < now) world.events.push(event("dismissal", at));
    clocks.dismissedAt = at;
    return undefined;
  }
  const [from, to] = world.incident;
  const late = survey.id === INCIDENT.surveyId && t >= from && t < to;
  const score = scoreOf(world, survey, behaviour, late);
  const at = t + random.int(4000, 40_000);
  if (at >= now) return undefined;
  const answer: TouchpointEvent = { ...event("answer", at), score };
  const mood = bandOf(survey.type, score);
  if (random.chance(mood === "low" ? 0.55 : 0.3)) {
    answer.comment = pickComment(world, visitor, surveyId, mood, late);
  }
  world.events.push(answer);
  clocks.answeredAt = at;
  return score;
}

/** One walk through the shop: home, maybe product, cart, checkout, order, help and contact. */
function walk(world: World, visitor: Visitor, visit: Visit, number: number): void {
  const { random } = world;
  const wait = (min: number, max: number) => {
    visit.t += random.int(min, max) * 1000;
  };
  const show = (surveyId: string, path: string) => prompt(world, visitor, visit, surveyId, path);
  wait(3, 40);
  // Third visit: the shop's own visit counter calls track("third_visit"); the prompt waits 3 s.
  if (number === 3) {
    wait(3, 3);
    show("nps-returning", "/");
  }
  if (random.chance(0.72) && random.chance(0.42)) {
    wait(40, 240);
    if (random.chance(0.58)) {
      wait(60, 240);
      if (random.chance(0.82)) {
        visitor.ordered = true;
        wait(2, 2);
        show("nps-order", `/shop/order/${random.int(10_000, 99_999)}`);
        wait(10, 60);
      }
    } else if (random.chance(0.8)) {
      show("csat-cart-exit", "/shop/cart");
    }
  }
  if (random.chance(visitor.ordered ? 0.22 : 0.08)) {
    wait(20, 120);
    const helpful = random.chance(0.65) ? show("csat-help", "/help/returns") : undefined;
    const unhelpful = helpful !== undefined && bandOf("csat", helpful) === "low";
    if (random.chance(unhelpful ? 0.5 : 0.06)) {
      wait(60, 300);
      show("ces-support", "/help/contact");
    }
  } else if (random.chance(0.02)) {
    wait(30, 120);
    show("ces-support", "/help/contact");
  }
}

const byCreatedAt = (a: TouchpointEvent, b: TouchpointEvent) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

/**
 * Simulates visitors through the demo shop's journey and returns, oldest first, the events the
 * SDK would have sent: impressions, dismissals and answers (with comments) for every survey of
 * {@link SIMULATED_SURVEYS}, under the SDK's default frequency rules.
 */
export function simulateJourney(options: SimulationOptions = {}): TouchpointEvent[] {
  const visitors = Math.min(options.visitors ?? 12_000, MAX_SIMULATED_VISITORS);
  const days = Math.min(options.days ?? 56, MAX_SIMULATED_DAYS);
  const now = options.now ?? Date.now();
  const start = now - days * DAY_MS;
  const world: World = {
    random: seededRandom(options.seed ?? 1),
    now,
    siteKey: options.siteKey ?? "demo-shop",
    origin: options.origin ?? "http://127.0.0.1:5173",
    incident: [now - INCIDENT.fromDaysAgo * DAY_MS, now - INCIDENT.toDaysAgo * DAY_MS],
    events: [],
  };
  const { random } = world;
  // Traffic grows a little over the period and is busier at weekends.
  const dayWeights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(start + d * DAY_MS).getUTCDay();
    return [d, (1 + (0.4 * d) / days) * (weekday === 0 || weekday === 6 ? 1.25 : 1)] as const;
  });
  for (let v = 0; v < visitors; v++) {
    const visitor: Visitor = {
      visitorId: random.uuid(),
      locale: random.weighted(LOCALES),
      variant: random.chance(0.5) ? "control" : "benefit",
      ledger: new Map(),
      ordered: false,
    };
    let t = start + random.weighted(dayWeights) * DAY_MS;
    t += random.weighted(HOURS) * 3_600_000 + random.int(0, 3_599_999);
    for (let number = 1; number <= MAX_VISITS && t < now; number++) {
      const visit: Visit = { sessionId: random.uuid(), t, shown: 0 };
      walk(world, visitor, visit, number);
      t = visit.t + Math.max(2 * 3_600_000, random.exponential(5 * DAY_MS));
      if (!random.chance(0.42)) break;
    }
  }
  return world.events.sort(byCreatedAt);
}
