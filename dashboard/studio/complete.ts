// Schema-aware completion for the JSON view: what may be typed at the caret, from the same JSON
// Schema editors use (dist/config.schema.json, generated from the documented config types).

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  description?: string | undefined;
  default?: unknown;
}
export interface Schema extends SchemaNode {
  definitions?: Record<string, SchemaNode>;
}

/** Where the caret is: inside which container, and typing a key or a value. */
export interface CaretContext {
  path: Array<string | number>;
  position: "key" | "value";
  /** What is typed so far inside an open string, and where that string starts. */
  prefix: string;
  from: number;
}

export interface Completion {
  label: string;
  /** The text that replaces `from`…caret. */
  insert: string;
  detail: string;
}

type Frame =
  | { kind: "object"; state: "key" | "value"; key?: string | undefined }
  | { kind: "array"; index: number };

/** Scans the text up to the caret; linear in the caret's offset. */
export function caretContext(text: string, caret: number): CaretContext | undefined {
  const stack: Frame[] = [];
  let inString = false;
  let start = 0;
  let pending = "";
  for (let i = 0; i < caret; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') {
        inString = false;
        pending = text.slice(start + 1, i);
      }
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === '"') {
      inString = true;
      start = i;
    } else if (ch === "{") stack.push({ kind: "object", state: "key" });
    else if (ch === "[") stack.push({ kind: "array", index: 0 });
    else if (ch === "}" || ch === "]") stack.pop();
    else if (ch === ":" && top?.kind === "object") {
      top.state = "value";
      top.key = pending;
    } else if (ch === "," && top) {
      if (top.kind === "array") top.index++;
      else {
        top.state = "key";
        top.key = undefined;
      }
    }
  }
  const top = stack[stack.length - 1];
  if (!top) return undefined;
  const path = stack.slice(0, -1).map((f) => (f.kind === "array" ? f.index : (f.key ?? "")));
  const prefix = inString ? text.slice(start + 1, caret) : "";
  const from = inString ? start : caret;
  if (top.kind === "array") return { path: [...path, top.index], position: "value", prefix, from };
  if (top.state === "key") return { path, position: "key", prefix, from };
  return { path: [...path, top.key ?? ""], position: "value", prefix, from };
}

function expand(schema: Schema, node: SchemaNode, depth = 0): SchemaNode[] {
  if (depth > 20) return [];
  if (node.$ref) {
    const name = node.$ref.replace("#/definitions/", "");
    const target = schema.definitions?.[name];
    return target
      ? expand(
          schema,
          { ...target, description: node.description ?? target.description },
          depth + 1,
        )
      : [];
  }
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return [node, ...branches.flatMap((b) => expand(schema, b, depth + 1))];
  return [node];
}

/** The schema nodes a value at `path` may match. */
export function schemaAt(schema: Schema, path: ReadonlyArray<string | number>): SchemaNode[] {
  let nodes = expand(schema, schema);
  for (const part of path) {
    nodes = nodes
      .flatMap((n) => {
        if (typeof part === "number") return n.items ? [n.items] : [];
        const property = n.properties?.[part];
        if (property) return [property];
        return typeof n.additionalProperties === "object" ? [n.additionalProperties] : [];
      })
      .flatMap((n) => expand(schema, n));
  }
  return nodes;
}

const short = (text: string | undefined) => {
  const first = (text ?? "").split(/(?<=\.)\s/)[0] ?? "";
  return first.length > 140 ? `${first.slice(0, 139)}…` : first;
};

/** The keys (with their documentation) or the allowed values at the caret. */
export function completions(
  schema: Schema,
  text: string,
  caret: number,
): { at: CaretContext; items: Completion[] } | undefined {
  const at = caretContext(text, caret);
  if (!at) return undefined;
  const nodes = schemaAt(schema, at.path);
  const items = new Map<string, Completion>();
  if (at.position === "key") {
    for (const n of nodes) {
      for (const [key, property] of Object.entries(n.properties ?? {})) {
        if (key === "$schema" || !key.startsWith(at.prefix) || items.has(key)) continue;
        const doc = property.description ?? expand(schema, property)[0]?.description;
        const fallback =
          property.default === undefined ? "" : ` Default: ${JSON.stringify(property.default)}.`;
        items.set(key, {
          label: key,
          insert: `${JSON.stringify(key)}: `,
          detail: `${short(doc)}${fallback}`.trim(),
        });
      }
    }
  } else {
    for (const n of nodes) {
      for (const value of [...(n.enum ?? []), ...(n.const === undefined ? [] : [n.const])]) {
        const label = JSON.stringify(value);
        if (typeof value === "string" && !value.startsWith(at.prefix)) continue;
        items.set(label, { label, insert: label, detail: short(n.description) });
      }
    }
  }
  return { at, items: [...items.values()] };
}
