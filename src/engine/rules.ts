import type { Explanation } from "../api";
import type { SurveyConfig } from "../config/types";
import { createHistory } from "../journey/history";
import type { SignalContext } from "../journey/signal";
import { createTimers } from "../journey/timers";
import type { Store } from "../outbox/store";
import { type Check, evaluate, passes } from "../targeting/eligibility";
import { clearLedger, type Ledger, loadLedger, revision, stamp } from "../targeting/ledger";
import type { Matches } from "../targeting/match";
import type { ResolvedConfig } from "./config";
import { sessionValue, setSessionValue } from "./identity";
import type { Environment, User } from "./types";
import type { Say, Words } from "./words";

export interface RulesDeps {
  env: Environment;
  config: ResolvedConfig;
  locale: string;
  store: () => Store;
  visitorId: () => string;
  user: () => User;
  /** Whether a survey's URL rules match the current page (decided by the core). */
  page: (survey: SurveyConfig) => boolean;
  journeyKey: string;
  durable: () => boolean;
  match: Matches;
  promptOpen: () => boolean;
  /** Opens a survey's prompt once its rules passed. */
  show: (survey: SurveyConfig) => void;
  report: (message: string) => void;
  /** Debug lines, worded by the wording part. */
  say: Say;
  /** Words verdicts for `explain()`, once the wording part has loaded. */
  verdicts: Words["verdicts"];
}

interface Pending {
  survey: SurveyConfig;
  cancel: () => void;
}

/** Reads `a.b` in event properties. */
const property = (props: Record<string, unknown>, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], props);

/**
 * Who may be asked what, and when: watches the page's signals, checks every rule of a signalled
 * survey (priority first when several are due at once), runs delays (paused while the tab is
 * hidden) and withdraws pending prompts on a route change or a `cancelOn` event.
 */
export async function createRules(d: RulesDeps) {
  const { env, config } = d;
  const w = env.window;
  let ledger: Ledger = { surveys: {} };
  let stopped = false;
  // Tabs of the site say when they changed the ledger, so this tab re-reads it then, in the
  // background, and a trigger decides from memory. Without BroadcastChannel, a trigger reads it.
  // Listening starts before the first read, so no change is missed in between.
  // Back/forward cache: an open channel no longer keeps a page out of it in Chromium (156, tested
  // in test/browser/ledger-tabs.test.ts); Chromium and Firefox evict a cached page a message
  // reaches instead, so a restored page missed no announcement. Safari drops such messages: a
  // page it restores keeps the ledger it had (a `pageshow` re-read, ~20 B gzip, is over budget).
  const Channel = (w as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  const channel = Channel && new Channel(`touchpoint:${config.siteKey}:ledger`);
  if (channel) channel.onmessage = () => void refresh();
  /** The last read of the ledger asked for. */
  let reading: Promise<void> | undefined;
  // Read together: the ledger (IndexedDB) and the code of the rules this config uses.
  const [, scheduleRule, conditions] = await Promise.all([
    refresh(),
    config.surveys.some((s) => s.schedule)
      ? import("../targeting/schedule").then((m) => m.scheduleVerdict)
      : undefined,
    config.surveys.some((s) => s.audience || s.trigger.where)
      ? import("../targeting/conditions-rule")
      : undefined,
  ]);
  const pending = new Map<string, Pending>();
  const shownKey = `touchpoint:${config.siteKey}:shown`;
  const sessionShown = () => Number(sessionValue(w, shownKey) ?? 0);
  const timers = createTimers(env);
  const journey = createHistory(w, d.journeyKey, env.now, d.durable);
  const ctx: SignalContext = {
    window: w,
    timers,
    now: env.now,
    sessionStart: () => journey.session().start ?? env.now(),
    listen(target, type, handler, capture = false) {
      const options = { capture, passive: true };
      const safe = (event: Event) => {
        try {
          if (!stopped) handler(event);
        } catch (error) {
          d.report(`${type} signal failed: ${String(error)}`);
        }
      };
      target.addEventListener(type, safe, options);
      return () => target.removeEventListener(type, safe, options);
    },
  };
  // Page signals (scroll, click…) are a chunk of their own, fetched on pages that watch one.
  let watch: ReturnType<typeof import("../journey/watch").createWatch> | undefined;
  let loadingSignals = false;
  let watchedNow: SurveyConfig[] = [];
  const watchSignals = () => {
    if (stopped || !watch) return;
    watch.set(watchedNow, (s, signal) => void consider([s], signal));
    if (watchedNow.length) d.say("watching", watchedNow);
  };
  let attributesFailed = false;
  const read = conditions?.audienceReader({
    window: w,
    locale: d.locale,
    journey,
    traits: () => d.user().traits,
    attributes: () => {
      try {
        return config.attributes?.() ?? {};
      } catch (error) {
        if (!attributesFailed) d.report(`attributes() threw: ${String(error)}`);
        attributesFailed = true;
        return {};
      }
    },
  });

  /** Every rule's decision; `kept` skips the page rule for a prompt kept across navigation. */
  function check(survey: SurveyConfig, kept = false): Check[] {
    return evaluate(survey, {
      now: env.now(),
      page: (s) => kept || d.page(s),
      href: kept ? undefined : w.location.href,
      ledger,
      shownThisSession: sessionShown(),
      visitorId: d.visitorId(),
      policy: config.policy,
      promptOpen: d.promptOpen(),
      read: read ?? (() => undefined),
      match: d.match,
      fired: journey.fired,
      ...(scheduleRule ? { schedule: scheduleRule } : {}),
      ...(conditions ? { failing: conditions.failing } : {}),
    });
  }

  /**
   * Takes a ledger read or written, unless the one in memory is newer: reads can overlap, and one
   * begun before this tab's own write would bring the ledger back without it.
   */
  function keep(l: Ledger): void {
    if (revision(l) >= revision(ledger)) ledger = l;
  }

  /** Re-reads the ledger: another tab may have changed it. A trigger waits for the last read. */
  function refresh(): Promise<void> {
    reading = loadLedger(d.store()).then(keep, (error) =>
      d.report(`could not read the frequency ledger: ${String(error)}`),
    );
    return reading;
  }

  /** The ledger as it stands: announced changes are read already (or being read); else read it. */
  const current = () => (channel ? reading : refresh());

  /** Tells the site's other tabs that the ledger changed. */
  const announce = (l: Ledger) => {
    keep(l);
    // A closed channel (stopped) throws.
    if (!stopped) channel?.postMessage(0);
  };

  /** `event`: the `track()` event that cancels them; none: the route changed. */
  function withdraw(which: (s: SurveyConfig) => boolean | undefined, event?: string): void {
    for (const [id, p] of pending) {
      if (!which(p.survey)) continue;
      p.cancel();
      pending.delete(id);
      d.say("withdrawn", id, event);
    }
  }

  function schedule(survey: SurveyConfig, signal: string): void {
    const delay = survey.trigger.delay ?? 0;
    if (!delay) {
      d.show(survey);
      return;
    }
    d.say("delay", survey.id, signal, delay);
    const cancel = timers.after(delay * 1000, async () => {
      pending.delete(survey.id);
      await current();
      const checks = check(survey, true);
      if (stopped) return;
      if (passes(checks)) d.show(survey);
      else d.say("afterDelay", survey.id, checks);
    });
    pending.set(survey.id, { survey, cancel });
  }

  /**
   * Checks surveys signalled together and schedules the first eligible one by priority.
   * `fresh` is false when an earlier event (scope session/ever) re-arms a survey on a new page.
   */
  async function consider(surveys: SurveyConfig[], signal: string, fresh = true): Promise<void> {
    if (fresh) for (const s of surveys) journey.fire(s.id);
    await current();
    if (stopped) return;
    const byPriority = [...surveys].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
    let chosen: SurveyConfig | undefined;
    for (const s of byPriority) {
      if (chosen) d.say("priority", s.id, signal, chosen.id);
      else if (pending.has(s.id)) d.say("pending", s.id, signal);
      else {
        const checks = check(s);
        d.say("checked", s.id, signal, checks);
        if (passes(checks)) {
          chosen = s;
          schedule(s, signal);
        }
      }
    }
  }

  return {
    /** Whether a survey's rules pass now. */
    eligible: (survey: SurveyConfig) => passes(check(survey)),
    /** Why each survey would or would not show now, in words (re-reads the ledger first). */
    async explain(surveys: SurveyConfig[]): Promise<Explanation[]> {
      const [word] = await Promise.all([d.verdicts(), refresh()]);
      return surveys.map((s) => {
        const checks = check(s);
        return { surveyId: s.id, eligible: passes(checks), verdicts: word(checks) };
      });
    },
    consider,
    /**
     * A page view: watches the signals of the surveys armed here (replacing the last page's) and,
     * after a route change, withdraws pending prompts that do not `persist`.
     */
    page(watched: SurveyConfig[], routeChanged: boolean): void {
      if (routeChanged) withdraw((s) => !s.trigger.persist);
      watchedNow = watched;
      if (watch || !watched.length) watchSignals();
      else if (!loadingSignals) {
        loadingSignals = true;
        import("../journey/watch").then(
          (m) => {
            watch = m.createWatch(ctx);
            watchSignals();
          },
          (error) => {
            loadingSignals = false;
            d.report(`could not load the page signals: ${String(error)}`);
          },
        );
      }
    },
    /** A `track()` event: withdraws what it cancels, then checks the surveys it triggers. */
    track(name: string, props: Record<string, unknown>, surveys: SurveyConfig[]): Promise<void> {
      withdraw((s) => s.trigger.cancelOn?.includes(name), name);
      const passed = surveys.filter((s) => {
        const where = s.trigger.where;
        if (!where) return true;
        const why = conditions?.failing(where, (k) => property(props, k), d.match);
        const ok = !!conditions && !why;
        if (!ok) d.say("where", s.id, name, why);
        return ok;
      });
      return consider(passed, `event "${name}"`);
    },
    /** Starts one of a survey's clocks (shown, dismissed, answered) in the shared ledger. */
    stamp(surveyId: string, clock: "shownAt" | "dismissedAt" | "answeredAt"): void {
      if (clock === "shownAt") setSessionValue(w, shownKey, String(sessionShown() + 1));
      stamp(d.store(), surveyId, clock, env.now()).then(announce, (e) =>
        d.report(`could not write the frequency ledger: ${String(e)}`),
      );
    },
    async reset(): Promise<void> {
      journey.clear();
      announce(await clearLedger(d.store()));
    },
    stop(): void {
      stopped = true;
      channel?.close();
      watch?.stop();
      timers.clear();
      pending.clear();
    },
  };
}

export type Rules = Awaited<ReturnType<typeof createRules>>;
