// The live preview: the SDK's own prompt for the chosen step, variant, language, scheme and width.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { SurveyConfig, TouchpointConfig } from "../../src/config/types";
import { Frame } from "./Frame";
import { NO_COLLECTOR, PREVIEW_SITE, type Request, type Step } from "./protocol";
import { RTL } from "./SurveyForm";

/** A score in each segment, so each segment's follow-up and thanks can be seen. */
const SEGMENT_SCORES: Record<string, ReadonlyArray<readonly [string, number]>> = {
  nps: [
    ["Detractor (3)", 3],
    ["Passive (7)", 7],
    ["Promoter (10)", 10],
  ],
  csat: [
    ["Low (2)", 2],
    ["High (5)", 5],
  ],
  ces: [
    ["Low (3)", 3],
    ["High (6)", 6],
  ],
};
/** The frame's real layout size per width choice, in CSS pixels. */
const FRAME_SIZES = { desktop: { width: 1024, height: 640 }, phone: { width: 375, height: 667 } };
/** Milliseconds of quiet typing before the preview reloads. */
const SETTLE_MS = 300;

/** The draft reduced to one survey that only `show()` opens, storing and sending nothing. */
export function previewConfig(
  draft: TouchpointConfig,
  survey: SurveyConfig,
  locale: string,
  scheme: string,
): TouchpointConfig {
  const locales =
    locale && survey.locales?.[locale] ? { locale } : draft.locale ? { locale: draft.locale } : {};
  return {
    siteKey: PREVIEW_SITE,
    collector: NO_COLLECTOR,
    requireConsent: true,
    ...locales,
    theme: { ...draft.theme, colorScheme: scheme as "light" | "dark" },
    surveys: [{ ...survey, enabled: true, trigger: { on: "manual" } }],
  };
}

function Choice(props: {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (v: string) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Preview(props: { draft: TouchpointConfig; survey: SurveyConfig }) {
  const { survey } = props;
  const [step, setStep] = useState<Step>("question");
  const [variant, setVariant] = useState("");
  const [locale, setLocale] = useState("");
  const [scheme, setScheme] = useState("light");
  const [width, setWidth] = useState("desktop");
  const scores = SEGMENT_SCORES[survey.type] ?? SEGMENT_SCORES.nps ?? [];
  const [score, setScore] = useState(String(scores[0]?.[1] ?? 3));
  const [state, setState] = useState("Loading the preview…");
  const wanted = useMemo<Request>(
    () => ({
      kind: "show",
      config: previewConfig(props.draft, survey, locale, scheme),
      surveyId: survey.id,
      ...(variant ? { variant } : {}),
      step,
      score: Number(score),
    }),
    [props.draft, survey, locale, scheme, variant, step, score],
  );
  const [request, setRequest] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setRequest(wanted), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [wanted]);
  const stage = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState(800);
  useEffect(() => {
    const element = stage.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setRoom(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const size = FRAME_SIZES[width === "phone" ? "phone" : "desktop"];
  // The page is laid out at its real width and scaled down to fit, never cropped.
  const scale = Math.min(1, room / size.width);
  const locales = Object.keys(survey.locales ?? {});
  const variants = (survey.variants ?? []).map((v) => v.key);
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">Live preview</h3>
      <div class="preview-controls">
        <Choice
          id="preview-step"
          label="Step"
          value={step}
          onChange={(v) => setStep(v as Step)}
          options={[
            ["question", "Question"],
            ["followUp", "Follow-up"],
            ["thanks", "Thank-you"],
          ]}
        />
        {step !== "question" && (
          <Choice
            id="preview-score"
            label="Answer"
            value={score}
            onChange={setScore}
            options={scores.map(([label, n]) => [String(n), label] as const)}
          />
        )}
        <Choice
          id="preview-variant"
          label="Variant"
          value={variant}
          onChange={setVariant}
          options={[["", "Visitor's own (control)"], ...variants.map((v) => [v, v] as const)]}
        />
        <Choice
          id="preview-locale"
          label="Language"
          value={locale}
          onChange={setLocale}
          options={[
            ["", "Default copy"],
            ...locales.map((l) => [l, RTL.test(l) ? `${l} (right to left)` : l] as const),
          ]}
        />
        <Choice
          id="preview-scheme"
          label="Scheme"
          value={scheme}
          onChange={setScheme}
          options={[
            ["light", "Light"],
            ["dark", "Dark"],
          ]}
        />
        <Choice
          id="preview-width"
          label="Width"
          value={width}
          onChange={setWidth}
          options={[
            ["desktop", "Desktop (1024 px)"],
            ["phone", "Phone (375 px)"],
          ]}
        />
      </div>
      <p class="hint" role="status">
        {state}
      </p>
      <div class="preview-stage" ref={stage} style={{ height: `${size.height * scale}px` }}>
        <Frame
          request={request}
          title={`Preview of ${survey.id}`}
          class="preview-frame"
          style={{
            width: `${size.width}px`,
            height: `${size.height}px`,
            transform: `scale(${scale})`,
          }}
          onReply={(reply) => {
            if (reply.kind !== "shown") return;
            setState(
              reply.ok
                ? `Showing ${survey.id}${variant ? `, variant ${variant}` : ""}${locale ? `, in ${locale}` : ""}: ${step === "question" ? "the question" : step === "followUp" ? "the follow-up" : "the thank-you"}${scale < 1 ? `, at ${Math.round(scale * 100)}% size` : ""}.`
                : `The preview cannot show this survey yet. ${reply.error ?? ""}`,
            );
          }}
        />
      </div>
    </section>
  );
}
