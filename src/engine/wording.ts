import type { SurveyConfig } from "../config/types";
import type { VariantLabel } from "../experiment/variant";
import type { Check } from "../targeting/eligibility";
import { wordChecks } from "../targeting/wording";

/**
 * The words of `explain()` and debug mode, a part of the engine of its own: the engine decides on
 * each rule's `ok` and says what happened as a key and its facts (`./words`); only `explain()` and
 * debug mode fetch this part to word them. `stringify` is `JSON.stringify` as it was at start.
 */
export function wording(stringify = JSON.stringify) {
  const failures = (checks: Check[]) =>
    wordChecks(
      checks.filter((c) => !c.ok),
      stringify,
    )
      .map((v) => `${v.rule}: ${v.detail}`)
      .join("; ");
  /** Debug mode's lines, by key. `on`: which survey on which signal (`nps on pageview`). */
  const lines = {
    watching: (surveys: SurveyConfig[]) =>
      `watching ${surveys.map((s) => `${s.id} (${s.trigger.on})`).join(", ")}`,
    withdrawn: (id: string, event?: string) =>
      `${id}: pending prompt withdrawn, ${event === undefined ? "the route changed" : `cancelled by event "${event}"`}`,
    checked: (id: string, signal: string, checks: Check[]) =>
      `${id} on ${signal}: ${checks.every((c) => c.ok) ? "eligible" : `not shown, ${failures(checks)}`}`,
    pending: (id: string, signal: string) => `${id} on ${signal}: already pending`,
    priority: (id: string, signal: string, first: string) =>
      `${id} on ${signal}: not shown, priority: ${first} goes first`,
    delay: (id: string, signal: string, seconds: number) =>
      `${id} on ${signal}: showing in ${seconds}s`,
    afterDelay: (id: string, checks: Check[]) =>
      `${id} after its delay: not shown, ${failures(checks)}`,
    where: (id: string, event: string, why: string | undefined) =>
      `${id} on event "${event}": not shown, where: ${why ?? "rule not loaded"}`,
    seen: (id: string, variant: string) => `${id} ${variant}: exposure already recorded`,
    unremembered: (error: unknown) => `exposure not remembered: ${String(error)}`,
    unfetched: () => "UI not fetched ahead",
    busy: (id: string) => `${id} not shown: another prompt is open`,
    shown: (survey: SurveyConfig, label: VariantLabel, visible: boolean) =>
      `${survey.id} ${visible ? `shown (${survey.type}, touchpoint ${survey.touchpoint}, variant ${label.variant}${label.forced ? ", forced" : label.holdout ? ", holdout" : ""})` : "closed before it could show"}`,
  };
  return { verdicts: (checks: Check[]) => wordChecks(checks, stringify), lines };
}

export type Wording = ReturnType<typeof wording>;
export type Lines = Wording["lines"];
