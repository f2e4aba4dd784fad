import type { Explanation, TouchpointEvents } from "../api";
import type { ConfigProblem } from "../config/checks";
import type { SurveyConfig, TouchpointConfig } from "../config/types";
import type { Matches } from "../targeting/match";
import type { UiModule } from "../ui/types";

/**
 * The engine chunk's interface: what the core lends it and what it gives back. The core depends
 * on this file, never on the engine's code, which it only loads (like `ui/types.ts` for the UI).
 */

/** The lazily loaded chunks and what each module exports. */
export interface Chunks {
  engine: EngineModule;
  ui: UiModule;
}

/** Loads a chunk, from `baseUrl` when the config gives one. */
export type ChunkLoader = <K extends keyof Chunks>(name: K, baseUrl?: string) => Promise<Chunks[K]>;

/** Fetches a chunk into the browser without running it (`<link rel="modulepreload">`). */
export type ChunkPrefetcher = (name: keyof Chunks, baseUrl?: string) => void;

/**
 * Everything Touchpoint takes from the outside world, passed in so tests can give fakes and so
 * a host page that later replaces `fetch` or timers cannot change what Touchpoint uses.
 */
export interface Environment {
  window: Window;
  fetch: typeof fetch;
  /** `JSON.stringify` as it was when Touchpoint loaded. */
  stringify?: typeof JSON.stringify;
  indexedDB: IDBFactory | undefined;
  now: () => number;
  random: () => number;
  setTimeout: (callback: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Fetches a lazily loaded chunk. */
  loadChunk: ChunkLoader;
  /** Fetches a chunk ahead of need, without running it. */
  prefetchChunk?: ChunkPrefetcher;
  /** Where debug lines and the one error message go. */
  console: Pick<Console, "info" | "error">;
}

/** The config as the core uses it: the engine resolves the rest (`resolveConfig`). */
export type CoreConfig = TouchpointConfig & { siteKey: string; surveys: SurveyConfig[] };

/** The signed-in user, as `identify()` gave it. */
export interface User {
  userId?: string;
  traits: Record<string, unknown>;
}

/** What the core lends the engine: its environment, the config and the channels back to the API. */
export interface EngineStart {
  env: Environment;
  /** The config as the core checked it. */
  config: CoreConfig;
  /** The page's URL at start, which a relative collector URL is resolved against. */
  base: string;
  /** The config as given (inline merged with `configUrl`), for the full check. */
  raw: TouchpointConfig;
  /** Debug mode: the full config check runs even when the structure looks right. */
  debug: boolean;
  /** The user id and traits given to `identify()`. */
  user: () => User;
  emit: <K extends keyof TouchpointEvents>(event: K, payload: TouchpointEvents[K]) => void;
  /** The one `error` channel: a console line and the `error` event (a string becomes an `Error`). */
  report: (error: unknown) => void;
  log: (message: string) => void;
  /** False until consent is given when the config requires it. */
  consented: boolean;
  /** Whether a survey's URL rules match the current page (decided by the core). */
  page: (survey: SurveyConfig) => boolean;
  /** Whether localStorage may be written (consent given, when required). */
  durable: () => boolean;
  /** The core's value test (URL rules), reused for audience and event conditions. */
  match: Matches;
}

/** The running engine: rules (eligibility), display (the prompt) and delivery (the outbox). */
export interface Engine {
  /** Why each survey would or would not show now, in words (re-reads the shared ledger first). */
  explain(surveys: SurveyConfig[]): Promise<Explanation[]>;
  /** `forced` skips the rules (`show()`); `options` may force a copy variant for a preview. */
  display(survey: SurveyConfig, forced: boolean, options?: unknown): Promise<boolean>;
  /** Checks surveys signalled together; the first eligible by priority shows after its delay. */
  consider(surveys: SurveyConfig[], signal: string, fresh?: boolean): Promise<void>;
  /** A page view: the surveys whose page signals (scroll, click…) to watch here. */
  page(watched: SurveyConfig[], routeChanged: boolean): void;
  /** A `track()` event and the surveys it may trigger. */
  track(name: string, props: Record<string, unknown>, surveys: SurveyConfig[]): Promise<void>;
  flush(): Promise<void>;
  consent(granted: boolean): Promise<void>;
  /** A new anonymous visitor with no history. */
  reset(): Promise<void>;
  stop(): void;
}

/** The engine chunk's module. */
export interface EngineModule {
  /** Starts the engine; rejects with the problems (a list) when the full config check fails. */
  createEngine(start: EngineStart): Promise<Engine>;
  /** The full config check: every problem (empty when valid). */
  validate(config: unknown): Promise<ConfigProblem[]>;
}
