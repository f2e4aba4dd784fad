// JSON.stringify(value, null, 2), remembering the line each path starts on (for problems).

/** The text, and the 1-based line of every path (`surveys[0].trigger.event`). */
export function prettyJson(value: unknown): { text: string; lines: Map<string, number> } {
  const lines = new Map<string, number>();
  let line = 1;
  const out: string[] = [];
  const write = (s: string) => {
    out.push(s);
    for (const ch of s) if (ch === "\n") line++;
  };
  const walk = (v: unknown, path: string, indent: string): void => {
    lines.set(path || "config", line);
    if (Array.isArray(v)) {
      if (!v.length) {
        write("[]");
        return;
      }
      write("[\n");
      v.forEach((item, i) => {
        write(`${indent}  `);
        walk(item, `${path}[${i}]`, `${indent}  `);
        write(i < v.length - 1 ? ",\n" : "\n");
      });
      write(`${indent}]`);
      return;
    }
    if (typeof v === "object" && v !== null) {
      const entries = Object.entries(v).filter(
        ([, x]) => x !== undefined && typeof x !== "function",
      );
      if (!entries.length) {
        write("{}");
        return;
      }
      write("{\n");
      entries.forEach(([key, item], i) => {
        write(`${indent}  ${JSON.stringify(key)}: `);
        walk(item, path ? `${path}.${key}` : key, `${indent}  `);
        write(i < entries.length - 1 ? ",\n" : "\n");
      });
      write(`${indent}}`);
      return;
    }
    write(JSON.stringify(v) ?? "null");
  };
  walk(value, "", "");
  return { text: out.join(""), lines };
}

/** The line of `path`, or of its nearest parent present in the text. */
export function lineOf(lines: Map<string, number>, path: string): number {
  let p = path;
  while (p) {
    const at = lines.get(p);
    if (at !== undefined) return at;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    p = cut > 0 ? p.slice(0, cut) : "";
  }
  return 1;
}
