// Reading and immutably writing one value deep inside the draft config, by path.

export type Path = ReadonlyArray<string | number>;
type Json = Record<string, unknown> | unknown[];

/** `["surveys", 0, "trigger", "event"]` -> `surveys[0].trigger.event`, as `validate()` writes it. */
export function pathText(path: Path): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part,
    "",
  );
}

export function getIn(value: unknown, path: Path): unknown {
  let at = value;
  for (const part of path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[part];
  }
  return at;
}

const isEmpty = (v: unknown) =>
  v === undefined ||
  (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/**
 * A copy of `value` with `next` at `path`; `undefined` removes the key, and objects left empty
 * by a removal are removed too (so clearing a field leaves no `"frequency": {}` behind).
 */
export function setIn(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const container: Json = Array.isArray(value)
    ? [...value]
    : typeof value === "object" && value !== null
      ? { ...(value as Record<string, unknown>) }
      : typeof head === "number"
        ? []
        : {};
  const child = setIn((container as Record<string | number, unknown>)[head], rest, next);
  if (Array.isArray(container) && typeof head === "number") container[head] = child;
  else if (isEmpty(child) && (rest.length > 0 || child === undefined)) {
    delete (container as Record<string, unknown>)[head];
  } else (container as Record<string, unknown>)[head] = child;
  return container;
}
