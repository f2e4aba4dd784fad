// The whole draft as JSON, editable, kept in sync with the form, with problems by line.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { TouchpointConfig } from "../../src/config/types";
import { apiFetch } from "../http";
import type { Problem } from "./api";
import { type Completion, completions, type Schema } from "./complete";
import { lineOf, prettyJson } from "./pretty";

/** Completions listed at once; typing a few letters narrows them. */
const MAX_COMPLETIONS = 40;

function selectLine(area: HTMLTextAreaElement, line: number): void {
  const starts = [0];
  for (const [i, l] of area.value.split("\n").entries())
    starts.push((starts[i] ?? 0) + l.length + 1);
  area.focus();
  area.setSelectionRange(starts[line - 1] ?? 0, (starts[line] ?? area.value.length) - 1);
}

export function JsonView(props: {
  draft: TouchpointConfig;
  problems: readonly Problem[];
  onChange: (config: TouchpointConfig) => void;
}) {
  const pretty = useMemo(() => prettyJson(props.draft), [props.draft]);
  const [text, setText] = useState(pretty.text);
  const [syntax, setSyntax] = useState<string>();
  const area = useRef<HTMLTextAreaElement>(null);
  const own = useRef(false);
  const [schema, setSchema] = useState<Schema>();
  const [caret, setCaret] = useState(0);
  useEffect(() => {
    apiFetch(new URL("config.schema.json", document.baseURI).href)
      .then((r) => (r.ok ? (r.json() as Promise<Schema>) : undefined))
      .then(setSchema, () => undefined);
  }, []);
  const suggest = schema ? completions(schema, text, caret) : undefined;

  function apply(next: string): void {
    setText(next);
    try {
      const parsed: unknown = JSON.parse(next);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        setSyntax("The config must be a JSON object.");
        return;
      }
      setSyntax(undefined);
      own.current = true;
      props.onChange(parsed as TouchpointConfig);
    } catch (error) {
      setSyntax(
        `Not valid JSON: ${(error as Error).message}. The form keeps the last valid version.`,
      );
    }
  }

  function insert(completion: Completion): void {
    if (!suggest) return;
    const next = text.slice(0, suggest.at.from) + completion.insert + text.slice(caret);
    const at = suggest.at.from + completion.insert.length;
    apply(next);
    setCaret(at);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
    });
  }
  useEffect(() => {
    // A change made here is already in the text; one made in the form replaces it.
    if (own.current) own.current = false;
    else {
      setText(pretty.text);
      setSyntax(undefined);
    }
  }, [pretty.text]);
  return (
    <div class="json-view">
      <label for="studio-json">The site's config as JSON (the same as the form; edit either)</label>
      <textarea
        id="studio-json"
        ref={area}
        class="code"
        rows={24}
        spellcheck={false}
        value={text}
        aria-describedby="studio-json-problems studio-json-complete-hint"
        aria-invalid={syntax || props.problems.length ? "true" : undefined}
        onInput={(e) => {
          apply(e.currentTarget.value);
          setCaret(e.currentTarget.selectionStart);
        }}
        onKeyUp={(e) => setCaret(e.currentTarget.selectionStart)}
        onClick={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (e.key === " " && e.ctrlKey) {
            e.preventDefault();
            document.querySelector<HTMLButtonElement>("#studio-json-completions button")?.focus();
          }
        }}
      />
      <div class="completions">
        <p class="hint" id="studio-json-complete-hint">
          {suggest?.items.length
            ? `${suggest.items.length} ${suggest.at.position === "key" ? "keys" : "values"} fit at the cursor (Ctrl+Space moves to them):`
            : "Keys and values that fit at the cursor are listed here, from the config's JSON Schema."}
        </p>
        {suggest && suggest.items.length > 0 && (
          <ul id="studio-json-completions">
            {suggest.items.slice(0, MAX_COMPLETIONS).map((c) => (
              <li key={c.label}>
                <button type="button" class="link" onClick={() => insert(c)}>
                  {c.label}
                </button>{" "}
                <span class="muted">{c.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div id="studio-json-problems" class="json-problems">
        {syntax && <p class="field-problems">{syntax}</p>}
        {!syntax && props.problems.length === 0 && <p class="hint">No problems.</p>}
        {!syntax && props.problems.length > 0 && (
          <ul class="field-problems">
            {props.problems.map((p) => {
              const line = lineOf(pretty.lines, p.path);
              return (
                <li key={p.message}>
                  <button
                    type="button"
                    class="link"
                    onClick={() => area.current && selectLine(area.current, line)}
                  >
                    Line {line}
                  </button>
                  : {p.message}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
