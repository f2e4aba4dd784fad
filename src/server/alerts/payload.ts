import { SCALES, segmentOf } from "../../wire/scale";
import type { DueAlert } from "./outbox";

/** The JSON body of a generic webhook alert (Standard Webhooks' `type`, `timestamp`, `data`). */
export interface AlertPayload {
  type: DueAlert["type"];
  /** When this attempt was made (ISO 8601). */
  timestamp: string;
  data: {
    /** The answer's event id: one answer, one id, across retries and updates. */
    eventId: string;
    rule: string;
    siteKey: string;
    surveyId: string;
    surveyType: string;
    touchpoint: string;
    variant: string;
    score: number;
    segment: string;
    /** The follow-up comment, or null when none arrived (yet). */
    comment: string | null;
    /** True only when the visitor ticked "May we contact you about this?". */
    consent: boolean;
    /** Only with consent, when the visitor typed one. */
    contact?: string;
    /** The id the site gave `identify()`, when it did. */
    userId?: string;
    page: string;
    locale: string;
    answeredAt: string;
    /** The answer in the dashboard's follow-up inbox. */
    dashboardUrl: string;
  };
}

/** Link to one answer in the follow-up inbox. */
export function inboxLink(dashboardUrl: string, alert: DueAlert): string {
  const url = new URL(dashboardUrl);
  url.searchParams.set("site", alert.siteKey);
  url.hash = `followup-${alert.eventId}`;
  return url.href;
}

export function webhookPayload(alert: DueAlert, dashboardUrl: string, now: number): AlertPayload {
  const a = alert.answer;
  return {
    type: alert.type,
    timestamp: new Date(now).toISOString(),
    data: {
      eventId: a.id,
      rule: alert.rule,
      siteKey: a.siteKey,
      surveyId: a.surveyId,
      surveyType: a.surveyType,
      touchpoint: a.touchpoint,
      variant: a.variant,
      score: a.score,
      segment: segmentOf(a.surveyType, a.score),
      comment: a.comment,
      consent: a.consent,
      ...(a.consent && a.contact ? { contact: a.contact } : {}),
      ...(a.userId ? { userId: a.userId } : {}),
      page: a.url,
      locale: a.locale,
      answeredAt: a.createdAt,
      dashboardUrl: inboxLink(dashboardUrl, alert),
    },
  };
}

// Slack reads &, < and > as markup in message text.
const slackText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A Slack incoming-webhook message: a plain `text` fallback and the same as one block. */
export function slackPayload(alert: DueAlert, dashboardUrl: string) {
  const a = alert.answer;
  const head = `${alert.type === "feedback.updated" ? "Update: " : ""}${a.surveyType.toUpperCase()} ${a.score}/${SCALES[a.surveyType].max} (${segmentOf(a.surveyType, a.score)}) at ${slackText(a.touchpoint)}`;
  const lines = [
    `*${head}*`,
    a.comment ? `> ${slackText(a.comment).replace(/\n/g, "\n> ")}` : "_No comment_",
    a.consent
      ? `May contact: yes${a.contact ? ` (${slackText(a.contact)})` : a.userId ? ` (user ${slackText(a.userId)})` : ""}`
      : "May contact: no",
    `Variant ${slackText(a.variant)} · ${slackText(a.url)} · rule ${slackText(alert.rule)}`,
    `<${inboxLink(dashboardUrl, alert)}|Open in the follow-up inbox>`,
  ];
  const text = lines.join("\n");
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}
