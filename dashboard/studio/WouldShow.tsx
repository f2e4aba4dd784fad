// "Would it show?": a simulated visitor, page and events; the engine's own explain() per survey.
import { useState } from "preact/hooks";
import type { Explanation } from "../../src/api";
import type { SurveyConfig, TouchpointConfig } from "../../src/config/types";
import type { Verdict } from "../../src/targeting/eligibility";
import { Frame } from "./Frame";
import { type Device, EXPLAIN_SITE, NO_COLLECTOR, type Request } from "./protocol";

const SIGNAL_WORDS: Record<string, string> = {
  click: "a click on the element",
  visible: "the element coming into view",
  scroll: "scrolling far enough",
  dwell: "enough time on the page",
  idle: "the visitor going idle",
  exit: "exit intent",
};

/** Whether the trigger fires for these events: the one rule the studio words itself. */
export function triggerVerdict(survey: SurveyConfig, events: readonly string[]): Verdict {
  const t = survey.trigger;
  if (t.on === "pageview") return { rule: "trigger", ok: true, detail: "fires on the page view" };
  if (t.on === "manual")
    return { rule: "trigger", ok: false, detail: "manual: only show(id) shows it" };
  if (t.on === "event") {
    const sent = t.event !== undefined && events.includes(t.event);
    const where = t.where ? " (its property conditions are not checked here)" : "";
    return {
      rule: "trigger",
      ok: sent,
      detail: sent ? `event "${t.event}" sent${where}` : `event "${t.event}" not sent`,
    };
  }
  return {
    rule: "trigger",
    ok: true,
    detail: `fires on ${SIGNAL_WORDS[t.on] ?? t.on}, once it happens on the page`,
  };
}

/** The whole draft, every survey left to `show()` only, so the check itself shows nothing. */
function explainConfig(draft: TouchpointConfig): TouchpointConfig {
  const { configUrl: _c, chunksUrl: _u, ...rest } = draft;
  return {
    ...rest,
    siteKey: EXPLAIN_SITE,
    collector: NO_COLLECTOR,
    requireConsent: false,
    debug: false,
    surveys: (draft.surveys ?? []).map((s) => ({
      ...s,
      trigger: {
        on: "manual",
        ...(s.trigger?.url !== undefined ? { url: s.trigger.url } : {}),
        ...(s.trigger?.sequence ? { sequence: s.trigger.sequence } : {}),
      },
    })),
  };
}

const optionalNumber = (raw: string) => (raw.trim() === "" ? undefined : Number(raw));

export function WouldShow(props: { draft: TouchpointConfig; selected: string }) {
  const surveys = props.draft.surveys ?? [];
  const [url, setUrl] = useState("/");
  const [events, setEvents] = useState("");
  const [device, setDevice] = useState<Device>("desktop");
  const [sessions, setSessions] = useState("1");
  const [pages, setPages] = useState("1");
  const [shownSession, setShownSession] = useState("0");
  const [about, setAbout] = useState(props.selected);
  const [answered, setAnswered] = useState("");
  const [dismissed, setDismissed] = useState("");
  const [shown, setShown] = useState("");
  const [traits, setTraits] = useState("");
  const [request, setRequest] = useState<Request>();
  const [run, setRun] = useState(0);
  const [result, setResult] = useState<{
    explanations: Explanation[];
    error?: string;
    events: string[];
  }>();
  const [problem, setProblem] = useState<string>();

  const check = (e: Event) => {
    e.preventDefault();
    let parsedTraits: Record<string, unknown> = {};
    try {
      parsedTraits = traits.trim() ? (JSON.parse(traits) as Record<string, unknown>) : {};
    } catch (error) {
      setProblem(`Traits: not valid JSON (${(error as Error).message}).`);
      return;
    }
    setProblem(undefined);
    const sent = events
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const fired = surveys
      .filter((s) => s.trigger?.on === "event" && sent.includes(s.trigger.event ?? ""))
      .map((s) => s.id);
    setResult(undefined);
    setRequest({
      kind: "explain",
      config: explainConfig(props.draft),
      url,
      device,
      history: {
        sessions: Math.max(1, Number(sessions) || 1),
        pages: Math.max(1, Number(pages) || 1),
        shownThisSession: Math.max(0, Number(shownSession) || 0),
        surveyId: about || props.selected,
        answeredDaysAgo: optionalNumber(answered),
        dismissedDaysAgo: optionalNumber(dismissed),
        shownDaysAgo: optionalNumber(shown),
        fired,
        traits: parsedTraits,
      },
    });
    setResult({ explanations: [], events: sent });
    setRun((n) => n + 1);
  };

  const input = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    type: "text" | "number" = "text",
    hint?: string,
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        {...(type === "number" ? { type: "number", min: 0 } : { type: "text" })}
        value={value}
        onInput={(e) => set(e.currentTarget.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );

  return (
    <section class="would-show" aria-labelledby="would-title">
      <h3 id="would-title">Would it show?</h3>
      <p class="hint">
        The SDK's engine decides for a visitor you describe, rule by rule, in the words debug mode
        uses. Nothing is shown or sent.
      </p>
      <form onSubmit={check}>
        <div class="row">
          {input("would-url", "Page URL", url, setUrl, "text", "A path, or a URL of your site.")}
          <div class="field">
            <label for="would-events">Events sent on this page (one per line)</label>
            <textarea
              id="would-events"
              rows={2}
              value={events}
              onInput={(e) => setEvents(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="would-device">Device</label>
            <select
              id="would-device"
              value={device}
              onChange={(e) => setDevice(e.currentTarget.value as Device)}
            >
              <option value="desktop">Desktop</option>
              <option value="mobile">Mobile</option>
              <option value="tablet">Tablet</option>
            </select>
          </div>
        </div>
        <div class="row">
          {input(
            "would-sessions",
            "Sessions so far (this one included)",
            sessions,
            setSessions,
            "number",
          )}
          {input(
            "would-pages",
            "Pages this session (this one included)",
            pages,
            setPages,
            "number",
          )}
          {input(
            "would-shown-session",
            "Prompts already shown this session",
            shownSession,
            setShownSession,
            "number",
          )}
        </div>
        <div class="row">
          <div class="field">
            <label for="would-about">History with survey</label>
            <select
              id="would-about"
              value={about || props.selected}
              onChange={(e) => setAbout(e.currentTarget.value)}
            >
              {surveys.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}
                </option>
              ))}
            </select>
          </div>
          {input(
            "would-answered",
            "Answered it (days ago)",
            answered,
            setAnswered,
            "number",
            "Empty: never.",
          )}
          {input(
            "would-dismissed",
            "Dismissed it (days ago)",
            dismissed,
            setDismissed,
            "number",
            "Empty: never.",
          )}
          {input(
            "would-shown",
            "Last shown (days ago)",
            shown,
            setShown,
            "number",
            "Empty: when answered or dismissed.",
          )}
        </div>
        {input(
          "would-traits",
          "Traits from identify() (JSON)",
          traits,
          setTraits,
          "text",
          'e.g. { "plan": "pro" }',
        )}
        {problem && <p class="field-problems">{problem}</p>}
        <button type="submit">Check every survey</button>
      </form>
      {request && (
        <Frame
          request={request}
          run={run}
          title="Engine running the check (nothing visible)"
          class="explain-frame"
          onReply={(reply) => {
            if (reply.kind === "explained")
              setResult((r) => ({
                events: r?.events ?? [],
                explanations: reply.explanations,
                ...(reply.error ? { error: reply.error } : {}),
              }));
          }}
        />
      )}
      <div aria-live="polite" class="verdicts">
        {result?.error && <p class="field-problems">{result.error}</p>}
        {request && result && result.explanations.length === 0 && !result.error && (
          <p class="hint">Asking the engine…</p>
        )}
        {result?.explanations.map((x) => {
          const survey = surveys.find((s) => s.id === x.surveyId);
          const trigger = survey ? triggerVerdict(survey, result.events) : undefined;
          const verdicts = trigger ? [trigger, ...x.verdicts] : x.verdicts;
          const shows = verdicts.every((v) => v.ok);
          return (
            <div class="verdict" key={x.surveyId}>
              <h4>
                {x.surveyId}:{" "}
                <span class={shows ? "yes" : "no"}>{shows ? "would show" : "would not show"}</span>
              </h4>
              <ul>
                {verdicts.map((v) => (
                  <li key={v.rule} class={v.ok ? "pass" : "fail"}>
                    <span class="mark">{v.ok ? "pass" : "fail"}</span> {v.rule}: {v.detail}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}
