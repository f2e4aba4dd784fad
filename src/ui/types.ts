import type { CopyConfig, ThemeConfig } from "../config/types";
import type { SurveyType } from "../outbox/event";

/** What the core hands the UI chunk to render one prompt. Plain data only. */
export interface PromptModel {
  surveyId: string;
  type: SurveyType;
  /** BCP 47 locale of the copy; chooses built-in strings and writing direction. */
  locale: string;
  copy: CopyConfig;
  theme: ThemeConfig;
}

/** How the UI reports what the visitor did. */
export interface PromptCallbacks {
  /** The visitor submitted a score; resolves once the answer is durable. */
  answer: (score: number) => Promise<void>;
  /** The visitor sent the follow-up text; resolves once it is durable. */
  comment: (text: string) => Promise<void>;
  /** The visitor closed the prompt before answering. */
  dismiss: () => void;
  /** The prompt is gone from the page (after thanks, dismissal or `close()`). */
  closed: () => void;
}

export interface MountedPrompt {
  /** Removes the prompt and everything it added to the page. */
  close: () => void;
}

/** The UI chunk's module interface. */
export interface UiModule {
  mount: (document: Document, model: PromptModel, callbacks: PromptCallbacks) => MountedPrompt;
}
