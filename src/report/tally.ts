import type { SurveyType, TouchpointEvent } from "../wire/event";
import { isOnScale } from "../wire/scale";
import type { EventTotals } from "./types";

/** Raw counts of one variant (or the holdout group) at one touchpoint. */
export interface ArmTally {
  variant: string;
  /** Visitors shown the prompt. */
  impressed: Set<string>;
  /** Visitors who answered. */
  responders: Set<string>;
  /** Visitors who dismissed. */
  dismissers: Set<string>;
  answers: number;
  dismissals: number;
  /** Scores of the answers that are on the survey's scale. */
  scores: number[];
  /** Each answering visitor's latest on-scale score, for per-visitor figures. */
  latest: Map<string, { createdAt: number; score: number }>;
}

/** Raw counts of one touchpoint of one survey. */
export interface TouchpointTally {
  siteKey: string;
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  /** Variants in the order they first appear in the events. */
  arms: Map<string, ArmTally>;
  holdout: ArmTally | null;
  /** Time of each visitor's first impression in the experiment (ms), for traffic per day. */
  firstShown: Map<string, number>;
}

function emptyArm(variant: string): ArmTally {
  return {
    variant,
    impressed: new Set(),
    responders: new Set(),
    dismissers: new Set(),
    answers: 0,
    dismissals: 0,
    scores: [],
    latest: new Map(),
  };
}

function addToArm(arm: ArmTally, event: TouchpointEvent, totals: EventTotals): void {
  if (event.kind === "impression") {
    arm.impressed.add(event.visitorId);
    return;
  }
  if (event.kind === "dismissal") {
    arm.dismissals += 1;
    arm.dismissers.add(event.visitorId);
    return;
  }
  arm.answers += 1;
  arm.responders.add(event.visitorId);
  if (!isOnScale(event.surveyType, event.score)) {
    totals.invalidScores += 1;
    return;
  }
  arm.scores.push(event.score);
  const createdAt = Date.parse(event.createdAt);
  const previous = arm.latest.get(event.visitorId);
  if (!previous || createdAt >= previous.createdAt) {
    arm.latest.set(event.visitorId, { createdAt, score: event.score });
  }
}

function armFor(groups: Map<string, TouchpointTally>, event: TouchpointEvent): ArmTally {
  const key = JSON.stringify([event.siteKey, event.surveyId, event.surveyType, event.touchpoint]);
  let group = groups.get(key);
  if (!group) {
    const { siteKey, surveyId, surveyType, touchpoint } = event;
    group = {
      siteKey,
      surveyId,
      surveyType,
      touchpoint,
      arms: new Map(),
      holdout: null,
      firstShown: new Map(),
    };
    groups.set(key, group);
  }
  if (event.holdout === true) {
    group.holdout ??= emptyArm(event.variant);
    return group.holdout;
  }
  if (event.kind === "impression") {
    const at = Date.parse(event.createdAt);
    const before = group.firstShown.get(event.visitorId);
    if (before === undefined || at < before) group.firstShown.set(event.visitorId, at);
  }
  let arm = group.arms.get(event.variant);
  if (!arm) {
    arm = emptyArm(event.variant);
    group.arms.set(event.variant, arm);
  }
  return arm;
}

/**
 * Groups events by site key, survey, touchpoint and variant, counting each event id once, leaving forced
 * previews out and keeping holdout events in their own group.
 */
export function tallyEvents(events: Iterable<TouchpointEvent>): {
  touchpoints: TouchpointTally[];
  totals: EventTotals;
} {
  const totals: EventTotals = {
    received: 0,
    duplicates: 0,
    forcedPreviews: 0,
    invalidScores: 0,
    counted: 0,
  };
  const seen = new Set<string>();
  const groups = new Map<string, TouchpointTally>();
  for (const event of events) {
    totals.received += 1;
    if (seen.has(event.id)) {
      totals.duplicates += 1;
    } else if (event.forced === true) {
      seen.add(event.id);
      totals.forcedPreviews += 1;
    } else {
      seen.add(event.id);
      totals.counted += 1;
      addToArm(armFor(groups, event), event, totals);
    }
  }
  return { touchpoints: [...groups.values()], totals };
}
