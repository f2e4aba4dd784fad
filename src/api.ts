import type { TouchpointConfig } from "./config/types";
import type { Verdict } from "./targeting/eligibility";

/** What the `shown` and `dismissed` events carry. */
export interface PromptEventPayload {
  surveyId: string;
  touchpoint: string;
  variant: string;
}

/** What the `answered` event carries. */
export interface AnsweredPayload extends PromptEventPayload {
  score: number;
  comment?: string;
  /** True when the visitor agreed to be contacted (the contact itself is never in the payload). */
  consent?: boolean;
  eventId: string;
}

/** Events you can listen to with `on()`. */
export interface TouchpointEvents {
  /** Config loaded and valid; lists its surveys. */
  ready: { surveys: string[] };
  /** A prompt is on screen. */
  shown: PromptEventPayload;
  /** The visitor answered (and again if they add a comment); the answer is durable. */
  answered: AnsweredPayload;
  /** The visitor closed the prompt without answering. */
  dismissed: PromptEventPayload;
  /** The collector acknowledged these events. */
  sent: { count: number; ids: string[] };
  /**
   * Something went wrong; Touchpoint carries on or stays inactive, and says which. The error's
   * `name` tells what kind: `ConfigError` (with `problems`), `DeliveryError` (with `status` and
   * `eventIds`), `StorageError` (with `fallback`), or `Error`.
   */
  error: Error;
}

/** Options of `show()`. */
export interface ShowOptions {
  /**
   * Preview this copy variant instead of the visitor's own. Its events carry `forced: true`,
   * so reports leave them out.
   * @example { variant: "benefit" }
   */
  variant?: string;
}

/** Why a survey would or would not show now. */
export interface Explanation {
  surveyId: string;
  eligible: boolean;
  verdicts: Verdict[];
}

/** The Touchpoint API, the same on `window.touchpoint` and as ESM named exports. */
export interface TouchpointApi {
  /** Starts Touchpoint with a config (validated first; a bad config leaves it inactive). */
  init(config: TouchpointConfig): void;
  /** Sends a custom journey event; surveys triggered `on: "event"` with this name may show. */
  track(name: string, props?: Record<string, unknown>): void;
  /** Names the signed-in user; the id travels with events as `userId`. */
  identify(userId: string, traits?: Record<string, unknown>): void;
  /**
   * Shows a survey now, skipping its trigger and frequency rules, in the visitor's copy variant
   * (or `options.variant`, forced for a preview). Resolves to whether it showed.
   */
  show(surveyId: string, options?: ShowOptions): Promise<boolean>;
  /** Listens to an event; returns a function that stops listening. */
  on<K extends keyof TouchpointEvents>(
    event: K,
    listener: (payload: TouchpointEvents[K]) => void,
  ): () => void;
  off<K extends keyof TouchpointEvents>(
    event: K,
    listener: (payload: TouchpointEvents[K]) => void,
  ): void;
  /** Sends queued events now; resolves when this attempt is over. */
  flush(): Promise<void>;
  /** Grants or withholds consent to store and send (see `requireConsent`). */
  consent(granted: boolean): void;
  /** Why each survey (or the one named) would or would not show now. */
  explain(surveyId?: string): Promise<Explanation[]>;
  /** Forgets the visitor: new anonymous id, no user id, cleared frequency history. */
  reset(): void;
  /** Removes every listener, timer and element Touchpoint added. Queued events stay stored. */
  destroy(): void;
}
