// The trigger: which signal, its options, timing and the pages it may fire on.
import { useState } from "preact/hooks";
import type { SurveyConfig } from "../../src/config/types";
import { matchesUrl } from "../../src/journey/url";
import { useField } from "./editor";
import {
  CheckField,
  Group,
  JsonField,
  ListField,
  NumberField,
  SelectField,
  TextField,
} from "./fields";
import type { Path } from "./paths";

const SIGNALS = [
  ["pageview", "Page view (and each single-page-app route change)"],
  ["event", "An event sent with track()"],
  ["click", "A click on an element"],
  ["visible", "An element comes into view"],
  ["scroll", "Scrolled down the page"],
  ["dwell", "Time spent on the page"],
  ["idle", "No input for a while"],
  ["exit", "Exit intent"],
  ["manual", "Only show(id)"],
] as const;

const EXIT_CUES = [
  ["top", "Pointer leaves through the top"],
  ["scrollUp", "Fast scroll up (touch)"],
  ["return", "Back after the tab was hidden"],
] as const;

function ExitCues(props: { path: Path }) {
  const f = useField(props.path);
  const chosen = Array.isArray(f.value) ? (f.value as string[]) : [];
  return (
    <fieldset class="choice">
      <legend>Exit cues (none ticked: the defaults for mouse and touch)</legend>
      {EXIT_CUES.map(([cue, label]) => (
        <label key={cue}>
          <input
            type="checkbox"
            checked={chosen.includes(cue)}
            onChange={(e) => {
              const next = e.currentTarget.checked
                ? [...chosen, cue]
                : chosen.filter((c) => c !== cue);
              f.set(next.length ? next : undefined);
            }}
          />{" "}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

const isSimple = (v: unknown) =>
  v === undefined ||
  typeof v === "string" ||
  (Array.isArray(v) && v.every((x) => typeof x === "string"));

/** Include and exclude globs, or JSON for rules with match objects; and a tester. */
function UrlRules(props: { path: Path }) {
  const f = useField(props.path, true);
  const rule = f.value as SurveyConfig["trigger"]["url"];
  const [url, setUrl] = useState("");
  const split =
    rule !== undefined &&
    typeof rule === "object" &&
    !Array.isArray(rule) &&
    ("include" in rule || "exclude" in rule)
      ? (rule as { include?: unknown; exclude?: unknown })
      : { include: rule, exclude: undefined };
  const simple = isSimple(split.include) && isSimple(split.exclude);
  let verdict = "";
  if (url.trim()) {
    try {
      const at = new URL(url.trim(), "https://site.invalid");
      verdict = matchesUrl(rule, at)
        ? `${at.pathname}${at.search}${at.hash} matches: the survey may show there.`
        : `${at.pathname}${at.search}${at.hash} does not match: the survey never shows there.`;
    } catch {
      verdict = "Not a URL or path.";
    }
  }
  const write = (include: unknown, exclude: unknown) => {
    const inc = [include].flat().filter((x): x is string => typeof x === "string");
    const exc = [exclude].flat().filter((x): x is string => typeof x === "string");
    if (!exc.length) f.set(inc.length === 0 ? undefined : inc.length === 1 ? inc[0] : inc);
    else f.set({ ...(inc.length ? { include: inc } : {}), exclude: exc });
  };
  return (
    <Group
      title="Pages"
      intro="Path globs: * matches any characters, e.g. /help/*. No include rule: every page."
    >
      {simple ? (
        <div class="row">
          <Lines
            label="Show on pages matching (one per line)"
            id={`${f.id}-include`}
            value={split.include}
            onChange={(v) => write(v, split.exclude)}
          />
          <Lines
            label="Never on pages matching (one per line)"
            id={`${f.id}-exclude`}
            value={split.exclude}
            onChange={(v) => write(split.include, v)}
          />
        </div>
      ) : (
        <JsonField label="URL rule (JSON, with match objects)" path={props.path} />
      )}
      {simple && f.problems.length > 0 && (
        <ul class="field-problems">
          {f.problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for={`${f.id}-tester`}>Test a URL</label>
        <input
          type="text"
          id={`${f.id}-tester`}
          placeholder="/help/returns?ref=mail"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          aria-describedby={`${f.id}-verdict`}
        />
        <p class="hint" id={`${f.id}-verdict`} aria-live="polite">
          {verdict || "Paste a URL or a path to see whether these rules let the survey show there."}
        </p>
      </div>
    </Group>
  );
}

function Lines(props: {
  label: string;
  id: string;
  value: unknown;
  onChange: (lines: string[]) => void;
}) {
  const text = [props.value]
    .flat()
    .filter((x) => typeof x === "string")
    .join("\n");
  const [draft, setDraft] = useState(text);
  const shown =
    draft
      .split("\n")
      .filter((l) => l.trim())
      .join("\n") === text
      ? draft
      : text;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={2}
        value={shown}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          props.onChange(
            e.currentTarget.value
              .split("\n")
              .map((l) => l.trim())
              .filter(Boolean),
          );
        }}
      />
    </div>
  );
}

export function TriggerFields(props: { path: Path; otherIds: string[] }) {
  const t = (key: string): Path => [...props.path, key];
  const on = useField(t("on")).value as string | undefined;
  return (
    <>
      <Group title="Trigger">
        <SelectField label="Shows when" path={t("on")} options={SIGNALS} />
        {on === "event" && (
          <>
            <TextField label="Event name" path={t("event")} hint='As sent by track("name").' />
            <SelectField
              label="Event remembered"
              path={t("scope")}
              optional="Only on the page it was sent (now)"
              options={[
                ["session", "For the rest of the tab session"],
                ["ever", "Also in later sessions"],
              ]}
            />
            <JsonField
              label="Only when the event's properties match (JSON)"
              path={t("where")}
              hint='e.g. { "total": { "gte": 100 } }'
            />
          </>
        )}
        {(on === "click" || on === "visible" || on === "scroll") && (
          <TextField
            label={
              on === "scroll"
                ? "Scrolling container (CSS selector, optional)"
                : "Element (CSS selector)"
            }
            path={t("selector")}
            placeholder="#checkout"
          />
        )}
        {(on === "visible" || on === "scroll") && (
          <NumberField
            label={on === "scroll" ? "Scrolled down to (%)" : "Share of the element visible (%)"}
            path={t("percent")}
            min={1}
            max={100}
            hint="Default 50."
          />
        )}
        {(on === "dwell" || on === "idle") && (
          <NumberField label="Seconds" path={t("seconds")} min={0} hint="Default 30." />
        )}
        {on === "dwell" && (
          <SelectField
            label="Counted"
            path={t("within")}
            optional="On this page"
            options={[["session", "Since the session's first page"]]}
          />
        )}
        {on === "exit" && <ExitCues path={t("exitOn")} />}
        <div class="row">
          <NumberField
            label="Delay (seconds)"
            path={t("delay")}
            min={0}
            hint="Wait this long after the signal."
          />
          <CheckField
            label="Keep a pending prompt across route changes"
            path={t("persist")}
            defaultValue={false}
          />
        </div>
        <ListField
          label="Cancel a pending prompt on these events (one per line)"
          path={t("cancelOn")}
        />
        <div class="row">
          <SelectField
            label="Only after this survey's trigger fired (sequence)"
            path={[...props.path, "sequence", "after"]}
            optional="No sequence"
            options={props.otherIds.map((id) => [id, id] as const)}
          />
          <NumberField
            label="…within (minutes)"
            path={[...props.path, "sequence", "within"]}
            min={1}
            hint="Default 30."
          />
        </div>
      </Group>
      <UrlRules path={t("url")} />
    </>
  );
}
