// The site's surveys in journey order, with status and live figures; create from a template.
import { useState } from "preact/hooks";
import type { SurveyConfig } from "../../src/config/types";
import type { SummaryRow } from "../../src/server/queries";
import { formatCount } from "../format";
import { TEMPLATES } from "./templates";

/** on, off or scheduled, as a product team says it. */
export function statusOf(
  survey: SurveyConfig,
  now = Date.now(),
): "on" | "off" | "scheduled" | "ended" {
  if (survey.enabled === false) return "off";
  const s = survey.schedule;
  if (!s) return "on";
  if (s.end && Date.parse(s.end) <= now) return "ended";
  if ((s.start && Date.parse(s.start) > now) || s.days || s.hours) return "scheduled";
  return "on";
}

function figures(survey: SurveyConfig, rows: readonly SummaryRow[]): string {
  const mine = rows.filter((r) => r.surveyId === survey.id);
  const shown = mine.reduce((n, r) => n + r.impressions, 0);
  const answers = mine.reduce((n, r) => n + r.answers, 0);
  if (!shown && !answers) return "no data yet";
  const sum = (pick: (r: SummaryRow) => number) => mine.reduce((n, r) => n + pick(r), 0);
  let score = "";
  if (answers && survey.type === "nps") {
    score = `, NPS ${Math.round(((sum((r) => r.promoters) - sum((r) => r.detractors)) / answers) * 100)}`;
  } else if (answers && survey.type === "csat") {
    score = `, CSAT ${Math.round((sum((r) => r.csatSatisfied) / answers) * 100)}%`;
  } else if (answers && survey.type === "ces") {
    score = `, CES ${(sum((r) => r.cesSum) / answers).toFixed(1)}`;
  }
  return `${formatCount(shown)} shown, ${formatCount(answers)} answers${score}`;
}

/** Indexes of the surveys, ordered by the journey (touchpoints it does not name keep config order). */
export function journeyOrder(
  surveys: readonly SurveyConfig[],
  journey: readonly string[],
): number[] {
  const rank = (s: SurveyConfig) => {
    const at = journey.indexOf(s.touchpoint);
    return at < 0 ? journey.length : at;
  };
  return surveys
    .map((_, i) => i)
    .sort((a, b) => rank(surveys[a] as SurveyConfig) - rank(surveys[b] as SurveyConfig) || a - b);
}

export function SurveyList(props: {
  surveys: readonly SurveyConfig[];
  journey: readonly string[];
  rows: readonly SummaryRow[];
  selected: number;
  onSelect: (index: number) => void;
  onCreate: (templateKey: string) => void;
}) {
  const [template, setTemplate] = useState(TEMPLATES[0]?.key ?? "scratch");
  const chosen = TEMPLATES.find((t) => t.key === template);
  return (
    <nav class="survey-list" aria-label="Surveys">
      <h2>Surveys</h2>
      <ol>
        <li>
          <button
            type="button"
            class="survey-item"
            aria-current={props.selected === -1 ? "true" : undefined}
            onClick={() => props.onSelect(-1)}
          >
            <span class="name">Site settings</span>
            <span class="meta">policy across surveys, theme, collector</span>
          </button>
        </li>
        {journeyOrder(props.surveys, props.journey).map((i) => {
          const s = props.surveys[i] as SurveyConfig;
          const status = statusOf(s);
          return (
            <li key={i}>
              <button
                type="button"
                class="survey-item"
                aria-current={props.selected === i ? "true" : undefined}
                onClick={() => props.onSelect(i)}
              >
                <span class="name">
                  {s.touchpoint || "(no touchpoint)"} <span class="muted">{s.id}</span>
                </span>
                <span class="meta">
                  <span class={`status ${status}`}>{status}</span>{" "}
                  {String(s.type ?? "").toUpperCase()} · {figures(s, props.rows)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <div class="create">
        <label for="studio-template">New survey</label>
        <select
          id="studio-template"
          value={template}
          onChange={(e) => setTemplate(e.currentTarget.value)}
          aria-describedby="studio-template-hint"
        >
          {TEMPLATES.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
        <p class="hint" id="studio-template-hint">
          {chosen?.description}
        </p>
        <button type="button" onClick={() => props.onCreate(template)}>
          Create survey
        </button>
      </div>
    </nav>
  );
}
