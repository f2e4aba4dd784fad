import type { SurveyType, TouchpointEvent } from "../outbox/event";
import { npsValue } from "./nps";
import { isOnScale } from "./scale";
import type { EventTotals } from "./types";

/**
 * What the report needs of one variant (or the holdout group) at one touchpoint: counts only, so
 * a collector can keep them in its database and build a report without reading every event.
 */
export interface ArmCounts {
  variant: string;
  /** Distinct visitors shown the prompt. */
  impressions: number;
  /** Answer events. */
  answers: number;
  /** Dismissal events. */
  dismissals: number;
  /** Visitors shown the prompt who answered at least once. */
  respondersShown: number;
  /** Visitors shown the prompt who dismissed at least once. */
  dismissersShown: number;
  /** On-scale answers per score: `scores[7]` answers scored 7. */
  scores: number[];
  /** Visitors shown the prompt whose latest on-scale answer is a promoter (9-10)... */
  promotersShown: number;
  /** ...or a detractor (0-6). NPS only; zero for other survey types. */
  detractorsShown: number;
}

/** Counts of one touchpoint of one survey. */
export interface TouchpointCounts {
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  /** Variants in the order they first appear in the events. */
  arms: ArmCounts[];
  holdout: ArmCounts | null;
}

/** A report's input: counts per touchpoint and the event totals. */
export interface ReportCounts {
  touchpoints: TouchpointCounts[];
  totals: EventTotals;
}

/** Per-visitor sets of one arm while events are read from a file. */
interface ArmSets {
  variant: string;
  impressed: Set<string>;
  responders: Set<string>;
  dismissers: Set<string>;
  answers: number;
  dismissals: number;
  scores: number[];
  /** Each answering visitor's latest on-scale score, for per-visitor figures. */
  latest: Map<string, { createdAt: number; score: number }>;
}

interface TouchpointSets {
  surveyId: string;
  surveyType: SurveyType;
  touchpoint: string;
  arms: Map<string, ArmSets>;
  holdout: ArmSets | null;
}

/** An arm with nothing counted yet. */
export function emptyCounts(variant: string): ArmCounts {
  return {
    variant,
    impressions: 0,
    answers: 0,
    dismissals: 0,
    respondersShown: 0,
    dismissersShown: 0,
    scores: [],
    promotersShown: 0,
    detractorsShown: 0,
  };
}

function emptyArm(variant: string): ArmSets {
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

function addToArm(arm: ArmSets, event: TouchpointEvent, totals: EventTotals): void {
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
  arm.scores[event.score] = (arm.scores[event.score] ?? 0) + 1;
  const createdAt = Date.parse(event.createdAt);
  const previous = arm.latest.get(event.visitorId);
  if (!previous || createdAt >= previous.createdAt) {
    arm.latest.set(event.visitorId, { createdAt, score: event.score });
  }
}

function armFor(groups: Map<string, TouchpointSets>, event: TouchpointEvent): ArmSets {
  const key = JSON.stringify([event.surveyId, event.surveyType, event.touchpoint]);
  let group = groups.get(key);
  if (!group) {
    const { surveyId, surveyType, touchpoint } = event;
    group = { surveyId, surveyType, touchpoint, arms: new Map(), holdout: null };
    groups.set(key, group);
  }
  if (event.holdout === true) {
    group.holdout ??= emptyArm(event.variant);
    return group.holdout;
  }
  let arm = group.arms.get(event.variant);
  if (!arm) {
    arm = emptyArm(event.variant);
    group.arms.set(event.variant, arm);
  }
  return arm;
}

function toCounts(arm: ArmSets, surveyType: SurveyType): ArmCounts {
  const counts = emptyCounts(arm.variant);
  counts.impressions = arm.impressed.size;
  counts.answers = arm.answers;
  counts.dismissals = arm.dismissals;
  counts.scores = Array.from(arm.scores, (n) => n ?? 0);
  for (const visitor of arm.impressed) {
    if (arm.responders.has(visitor)) counts.respondersShown += 1;
    if (arm.dismissers.has(visitor)) counts.dismissersShown += 1;
    const answer = arm.latest.get(visitor);
    if (surveyType !== "nps" || !answer) continue;
    const value = npsValue(answer.score);
    if (value > 0) counts.promotersShown += 1;
    else if (value < 0) counts.detractorsShown += 1;
  }
  return counts;
}

/**
 * Groups events by survey, touchpoint and variant, counting each event id once, leaving forced
 * previews out and keeping holdout events in their own group.
 */
export function tallyEvents(events: Iterable<TouchpointEvent>): ReportCounts {
  const totals: EventTotals = {
    received: 0,
    duplicates: 0,
    forcedPreviews: 0,
    invalidScores: 0,
    counted: 0,
  };
  const seen = new Set<string>();
  const groups = new Map<string, TouchpointSets>();
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
  const touchpoints = [...groups.values()].map((group) => ({
    surveyId: group.surveyId,
    surveyType: group.surveyType,
    touchpoint: group.touchpoint,
    arms: [...group.arms.values()].map((arm) => toCounts(arm, group.surveyType)),
    holdout: group.holdout ? toCounts(group.holdout, group.surveyType) : null,
  }));
  return { touchpoints, totals };
}
