// Builds everything in dist/: the browser SDK (ESM + lazy chunks, classic script), the Node
// command line and report module, the dashboard, type declarations and the JSON Schemas.
// Everything is built into a fresh folder first and swapped in at the end, so a test or a demo
// reading dist/ meanwhile never sees it half-built or empty.
import { execFileSync } from "node:child_process";
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

try {
  // The chunks first: the classic script is built with their content-hashed names.
  const outDirs = { esm: `${out}esm`, chunks: out, global: out, node: out };
  for (const [mode, outDir] of Object.entries(outDirs)) {
    // chunks.json: written by the chunks build (vite.config.ts), the chunks' hashed file names.
    if (mode === "global")
      process.env.TOUCHPOINT_CHUNKS = readFileSync(`${out}chunks.json`, "utf8");
    await build({ mode, logLevel: "warn", configFile, build: { outDir } });
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
