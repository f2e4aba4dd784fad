// Every option of one survey, grouped the way a product team thinks about it.
import { useState } from "preact/hooks";
import type { SurveyConfig } from "../../src/config/types";
import type { SurveyType } from "../../src/wire/event";
import { CopyFields } from "./CopyFields";
import { useField } from "./editor";
import { CheckField, Group, JsonField, NumberField, SelectField, TextField } from "./fields";
import { TriggerFields } from "./TriggerFields";
import { Variants } from "./Variants";

export const POSITIONS = [
  ["bottom-right", "Bottom right"],
  ["bottom-left", "Bottom left"],
  ["top-right", "Top right"],
  ["top-left", "Top left"],
  ["bottom-bar", "Bar at the bottom"],
  ["top-bar", "Bar at the top"],
  ["center", "Centre"],
] as const;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** Languages written right to left, flagged in the language picker. */
export const RTL = /^(ar|he|fa|ur)(-|$)/i;

function Days(props: { index: number }) {
  const f = useField(["surveys", props.index, "schedule", "days"], true);
  const chosen = Array.isArray(f.value) ? (f.value as string[]) : [];
  return (
    <fieldset class="choice">
      <legend>Days (none ticked: every day)</legend>
      {DAYS.map((day) => (
        <label key={day}>
          <input
            type="checkbox"
            checked={chosen.includes(day)}
            onChange={(e) => {
              const next = e.currentTarget.checked
                ? DAYS.filter((d) => d === day || chosen.includes(d))
                : chosen.filter((d) => d !== day);
              f.set(next.length ? next : undefined);
            }}
          />{" "}
          {day}
        </label>
      ))}
    </fieldset>
  );
}

function Languages(props: { index: number; type: SurveyType }) {
  const f = useField(["surveys", props.index, "locales"]);
  const locales = Object.keys((f.value as Record<string, unknown>) ?? {});
  const [editing, setEditing] = useState("");
  const [code, setCode] = useState("");
  const current = locales.includes(editing) ? editing : "";
  return (
    <>
      <Group
        title="Languages"
        intro="The default copy, and the same copy in other languages (the visitor's language picks one; right-to-left languages are laid out right to left)."
      >
        <div class="row">
          <div class="field">
            <label for={`locale-pick-${props.index}`}>Copy being edited</label>
            <select
              id={`locale-pick-${props.index}`}
              value={current}
              onChange={(e) => setEditing(e.currentTarget.value)}
            >
              <option value="">Default copy</option>
              {locales.map((l) => (
                <option key={l} value={l}>
                  {l}
                  {RTL.test(l) ? " (right to left)" : ""}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`locale-add-${props.index}`}>Add a language (code, e.g. fr or ar)</label>
            <div class="with-button">
              <input
                id={`locale-add-${props.index}`}
                type="text"
                value={code}
                onInput={(e) => setCode(e.currentTarget.value.trim())}
              />
              <button
                type="button"
                disabled={!code || locales.includes(code)}
                onClick={() => {
                  f.set({ ...((f.value as object) ?? {}), [code]: { question: "" } });
                  setEditing(code);
                  setCode("");
                }}
              >
                Add
              </button>
            </div>
          </div>
          {current && (
            <button
              type="button"
              class="secondary"
              onClick={() => {
                const { [current]: _removed, ...rest } = (f.value as Record<string, unknown>) ?? {};
                f.set(Object.keys(rest).length ? rest : undefined);
                setEditing("");
              }}
            >
              Remove {current}
            </button>
          )}
        </div>
        <TextField
          label="Language of the default copy"
          path={["surveys", props.index, "locale"]}
          hint="Default: the visitor's."
        />
      </Group>
      {current ? (
        <CopyFields
          key={current}
          title={`Copy in ${current}`}
          path={["surveys", props.index, "locales", current]}
          type={props.type}
          partial
        />
      ) : (
        <CopyFields title="Copy" path={["surveys", props.index, "copy"]} type={props.type} />
      )}
    </>
  );
}

export function SurveyForm(props: { index: number; survey: SurveyConfig; ids: string[] }) {
  const s = (...rest: Array<string | number>) => ["surveys", props.index, ...rest];
  const type = (
    ["nps", "csat", "ces"].includes(props.survey.type) ? props.survey.type : "nps"
  ) as SurveyType;
  return (
    <div class="survey-form">
      <Group title="Survey">
        <div class="row">
          <TextField
            label="Id"
            path={s("id")}
            hint="Unique; sent with every event. Changing it starts the survey's history afresh."
          />
          <SelectField
            label="Question type"
            path={s("type")}
            options={[
              ["nps", "NPS (0-10)"],
              ["csat", "CSAT (1-5)"],
              ["ces", "CES (1-7)"],
            ]}
          />
          <TextField
            label="Touchpoint"
            path={s("touchpoint")}
            hint="Journey step, e.g. order_confirmation."
          />
        </div>
        <div class="row">
          <CheckField label="On (showing to visitors)" path={s("enabled")} defaultValue={true} />
          <CheckField label="Submit on tap" path={s("submitOnTap")} defaultValue={false} />
          {type === "csat" && (
            <SelectField
              label="Scale"
              path={s("scale")}
              optional="Numbers"
              options={[
                ["stars", "Stars"],
                ["faces", "Faces"],
              ]}
            />
          )}
        </div>
      </Group>
      <Languages index={props.index} type={type} />
      <TriggerFields
        path={s("trigger")}
        otherIds={props.ids.filter((id) => id !== props.survey.id)}
      />
      <Group title="Audience and schedule">
        <div class="row">
          <SelectField
            label="Device"
            path={s("audience", "device")}
            optional="Any device"
            options={[
              ["mobile", "Mobile"],
              ["tablet", "Tablet"],
              ["desktop", "Desktop"],
            ]}
          />
          <NumberField
            label="At least this many sessions"
            path={s("audience", "sessions", "gte")}
            min={1}
            hint="3: from the third visit on."
          />
          <NumberField
            label="At least this many pages this session"
            path={s("audience", "pages", "gte")}
            min={1}
          />
        </div>
        <JsonField
          label="All audience conditions (JSON)"
          path={s("audience")}
          hint='Empty: everyone. e.g. { "device": "mobile", "sessions": { "gte": 3 }, "trait.plan": { "in": ["pro"] } }'
        />
        <div class="row">
          <TextField
            label="Start (ISO date or time)"
            path={s("schedule", "start")}
            placeholder="2026-12-01"
          />
          <TextField
            label="End (ISO date or time)"
            path={s("schedule", "end")}
            placeholder="2026-12-31"
          />
          <TextField
            label="Time zone"
            path={s("schedule", "timeZone")}
            placeholder="Europe/Paris"
            hint="Default: the visitor's."
          />
        </div>
        <Days index={props.index} />
        <div class="row">
          <NumberField label="From hour" path={s("schedule", "hours", "from")} min={0} max={23} />
          <NumberField label="To hour" path={s("schedule", "hours", "to")} min={0} max={24} />
        </div>
      </Group>
      <Group
        title="How often"
        intro="The survey's own clocks, then the site-wide policy (Site settings), which this survey may override."
      >
        <div class="row">
          <NumberField
            label="Days after an answer"
            path={s("frequency", "afterAnswerDays")}
            min={0}
            hint="Default 90."
          />
          <NumberField
            label="Days after a dismissal"
            path={s("frequency", "afterDismissDays")}
            min={0}
            hint="Default 14."
          />
          <NumberField
            label="Days after an ignored prompt"
            path={s("frequency", "afterShownDays")}
            min={0}
            hint="Default 1."
          />
        </div>
        <div class="row">
          <NumberField
            label="Days between impressions"
            path={s("frequency", "repeatDays")}
            min={0}
            hint="Default: no limit."
          />
          <NumberField
            label="Stop after this many ignored"
            path={s("frequency", "maxIgnored")}
            min={1}
          />
          <NumberField
            label="Stop after this many answers"
            path={s("frequency", "maxAnswers")}
            min={1}
          />
        </div>
        <div class="row">
          <NumberField
            label="Sampled visitors (%)"
            path={s("percent")}
            min={1}
            max={100}
            hint="Default 100."
          />
          <NumberField
            label="Priority"
            path={s("priority")}
            min={-1000}
            max={1000}
            hint="Highest shows first when several are due. Default 0."
          />
          <NumberField
            label="This survey: prompts per session"
            path={s("policy", "maxPerSession")}
            min={1}
            hint="Overrides the site's."
          />
        </div>
        <div class="row">
          <NumberField
            label="This survey: prompts per day"
            path={s("policy", "maxPerDay")}
            min={1}
            hint="Overrides the site's."
          />
          <NumberField
            label="This survey: days between any two prompts"
            path={s("policy", "minDaysBetween")}
            min={0}
            hint="Overrides the site's."
          />
        </div>
      </Group>
      <Group title="Placement">
        <div class="row">
          <SelectField
            label="Position"
            path={s("placement", "position")}
            optional="The site's theme position"
            options={POSITIONS}
          />
          <TextField
            label="Next to element (CSS selector)"
            path={s("placement", "anchor")}
            placeholder="#help-footer"
          />
          <SelectField
            label="Side of the element"
            path={s("placement", "side")}
            optional="Bottom"
            options={[
              ["top", "Top"],
              ["bottom", "Bottom"],
              ["left", "Left"],
              ["right", "Right"],
            ]}
          />
          <NumberField
            label="Gap to the element (px)"
            path={s("placement", "offset")}
            min={0}
            hint="Default 8."
          />
        </div>
      </Group>
      <Variants index={props.index} type={type} />
    </div>
  );
}
