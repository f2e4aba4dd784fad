// Starting points for a new survey: the moments most product teams ask about.
import type { SurveyConfig } from "../../src/config/types";

export interface Template {
  key: string;
  name: string;
  description: string;
  survey: SurveyConfig;
}

export const TEMPLATES: readonly Template[] = [
  {
    key: "nps-order",
    name: "NPS after an order",
    description: "Asks how likely buyers are to recommend you, 2 s after the order is confirmed.",
    survey: {
      id: "nps-order",
      type: "nps",
      touchpoint: "order_confirmation",
      copy: {
        question: "How likely are you to recommend us to a friend or colleague?",
        followUp: {
          detractor: "What disappointed you?",
          passive: "What would make it a 10?",
          promoter: "What did you like most?",
        },
        thanks: "Thank you! Your answer helps us improve.",
      },
      trigger: { on: "event", event: "order_completed", delay: 2 },
      frequency: { afterAnswerDays: 90, afterDismissDays: 30 },
    },
  },
  {
    key: "csat-help",
    name: "CSAT at the end of a help article",
    description: "Asks whether the article helped, once its end has been read.",
    survey: {
      id: "csat-help",
      type: "csat",
      touchpoint: "help_article",
      copy: { question: "Was this article helpful?", followUp: { low: "What was missing?" } },
      trigger: { on: "scroll", percent: 90, url: "/help/*" },
      frequency: { afterAnswerDays: 30 },
    },
  },
  {
    key: "ces-support",
    name: "CES after a support request",
    description: "Asks how easy it was to get help, right after the request is sent.",
    survey: {
      id: "ces-support",
      type: "ces",
      touchpoint: "support_contact",
      copy: {
        question: "We made it easy to get help today.",
        followUp: { low: "What made it harder than it should be?" },
      },
      trigger: { on: "event", event: "support_request_sent" },
    },
  },
  {
    key: "nps-returning",
    name: "NPS on a returning visit",
    description: "Welcomes visitors back on their third session and asks the NPS question.",
    survey: {
      id: "nps-returning",
      type: "nps",
      touchpoint: "returning_visit",
      copy: {
        question: "Welcome back! How likely are you to recommend us to a friend?",
        followUp: "What would make us better for you?",
      },
      trigger: { on: "pageview", delay: 3 },
      audience: { sessions: { gte: 3 } },
      frequency: { afterAnswerDays: 180, afterDismissDays: 60 },
    },
  },
  {
    key: "scratch",
    name: "From scratch",
    description: "An NPS question on page view, for you to shape.",
    survey: {
      id: "survey",
      type: "nps",
      touchpoint: "touchpoint",
      copy: { question: "How likely are you to recommend us to a friend or colleague?" },
      trigger: { on: "pageview" },
    },
  },
];

/** `base`, or `base-2`, `base-3`… whichever no survey uses yet. */
export function freeId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
