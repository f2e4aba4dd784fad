// Labelled controls bound to one path of the draft, each showing its own problems in place.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Problem } from "./api";
import { useField } from "./editor";
import type { Path } from "./paths";

interface Common {
  label: string;
  path: Path;
  hint?: string;
}

function Shell(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  problems: readonly Problem[];
  extra?: string | undefined;
  children: ComponentChildren;
  inline?: boolean;
}) {
  return (
    <div class={`field${props.inline ? " inline" : ""}${props.problems.length ? " invalid" : ""}`}>
      {props.inline ? null : <label for={props.id}>{props.label}</label>}
      {props.children}
      {props.inline ? <label for={props.id}>{props.label}</label> : null}
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {(props.problems.length > 0 || props.extra) && (
        <ul class="field-problems" id={`${props.id}-problems`}>
          {props.extra && <li>{props.extra}</li>}
          {props.problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** aria attributes tying a control to its hint and problems. */
function described(id: string, hint: string | undefined, invalid: boolean) {
  const ids = [hint ? `${id}-hint` : "", invalid ? `${id}-problems` : ""].filter(Boolean);
  return {
    "aria-invalid": invalid ? ("true" as const) : undefined,
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
  };
}

export function TextField(props: Common & { placeholder?: string; multiline?: boolean }) {
  const f = useField(props.path);
  const value = typeof f.value === "string" ? f.value : "";
  const attrs = {
    id: f.id,
    value,
    placeholder: props.placeholder,
    onInput: (e: Event) => {
      const v = (e.currentTarget as HTMLInputElement).value;
      f.set(v === "" ? undefined : v);
    },
    ...described(f.id, props.hint, f.problems.length > 0),
  };
  return (
    <Shell id={f.id} label={props.label} hint={props.hint} problems={f.problems}>
      {props.multiline ? <textarea rows={2} {...attrs} /> : <input type="text" {...attrs} />}
    </Shell>
  );
}

export function NumberField(props: Common & { min?: number; max?: number; step?: number }) {
  const f = useField(props.path);
  return (
    <Shell id={f.id} label={props.label} hint={props.hint} problems={f.problems}>
      <input
        type="number"
        id={f.id}
        min={props.min}
        max={props.max}
        step={props.step ?? "any"}
        value={typeof f.value === "number" ? f.value : ""}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          f.set(raw === "" ? undefined : Number(raw));
        }}
        {...described(f.id, props.hint, f.problems.length > 0)}
      />
    </Shell>
  );
}

export function SelectField(
  props: Common & { options: ReadonlyArray<readonly [string, string]>; optional?: string },
) {
  const f = useField(props.path);
  return (
    <Shell id={f.id} label={props.label} hint={props.hint} problems={f.problems}>
      <select
        id={f.id}
        value={typeof f.value === "string" ? f.value : ""}
        onChange={(e) => f.set(e.currentTarget.value || undefined)}
        {...described(f.id, props.hint, f.problems.length > 0)}
      >
        {props.optional !== undefined && <option value="">{props.optional}</option>}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** A checkbox; the key is left out while it holds its default. */
export function CheckField(props: Common & { defaultValue: boolean }) {
  const f = useField(props.path);
  const checked = typeof f.value === "boolean" ? f.value : props.defaultValue;
  return (
    <Shell id={f.id} label={props.label} hint={props.hint} problems={f.problems} inline>
      <input
        type="checkbox"
        id={f.id}
        checked={checked}
        onChange={(e) =>
          f.set(
            e.currentTarget.checked === props.defaultValue ? undefined : e.currentTarget.checked,
          )
        }
        {...described(f.id, props.hint, f.problems.length > 0)}
      />
    </Shell>
  );
}

/** One text per line, stored as a list (or left out when empty). */
export function ListField(props: Common) {
  const f = useField(props.path, true);
  const value = Array.isArray(f.value)
    ? f.value.filter((v) => typeof v === "string").join("\n")
    : "";
  return (
    <Shell id={f.id} label={props.label} hint={props.hint} problems={f.problems}>
      <textarea
        id={f.id}
        rows={2}
        value={value}
        onInput={(e) => {
          const lines = e.currentTarget.value.split("\n").map((l) => l.trim());
          f.set(lines.some(Boolean) ? lines.filter(Boolean) : undefined);
        }}
        {...described(f.id, props.hint, f.problems.length > 0)}
      />
    </Shell>
  );
}

/** Free-form JSON for rules with nested conditions; a syntax error is shown, never applied. */
export function JsonField(props: Common) {
  const f = useField(props.path, true);
  const shown = f.value === undefined ? "" : JSON.stringify(f.value, null, 1);
  const [text, setText] = useState(shown);
  const [syntax, setSyntax] = useState<string>();
  useEffect(() => {
    // Follow changes made elsewhere (the JSON view, a template) unless mid-edit with an error.
    if (!syntax) setText(shown);
  }, [shown]);
  return (
    <Shell id={f.id} label={props.label} hint={props.hint} problems={f.problems} extra={syntax}>
      <textarea
        id={f.id}
        class="code"
        rows={3}
        value={text}
        spellcheck={false}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          if (!next.trim()) {
            setSyntax(undefined);
            f.set(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(next);
            setSyntax(undefined);
            f.set(parsed);
          } catch (error) {
            setSyntax(`not valid JSON yet: ${(error as Error).message}`);
          }
        }}
        {...described(f.id, props.hint, f.problems.length > 0 || syntax !== undefined)}
      />
    </Shell>
  );
}

/** A titled group of fields, always open so every problem stays in view. */
export function Group(props: { title: string; children: ComponentChildren; intro?: string }) {
  return (
    <fieldset class="group">
      <legend>{props.title}</legend>
      {props.intro && <p class="hint">{props.intro}</p>}
      <div class="group-body">{props.children}</div>
    </fieldset>
  );
}
