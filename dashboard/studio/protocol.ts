// Messages between the studio and its preview frame (same origin, one request per frame load).

import type { Explanation } from "../../src/api";
import type { TouchpointConfig } from "../../src/config/types";

export type Step = "question" | "followUp" | "thanks";
export type Device = "desktop" | "mobile" | "tablet";

/** A visitor's past, written where the engine keeps it before the SDK starts. */
export interface VisitorHistory {
  /** Sessions so far, this one included. */
  sessions: number;
  /** Page views this session, this one included. */
  pages: number;
  /** Prompts already shown this session. */
  shownThisSession: number;
  /** The survey the days below are about. */
  surveyId: string;
  answeredDaysAgo?: number | undefined;
  dismissedDaysAgo?: number | undefined;
  shownDaysAgo?: number | undefined;
  /** Surveys whose trigger fired this session (from the events sent), for sequences. */
  fired: string[];
  traits: Record<string, unknown>;
}

export type Request =
  | {
      kind: "show";
      config: TouchpointConfig;
      surveyId: string;
      variant?: string;
      step: Step;
      score: number;
    }
  | {
      kind: "explain";
      config: TouchpointConfig;
      url: string;
      device: Device;
      history: VisitorHistory;
    };

export type Reply =
  | { kind: "ready" }
  | { kind: "shown"; ok: boolean; error?: string }
  | { kind: "explained"; explanations: Explanation[]; error?: string };

export const PREVIEW_SITE = "studio-preview";
export const EXPLAIN_SITE = "studio-explain";
/** The frame blocks every request, so this collector is never called. */
export const NO_COLLECTOR = "https://preview.invalid/v1/events";
