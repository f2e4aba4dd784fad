import type { AnsweredPayload, PromptEventPayload } from "../api";
import type { SurveyConfig, ThemeConfig } from "../config/types";
import type { VariantLabel } from "../experiment/variant";
import type { MountedPrompt, PromptModel, UiModule } from "../ui/types";
import type { EventKind, TouchpointEvent } from "../wire/event";
import type { Identity } from "./identity";

export interface PromptContext {
  document: Document;
  siteKey: string;
  locale: string;
  theme: ThemeConfig;
  identity: () => Identity;
  now: () => number;
  uuid: () => string;
  loadUi: () => Promise<UiModule>;
  /** Writes the event durably; resolves when it is safe to thank the visitor. */
  record: (event: TouchpointEvent) => Promise<void>;
  stamp: (surveyId: string, clock: "shownAt" | "dismissedAt" | "answeredAt") => void;
  emit: {
    (event: "shown" | "dismissed", payload: PromptEventPayload): void;
    (event: "answered", payload: AnsweredPayload): void;
  };
  onClosed: () => void;
}

/** `identify()` trait holding the contact, per kind of field, when the survey names none. */
const CONTACT_TRAITS = { email: "email", tel: "phone", text: "contact" } as const;

/** Renders one survey's prompt and turns what the visitor does into durable events. */
export async function openPrompt(
  ctx: PromptContext,
  survey: SurveyConfig,
  label: VariantLabel = { variant: "control" },
): Promise<MountedPrompt> {
  const ui = await ctx.loadUi();
  const { variant } = label;
  const base = { surveyId: survey.id, touchpoint: survey.touchpoint, variant };
  const { location } = ctx.document;
  const url = location ? location.origin + location.pathname : "";

  const makeEvent = (kind: EventKind, id = ctx.uuid()): TouchpointEvent => {
    const who = ctx.identity();
    return {
      id,
      kind,
      siteKey: ctx.siteKey,
      surveyId: survey.id,
      surveyType: survey.type,
      touchpoint: survey.touchpoint,
      ...label,
      createdAt: new Date(ctx.now()).toISOString(),
      visitorId: who.visitorId,
      ...(who.userId ? { userId: who.userId } : {}),
      sessionId: who.sessionId,
      url,
      locale: ctx.locale,
      sdkVersion: __TOUCHPOINT_VERSION__,
    };
  };

  // The answer's id is fixed when the prompt opens, so a double submit or a later comment
  // rewrites the same event instead of creating a second answer.
  let answer: TouchpointEvent | undefined;
  const answerId = ctx.uuid();

  const mounted = ui.mount(ctx.document, promptModel(ctx, survey, ctx.identity().traits), {
    answer: async (score) => {
      answer = { ...makeEvent("answer", answerId), score };
      await ctx.record(answer);
      ctx.stamp(survey.id, "answeredAt");
      ctx.emit("answered", { ...base, score, eventId: answerId });
    },
    comment: async (step) => {
      if (!answer) return;
      // The UI bounds both to the wire's limits (wire/limits.ts), so the engine and the UI
      // chunk share no module (which would make a third chunk to fetch).
      const comment = step.comment.trim();
      // Consent and contact only when the box was ticked: nothing about contact otherwise.
      const contact = step.consent ? step.contact.trim() : "";
      if (!comment && !step.consent) return;
      answer = {
        ...answer,
        ...(comment ? { comment } : {}),
        ...(step.consent ? { consent: true } : {}),
        ...(contact ? { contact } : {}),
      };
      await ctx.record(answer);
      ctx.emit("answered", {
        ...base,
        score: answer.score ?? 0,
        ...(comment ? { comment } : {}),
        ...(step.consent ? { consent: true } : {}),
        eventId: answerId,
      });
    },
    dismiss: () => {
      void ctx.record(makeEvent("dismissal"));
      ctx.stamp(survey.id, "dismissedAt");
      ctx.emit("dismissed", base);
    },
    closed: ctx.onClosed,
  });
  // The impression counts once the prompt is visible: it waits while a host modal is open.
  void mounted.shown.then((visible) => {
    if (!visible) return;
    void ctx.record(makeEvent("impression"));
    ctx.stamp(survey.id, "shownAt");
    ctx.emit("shown", base);
  });
  return mounted;
}

/** What the UI chunk needs to render a survey, with the visitor's languages in order. */
export function promptModel(
  ctx: Pick<PromptContext, "document" | "locale" | "theme">,
  survey: SurveyConfig,
  traits: Record<string, unknown> = {},
): PromptModel {
  const { documentElement, defaultView } = ctx.document;
  const field = survey.contact?.field ?? "email";
  const known = traits[survey.contact?.trait ?? CONTACT_TRAITS[field]];
  return {
    surveyId: survey.id,
    type: survey.type,
    locale: ctx.locale,
    languages: [documentElement.lang, ...(defaultView?.navigator.languages ?? [])],
    copy: survey.copy,
    copyLocale: survey.locale,
    locales: survey.locales,
    theme: ctx.theme,
    placement: survey.placement,
    scale: survey.scale,
    submitOnTap: survey.submitOnTap,
    contact: survey.contact && {
      segments: survey.contact.segments ?? ["detractor", "low"],
      field,
      known: typeof known === "string" && known.trim() !== "",
    },
  };
}
