// Size budgets, in bytes after gzip (level 9) and brotli, checked by `npm test`.
// `node scripts/size.mjs --write` refreshes the figures in README.md; without it, the command
// fails when the README's figures no longer match the build (so the docs cannot drift).
// `--dist <dir>` checks another build's files (the size check's own test doctors a copy).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const KB = 1000;
const distArg = process.argv.indexOf("--dist");
const distDir = distArg > 0 ? process.argv[distArg + 1] : undefined;
if (distArg > 0 && !distDir)
  throw new Error("size: --dist needs a folder, as in --dist /tmp/build");
const dist = distDir ? pathToFileURL(`${distDir}/`) : new URL("../dist/", import.meta.url);
/** The content-hashed chunk files of this build, by chunk. */
const chunks = JSON.parse(readFileSync(new URL("chunks.json", dist), "utf8"));
/**
 * A lazily imported part of a chunk, found the way the browser finds it, from the chunk's
 * `import("./touchpoint-<part>-<hash>.mjs")`. The check fails when the chunk imports no such file
 * (or several), or still holds code that belongs in the part (`markers`: a string only that code
 * contains, and what the code is).
 */
function lazyPart(chunk, part, markers) {
  const source = readFileSync(new URL(chunks[chunk], dist), "utf8");
  const pattern = new RegExp(
    `import\\(\\s*["'\`]\\./(touchpoint-${part}-[\\w-]+\\.mjs)["'\`]`,
    "g",
  );
  const found = [...source.matchAll(pattern)];
  const file = found[0]?.[1];
  if (found.length !== 1 || !file || !existsSync(new URL(file, dist)))
    throw new Error(`size: ${chunks[chunk]} should import one touchpoint-${part}-<hash>.mjs`);
  for (const [marker, code] of Object.entries(markers))
    if (source.includes(marker))
      throw new Error(`size: ${chunks[chunk]} holds ${code} (${marker}); it belongs in ${file}`);
  return file;
}
// The question UI is in the engine's file (src/core/chunks.ts): a first prompt needs the core and
// one chunk. The rows below count that file once.
if (chunks.ui !== chunks.engine)
  throw new Error(`size: the UI should be in the engine's file, found ${chunks.ui} apart`);
/** The engine's sending part: batches, transport, retries, the cross-tab lease. */
const send = lazyPart("engine", "send", { sendBeacon: "sending code" });
/**
 * The words of `explain()` and debug mode: each rule's verdict and the debug lines, which a
 * visitor's prompt never needs (the engine decides on each rule's `ok`). The markers are a
 * verdict's and a debug line's words.
 */
const wording = lazyPart("engine", "wording", {
  "days required": "the rules' wording",
  "pending prompt withdrawn": "the debug lines' wording",
});
/**
 * The UI's steps after the answer: the follow-up, consent and contact form, and Preact, which only
 * they use (the question is plain DOM, in the engine's file). The marker is a property name in
 * Preact's own code.
 */
const steps = lazyPart("ui", "steps", {
  "textarea{": "the follow-up's code",
  dangerouslySetInnerHTML: "Preact",
});
const BUDGETS = [
  { name: "core (every page view)", files: ["touchpoint.js"], gzipBudget: 6 * KB },
  {
    name: "engine and question UI, one chunk (a survey is armed: fetched at idle)",
    files: [chunks.engine],
    gzipBudget: 14.01 * KB,
  },
  {
    name: "sending chunk: batches, retries, one tab sends (fetched as the engine starts)",
    files: [send],
    gzipBudget: 3.7 * KB,
  },
  {
    name: "wording part: explain()'s verdicts and debug lines in words (fetched by those two only)",
    files: [wording],
    gzipBudget: 1.3 * KB,
  },
  {
    name: "steps chunk: follow-up, consent, contact, and Preact (fetched as the engine starts)",
    files: [steps],
    gzipBudget: 6 * KB,
  },
  // DESIGN.md asks 20 KB for everything a first prompt needs. Budgets are this build's figures
  // with at most 0.1 KB of room.
  {
    name: "core + engine and question UI (a prompt on screen, its answer kept)",
    files: ["touchpoint.js", chunks.engine],
    gzipBudget: 20 * KB,
  },
  {
    name: "core + engine and question UI + sending + steps (everything fetched ahead for an armed survey)",
    files: ["touchpoint.js", chunks.engine, send, steps],
    gzipBudget: 29.61 * KB,
  },
];

const read = (file) => readFileSync(new URL(file, dist));
const gzip = (file) => gzipSync(read(file), { level: 9 }).length;
const brotli = (file) => brotliCompressSync(read(file)).length;
const sum = (files, size) => files.reduce((total, f) => total + size(f), 0);
const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

let failed = false;
const rows = BUDGETS.map((b) => {
  const gz = sum(b.files, gzip);
  const br = sum(b.files, brotli);
  const ok = gz <= b.gzipBudget;
  if (!ok) failed = true;
  return { ...b, gz, br, ok };
});

const table = [
  "| what | gzip | brotli | budget (gzip) |",
  "| --- | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.name} | ${kb(r.gz)} | ${kb(r.br)} | ${kb(r.gzipBudget)} |`),
].join("\n");

for (const r of rows) {
  console.log(
    `${r.ok ? "ok  " : "OVER"} ${r.name.padEnd(92)} gzip ${kb(r.gz).padStart(9)}  brotli ${kb(r.br).padStart(9)}  budget ${kb(r.gzipBudget)}`,
  );
}

const readmeUrl = new URL("../README.md", import.meta.url);
const readme = readFileSync(readmeUrl, "utf8");
const block = /<!-- size:start -->[\s\S]*?<!-- size:end -->/;
const fresh = `<!-- size:start -->\n${table}\n<!-- size:end -->`;
if (process.argv.includes("--write")) {
  writeFileSync(readmeUrl, readme.replace(block, fresh));
  console.log("README.md size table updated");
} else if (!block.test(readme) || readme.match(block)?.[0] !== fresh) {
  console.error("README.md size table is out of date: run `npm run size -- --write`");
  failed = true;
}
if (failed) {
  console.error("size check failed");
  process.exit(1);
}
