// Builds everything in dist/: the browser SDK (ESM + lazy chunks, classic script), the Node
// command line and report module, the dashboard, type declarations and the JSON Schemas.
// Everything is built into a fresh folder first and swapped in at the end, so a test or a demo
// reading dist/ meanwhile never sees it half-built or empty.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { createGenerator } from "ts-json-schema-generator";
import { build } from "vite";

const root = new URL("..", import.meta.url);
const path = (relative) => new URL(relative, root).pathname;
const out = path(`.dist-${process.pid}/`);
const configFile = path("vite.config.ts");
rmSync(out, { recursive: true, force: true });
mkdirSync(out);

/**
 * Gives every relative import in the emitted declarations its file: `"./checks"` becomes
 * `"./checks.js"` (or `"./report/index.js"` for a folder), as Node's ESM resolution and
 * TypeScript's `node16`/`nodenext` require; `bundler` and `node10` read them as well.
 */
function addDeclarationExtensions(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const from = dirname(file);
    const text = readFileSync(file, "utf8").replace(
      /((?:from|import)\s*\(?\s*)(["'])(\.{1,2}(?:\/[^"']*)?)\2/g,
      (whole, before, quote, specifier) => {
        if (/\.(js|mjs|json)$/.test(specifier)) return whole;
        const target = join(from, specifier);
        if (existsSync(`${target}.d.ts`)) return `${before}${quote}${specifier}.js${quote}`;
        if (existsSync(join(target, "index.d.ts"))) {
          return `${before}${quote}${specifier.replace(/\/$/, "")}/index.js${quote}`;
        }
        throw new Error(`build: ${file} imports ${specifier}, which has no declaration`);
      },
    );
    writeFileSync(file, text);
  }
}

/** A chunk file of the chunks build: `touchpoint-<name>-<hash>.mjs` (and its `.map`). */
const HASHED = /^touchpoint-([\w.-]+)-([\w-]{8})\.mjs$/;

/**
 * Gives the chunks of one build one hash, taken from all their contents, instead of one hash
 * each: the engine's file names its lazy parts (steps, sending, languages…) by file, and one hash
 * repeated there compresses to almost nothing (about 130 B less gzip on the file a first prompt
 * needs). Names still change whenever any content does, so an old name never changes meaning;
 * a build that changes one chunk renames them all (see README, "Caching").
 */
function oneBuildHash(dir) {
  const files = readdirSync(dir)
    .filter((f) => HASHED.test(f))
    .sort();
  const digest = createHash("sha256");
  for (const file of files) digest.update(file).update(readFileSync(join(dir, file)));
  const hash = digest.digest("base64url").slice(0, 8);
  const renames = new Map();
  for (const file of files) {
    const [, name] = HASHED.exec(file);
    const renamed = `touchpoint-${name}-${hash}.mjs`;
    if ([...renames.values()].includes(renamed)) throw new Error(`build: two chunks named ${name}`);
    renames.set(file, renamed);
  }
  const pattern = new RegExp(
    [...renames.keys()].map((f) => f.replace(/[.-]/g, "\\$&")).join("|"),
    "g",
  );
  for (const file of readdirSync(dir)) {
    if (!/\.(mjs|map|json)$/.test(file)) continue;
    const text = readFileSync(join(dir, file), "utf8");
    const replaced = text.replace(pattern, (old) => renames.get(old));
    if (replaced !== text) writeFileSync(join(dir, file), replaced);
  }
  for (const [file, renamed] of renames) {
    renameSync(join(dir, file), join(dir, renamed));
    if (existsSync(join(dir, `${file}.map`)))
      renameSync(join(dir, `${file}.map`), join(dir, `${renamed}.map`));
  }
}

try {
  // The chunks first: the classic script is built with their content-hashed names.
  const outDirs = { esm: `${out}esm`, chunks: out, global: out, node: out };
  for (const [mode, outDir] of Object.entries(outDirs)) {
    // chunks.json: written by the chunks build (vite.config.ts), the chunks' hashed file names.
    if (mode === "global")
      process.env.TOUCHPOINT_CHUNKS = readFileSync(`${out}chunks.json`, "utf8");
    await build({ mode, logLevel: "warn", configFile, build: { outDir } });
    if (mode === "chunks") oneBuildHash(out);
  }
  if (existsSync(path("dashboard/index.html"))) {
    await build({
      mode: "dashboard",
      logLevel: "warn",
      configFile,
      build: { outDir: `${out}dashboard` },
    });
    // The studio previews prompts with the SDK exactly as built: the script and its chunks.
    mkdirSync(`${out}dashboard/sdk`);
    for (const file of readdirSync(out)) {
      if (/^touchpoint(-[\w-]+)?\.m?js$/.test(file)) {
        copyFileSync(`${out}${file}`, `${out}dashboard/sdk/${file}`);
      }
    }
  }
  execFileSync(
    process.execPath,
    [
      path("node_modules/typescript/bin/tsc"),
      "-p",
      "tsconfig.build.json",
      "--declarationDir",
      `${out}types`,
    ],
    { stdio: "inherit", cwd: root },
  );
  addDeclarationExtensions(`${out}types`);
  for (const [type, file, source] of [
    ["TouchpointConfig", "config.schema.json", "src/config/types.ts"],
    ["EventBatch", "events.schema.json", "src/wire/event.ts"],
    ["AlertsConfig", "alerts.schema.json", "src/server/alerts/types.ts"],
  ]) {
    const generator = createGenerator({
      path: path(source),
      type,
      tsconfig: path("tsconfig.json"),
      skipTypeCheck: true,
    });
    writeFileSync(`${out}${file}`, `${JSON.stringify(generator.createSchema(type), null, 2)}\n`);
  }
  // The studio's JSON view completes keys from the same schema editors use.
  if (existsSync(`${out}dashboard`)) {
    copyFileSync(`${out}config.schema.json`, `${out}dashboard/config.schema.json`);
  }
  rmSync(path("dist"), { recursive: true, force: true });
  renameSync(out, path("dist"));
} catch (error) {
  rmSync(out, { recursive: true, force: true });
  throw error;
}
console.log("built dist/");
