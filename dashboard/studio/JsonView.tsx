// The whole draft as JSON, editable, kept in sync with the form, with problems by line.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { TouchpointConfig } from "../../src/config/types";
import type { Problem } from "./api";
import { lineOf, prettyJson } from "./pretty";

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
        aria-describedby="studio-json-problems"
        aria-invalid={syntax || props.problems.length ? "true" : undefined}
        onInput={(e) => {
          const next = e.currentTarget.value;
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
        }}
      />
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
