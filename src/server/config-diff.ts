/** One difference between two configs. */
export interface ConfigChange {
  /** `surveys[nps-order].trigger.delay`: arrays of objects with an `id` or `key` are matched by it. */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

/** Changes listed at most; a diff longer than that says how many were left out. */
export const MAX_CHANGES = 500;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The `id` (surveys) or `key` (variants) of every element, when all have a distinct one. */
function keysOf(list: unknown[]): string[] | undefined {
  const keys = list.map((item) => {
    if (!isObject(item)) return undefined;
    const key = item.id ?? item.key;
    return typeof key === "string" ? key : undefined;
  });
  if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) return undefined;
  return keys as string[];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * What changed from `before` to `after`, path by path, in document order. Linear in the size of
 * both values; stops after {@link MAX_CHANGES}.
 */
export function diffConfigs(before: unknown, after: unknown): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const add = (change: ConfigChange) => {
    if (changes.length < MAX_CHANGES) changes.push(change);
  };
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (changes.length >= MAX_CHANGES) return;
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        if (!Object.hasOwn(b, key)) add({ path: join(path, key), kind: "removed", before: a[key] });
        else walk(a[key], b[key], join(path, key));
      }
      for (const key of Object.keys(b)) {
        if (!Object.hasOwn(a, key)) add({ path: join(path, key), kind: "added", after: b[key] });
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const ka = keysOf(a);
      const kb = keysOf(b);
      if (ka && kb) {
        const index = new Map(ka.map((k, i) => [k, i]));
        const kept = new Set(kb);
        ka.forEach((k, i) => {
          if (!kept.has(k)) add({ path: `${path}[${k}]`, kind: "removed", before: a[i] });
        });
        kb.forEach((k, i) => {
          const at = index.get(k);
          if (at === undefined) add({ path: `${path}[${k}]`, kind: "added", after: b[i] });
          else walk(a[at], b[i], `${path}[${k}]`);
        });
        if (
          ka.filter((k) => kept.has(k)).join("\n") !== kb.filter((k) => index.has(k)).join("\n")
        ) {
          add({
            path,
            kind: "changed",
            before: `order ${ka.join(", ")}`,
            after: `order ${kb.join(", ")}`,
          });
        }
        return;
      }
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (i >= a.length) add({ path: `${path}[${i}]`, kind: "added", after: b[i] });
        else if (i >= b.length) add({ path: `${path}[${i}]`, kind: "removed", before: a[i] });
        else walk(a[i], b[i], `${path}[${i}]`);
      }
      return;
    }
    if (a !== b) add({ path: path || "config", kind: "changed", before: a, after: b });
  };
  walk(before, after, "");
  return changes;
}

/** One line per change: `surveys[nps-order].trigger.delay: 2 -> 3`. */
export function describeChange(change: ConfigChange): string {
  const show = (v: unknown) => JSON.stringify(v) ?? "nothing";
  if (change.kind === "added") return `${change.path}: added ${show(change.after)}`;
  if (change.kind === "removed") return `${change.path}: removed (was ${show(change.before)})`;
  return `${change.path}: ${show(change.before)} -> ${show(change.after)}`;
}
