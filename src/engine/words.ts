import { describeError } from "../outbox/describe";
import type { Check, Verdict } from "../targeting/eligibility";
import type { Lines, Wording } from "./wording";

/** Says what the engine did, as a debug line's key and its facts (worded in `./wording`). */
export type Say = <K extends keyof Lines>(key: K, ...facts: Parameters<Lines[K]>) => void;

export interface WordsDeps {
  /** Debug mode: lines are said, and the wording is fetched at start. */
  debug: boolean;
  /** Prints a debug line. */
  log: (message: string) => void;
  report: (error: unknown) => void;
  stringify?: typeof JSON.stringify | undefined;
  /** Fetches the wording part; tests pass one that fails. */
  load?: () => Promise<typeof import("./wording")>;
}

const importWording = () => import("./wording");

/**
 * The engine decides on each rule's `ok`; the words (`explain()`'s details, debug lines) are a
 * part of their own, fetched only by `explain()` and in debug mode, and never waited on by a
 * visitor's prompt. Debug lines said while the part first loads are printed once it has, in
 * order; if it cannot load, that is reported (each time a fetch fails) and lines and verdicts show
 * their raw facts, unworded, until a later `explain()` fetches it.
 */
export function createWords(d: WordsDeps) {
  const raw = d.stringify ?? JSON.stringify;
  let wording: Wording | undefined;
  let loading: Promise<Wording | undefined> | undefined;
  /** Lines said while the part first loads (only then: a retry holds nothing, so this is bounded). */
  let held: unknown[][] | undefined;
  let tried = false;

  function print([key, ...facts]: unknown[]): void {
    try {
      const line = wording?.lines[key as "busy"] as ((...f: unknown[]) => string) | undefined;
      d.log(line ? line(...facts) : `${key} ${raw(facts)}`);
    } catch (error) {
      d.report(error);
    }
  }

  /** Prints the lines held while the part loaded, in order, worded or not. */
  function settle(w: Wording | undefined): Wording | undefined {
    wording = w;
    const lines = held ?? [];
    held = undefined;
    for (const line of lines) print(line);
    return w;
  }

  function load(): Promise<Wording | undefined> {
    if (loading) return loading;
    if (!tried) held = [];
    tried = true;
    loading = (d.load ?? importWording)().then(
      (m) => settle(m.wording(d.stringify)),
      (error: unknown) => {
        loading = undefined;
        d.report(
          `could not load the wording part (${describeError(error)}): explain() and debug lines show raw facts`,
        );
        return settle(undefined);
      },
    );
    return loading;
  }
  if (d.debug) void load();

  const say = ((...line: unknown[]) => {
    if (!d.debug) return;
    if (held) held.push(line);
    else print(line);
  }) as Say;

  return {
    say,
    /** Fetches the part (once; again after a failure); undefined when it cannot load. */
    load,
    /** Words checks, once the part has loaded (or with their raw facts when it cannot). */
    async verdicts(): Promise<(checks: Check[]) => Verdict[]> {
      const w = await load();
      return (
        w?.verdicts ??
        ((checks) =>
          checks.map(({ rule, ok, facts }) => ({
            rule,
            ok,
            detail: `wording not loaded: ${raw(facts)}`,
          })))
      );
    },
  };
}

export type Words = ReturnType<typeof createWords>;
