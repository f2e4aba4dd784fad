// Config of what the visitor sees: copy, look and placement (issue: the prompt UI).

import type { Segment } from "../wire/scale";

/**
 * Text that may depend on the answer's segment: one string for everyone, or one per segment.
 * NPS segments are `detractor` (0-6), `passive` (7-8) and `promoter` (9-10); CSAT and CES answers
 * are `low` (CSAT 1-2, CES 1-3), `middle` (CSAT 3, CES 4) or `high` (CSAT 4-5, CES 5-7).
 * @example { "detractor": "What disappointed you?", "promoter": "What did you like most?" }
 */
export type SegmentCopy =
  | string
  | {
      detractor?: string;
      passive?: string;
      promoter?: string;
      low?: string;
      middle?: string;
      high?: string;
    };

/** Copy of a prompt. All of it is rendered as plain text, never as HTML. */
export interface CopyConfig {
  /**
   * The question.
   * @example "How likely are you to recommend Acme to a friend or colleague?"
   */
  question: string;
  /**
   * Label of the low end of the scale.
   * @default "Not likely" (nps), "Very unsatisfied" (csat), "Strongly disagree" (ces)
   */
  lowLabel?: string;
  /**
   * Label of the high end of the scale.
   * @default "Very likely" (nps), "Very satisfied" (csat), "Strongly agree" (ces)
   */
  highLabel?: string;
  /**
   * Optional open "why?" question asked after the score. Omit it to skip the follow-up; with
   * one text per segment, a segment left out gets no follow-up.
   * @example "What is the main reason for your score?"
   */
  followUp?: SegmentCopy;
  /**
   * Thank-you message, the same for everyone or one per segment.
   * @default "Thank you for your feedback!"
   */
  thanks?: SegmentCopy;
  /**
   * Submit button text.
   * @default "Submit"
   */
  submit?: string;
  /**
   * Button that sends the follow-up text.
   * @default "Send"
   */
  send?: string;
  /**
   * Button that skips the follow-up.
   * @default "Skip"
   */
  skip?: string;
  /**
   * Accessible name of the close button.
   * @default "Close"
   */
  close?: string;
  /**
   * Label of the consent checkbox shown after a low answer when the survey has `contact`.
   * @default "May we contact you about this?"
   */
  consent?: string;
  /**
   * Label of the contact field (shown once consent is ticked, when `identify()` gave no contact).
   * @default "Your email (optional)" (email), "Your phone number (optional)" (tel), "How can we reach you? (optional)" (text)
   */
  contactLabel?: string;
  /**
   * Inline message when the contact is not valid.
   * @default "Please enter a valid email address, or leave it empty." (email)
   */
  contactInvalid?: string;
  /**
   * Thank-you when the visitor agreed to be contacted, the same for everyone or one per segment;
   * say what happens next. Without consent, `thanks` shows.
   * @default "Thank you! Someone from our team will get back to you within a day."
   */
  thanksContact?: SegmentCopy;
}

/** Asking a visitor whether the team may contact them about a low answer. */
export interface ContactConfig {
  /**
   * Segments asked.
   * @default ["detractor", "low"]
   */
  segments?: Segment[];
  /**
   * Kind of contact asked for; sets the input type and how it is checked.
   * @default "email"
   */
  field?: "email" | "tel" | "text";
  /**
   * Name of the `identify()` trait that already holds the visitor's contact; when it is set, only
   * the consent is asked.
   * @default "email" (email), "phone" (tel), "contact" (text)
   */
  trait?: string;
}

/** Where a prompt shows when it is not anchored to an element. */
export type PromptPosition =
  | "bottom-right"
  | "bottom-left"
  | "top-right"
  | "top-left"
  | "bottom-bar"
  | "top-bar"
  | "center";

/** Where one survey's prompt shows. */
export interface PlacementConfig {
  /**
   * Corner, bar or centre of the window; also where an anchored prompt goes while its element
   * is missing or scrolled out of view, and on windows narrower than 30em.
   * @default the theme's position
   */
  position?: PromptPosition;
  /**
   * CSS selector of a host element to show the prompt next to.
   * @example "#checkout-summary"
   */
  anchor?: string;
  /**
   * Side of the anchor element; flips to the other side when there is no room.
   * @default "bottom"
   */
  side?: "top" | "bottom" | "left" | "right";
  /**
   * Distance from the anchor element, in CSS pixels.
   * @default 8
   */
  offset?: number;
}

/**
 * Colours, shapes and default position of every prompt. The page's CSS can set the same things
 * with custom properties on `touchpoint-prompt` (`--tp-accent`, `--tp-background`, `--tp-text`,
 * `--tp-radius`, `--tp-font`); config values win. Colours are clamped when the prompt shows
 * so that text keeps 4.5:1 contrast and borders and focus rings 3:1.
 */
export interface ThemeConfig {
  /**
   * Accent colour (selected value, buttons, focus ring).
   * @default "#3056d3"
   */
  accent?: string;
  /**
   * Background colour. When set (or `text` is), the prompt uses it in light and dark mode.
   * @default "#ffffff" (light), "#1f2328" (dark)
   */
  background?: string;
  /**
   * Text colour.
   * @default "#1b1f24" (light), "#f0f3f6" (dark)
   */
  text?: string;
  /**
   * Corner radius of the prompt, in CSS pixels.
   * @default 12
   */
  radius?: number;
  /**
   * Font family (a CSS `font-family` list).
   * @default "system-ui, sans-serif"
   * @example "Inter, system-ui, sans-serif"
   */
  fontFamily?: string;
  /**
   * Light or dark colours; "auto" follows the visitor's `prefers-color-scheme`.
   * @default "auto"
   */
  colorScheme?: "auto" | "light" | "dark";
  /**
   * Where prompts show: a corner toast, a bar across the bottom or top, or a centred card.
   * @default "bottom-right"
   */
  position?: PromptPosition;
}
