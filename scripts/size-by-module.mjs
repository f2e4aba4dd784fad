// Where the bytes of a built bundle go, by source module: `node scripts/size-by-module.mjs`
// (after `npm run build`) prints, for the core and the engine (which holds the question UI), each
// module's minified bytes (from the source map) and its gzip share: the gzip size of the bundle
// minus the gzip size of the bundle with that module's bytes removed, so shared words count where
// they cost.
// `-- <file.mjs>` looks at other dist files instead.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url);
const chunks = JSON.parse(readFileSync(new URL("chunks.json", dist), "utf8"));
const files = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const targets = files.length ? files : ["touchpoint.js", chunks.engine];

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const decodeVlq = (text) => {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
};

/** [line][] of { column, source } for a source map's mappings. */
function segments(map) {
  let source = 0;
  return map.mappings.split(";").map((line) => {
    let column = 0;
    return line
      .split(",")
      .filter(Boolean)
      .map((segment) => {
        const [dc, ds] = decodeVlq(segment);
        column += dc;
        if (ds !== undefined) source += ds;
        return { column, source: ds === undefined ? -1 : source };
      });
  });
}

const gzip = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;

for (const file of targets) {
  const code = readFileSync(new URL(file, dist), "utf8");
  const map = JSON.parse(readFileSync(new URL(`${file}.map`, dist), "utf8"));
  const lines = code.split("\n");
  const owner = []; // per character of `code`, the index of its source (or -1)
  const mapped = segments(map);
  lines.forEach((line, i) => {
    const segs = mapped[i] ?? [];
    let current = -1;
    let next = 0;
    for (let c = 0; c < line.length; c++) {
      while (next < segs.length && segs[next].column <= c) current = segs[next++].source;
      owner.push(current);
    }
    owner.push(current); // the newline
  });
  const total = gzip(code);
  const bySource = new Map();
  owner.forEach((s, i) => {
    const entry = bySource.get(s) ?? { chars: [], minified: 0 };
    entry.minified++;
    entry.chars.push(i);
    bySource.set(s, entry);
  });
  const rows = [...bySource].map(([s, entry]) => {
    const keep = new Set(entry.chars);
    let without = "";
    for (let i = 0; i < code.length; i++) if (!keep.has(i)) without += code[i];
    const name = s < 0 ? "(unmapped)" : map.sources[s].replace(/^(\.\.\/)+/, "");
    return { name, minified: entry.minified, gzip: total - gzip(without) };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log(`\n${file}: ${code.length} B minified, ${total} B gzip`);
  for (const r of rows) {
    console.log(`${String(r.gzip).padStart(6)} ${String(r.minified).padStart(7)}  ${r.name}`);
  }
}
