import type { CopyConfig, PlacementConfig, ThemeConfig } from "../config/ui-types";
import type { SurveyType } from "../wire/event";
import type { Segment } from "./segment";
import type { ContactField } from "./strings";

/** What the core hands the UI chunk to render one prompt. Plain data only. */
export interface PromptModel {
  surveyId: string;
  type: SurveyType;
  /** The visitor's preferred locale (BCP 47); with `languages`, chooses copy and built-in strings. */
  locale: string;
  /** The visitor's further languages, best first (page `lang`, then the browser's). */
  languages?: string[] | undefined;
  copy: CopyConfig;
  /** Language of `copy`, when the survey names it. */
  copyLocale?: string | undefined;
  /** Copy overrides by locale. */
  locales?: Record<string, Partial<CopyConfig>> | undefined;
  theme: ThemeConfig;
  placement?: PlacementConfig | undefined;
  /** How CSAT values look. */
  scale?: "numbers" | "stars" | "faces" | undefined;
  /** A click or tap on a value submits it. */
  submitOnTap?: boolean | undefined;
  /** Ask consent to be contacted after answers in these segments (the survey's `contact`). */
  contact?: ContactAsk | undefined;
}

/** How the prompt asks for consent to be contacted. */
export interface ContactAsk {
  segments: Segment[];
  field: ContactField;
  /** `identify()` traits already hold a contact: ask only the consent. */
  known: boolean;
}

/** What the visitor gave in the follow-up step. */
export interface FollowUpAnswer {
  comment: string;
  /** True only when the consent box was ticked. */
  consent: boolean;
  /** Only with consent; empty when left out. */
  contact: string;
}

/** How the UI reports what the visitor did. */
export interface PromptCallbacks {
  /** The visitor submitted a score; resolves once the answer is durable. */
  answer: (score: number) => Promise<void>;
  /** The visitor sent the follow-up step (comment, consent, contact); resolves once durable. */
  comment: (answer: FollowUpAnswer) => Promise<void>;
  /** The visitor closed the prompt before answering. */
  dismiss: () => void;
  /** The prompt is gone from the page (after thanks, dismissal or `close()`). */
  closed: () => void;
}

export interface MountedPrompt {
  /** Removes the prompt and everything it added to the page. */
  close: () => void;
  /**
   * Resolves to true once the prompt is actually visible (it waits while a host modal dialog is
   * open and while an anchored position is computed), or to false when it closed before that.
   */
  shown: Promise<boolean>;
}

/** The UI chunk's module interface. */
export interface UiModule {
  mount: (document: Document, model: PromptModel, callbacks: PromptCallbacks) => MountedPrompt;
  /**
   * Fetches ahead the built-in strings of a locale and the steps after the answer, so a prompt
   * in it shows, asks its follow-up and thanks offline too; then, at idle, rehearses unseen the
   * prompt `rehearsal` returns (none when it returns undefined by then), so the first real
   * prompt's first frame paints sooner.
   */
  preload?: (locale: string, rehearsal?: () => PromptModel | undefined) => Promise<unknown>;
}
