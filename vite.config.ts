import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import MagicString from "magic-string";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import pkg from "./package.json" with { type: "json" };
import { CHUNK_FILES, CHUNKS, chunkFile } from "./src/core/chunks.ts";

/**
 * One config, several builds, chosen by `--mode` (see scripts/build.mjs):
 * - esm:    dist/esm/touchpoint.mjs and its lazy chunks, code-split for bundlers (npm import)
 * - global: dist/touchpoint.js, the classic script, which imports its lazy chunks by URL…
 * - chunks: …dist/touchpoint-engine-<hash>.mjs, the engine with the question UI (+ their own
 *           lazy parts), built without the core, so it never imports it and can use any module
 *           it needs; built before `global`, which is given its name
 * - node:   dist/cli.mjs, dist/report.mjs, dist/collector.mjs for the command line, the report
 *           module and the embeddable collector
 * - dashboard: dist/dashboard/ (the collector's results page)
 */
const define = {
  __TOUCHPOINT_VERSION__: JSON.stringify(pkg.version),
  // The classic script's chunk file names, content-hashed; scripts/build.mjs builds the chunks
  // first and passes their names here.
  __TOUCHPOINT_CHUNKS__: process.env.TOUCHPOINT_CHUNKS ?? "{}",
  // True only under Vitest: code that counts its own work for a test drops out of the bundles.
  __TOUCHPOINT_TEST__: "false",
};

/**
 * Writes `chunks.json`, the content-hashed file of each chunk the loaders ask for (the classic
 * script is built with it, and tools read it: size budgets, benchmarks), and a stable-named module
 * beside each (`touchpoint-engine.mjs` re-exports `touchpoint-engine-<hash>.mjs`) for whoever
 * imports a chunk by name. The UI is in the engine's file (CHUNK_FILES), so `ui` names that file
 * and `touchpoint-ui.mjs` re-exports it too.
 */
function chunkNames(): Plugin {
  return {
    name: "touchpoint-chunk-names",
    generateBundle(_options, bundle) {
      const names: Record<string, string> = {};
      for (const [name, entry] of Object.entries(CHUNK_FILES)) {
        const file = Object.values(bundle).find(
          (f) => f.type === "chunk" && f.isEntry && f.name === entry,
        );
        if (!file) throw new Error(`build: no entry chunk named ${entry}`);
        names[name] = file.fileName;
        const source = `export * from "./${file.fileName}";\n`;
        this.emitFile({ type: "asset", fileName: chunkFile(name), source });
      }
      const source = `${JSON.stringify(names, null, 2)}\n`;
      this.emitFile({ type: "asset", fileName: "chunks.json", source });
    },
  };
}

/**
 * The UI's stylesheets (`export const css = \`...\`` in src/ui) are written a rule or two a line;
 * the built chunks get them on one line (about 40 B less gzip on the engine's file). A line break
 * is dropped after `;{},` or before `{}`, and otherwise becomes a space, so no rule changes.
 */
function cssOneLine(): Plugin {
  return {
    name: "touchpoint-css-one-line",
    transform(code, id) {
      if (!/\/src\/ui\/[^/]+\.ts$/.test(id)) return null;
      const s = new MagicString(code);
      // Plain text only: no `${}` inside.
      for (const m of code.matchAll(/\bcss = `((?:[^`$]|\$(?!\{))*)`/g)) {
        const start = (m.index ?? 0) + m[0].indexOf("`") + 1;
        const css = m[1] ?? "";
        for (let i = css.indexOf("\n"); i >= 0; i = css.indexOf("\n", i + 1)) {
          const at = start + i;
          const gap = /[;{},]/.test(css[i - 1] ?? ";") || /[{}]/.test(css[i + 1] ?? "}");
          if (gap) s.remove(at, at + 1);
          else s.overwrite(at, at + 1, " ");
        }
      }
      return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
    },
  };
}

const browserBuild = {
  target: "es2020",
  outDir: "dist",
  emptyOutDir: false,
  // Terser after Rolldown's own minifier (`output.minify`): about 1.5% less gzip on every
  // bundle (the core is on every page view), for a slower build.
  minify: "terser",
  terserOptions: { compress: { passes: 2 } },
  sourcemap: true,
  reportCompressedSize: false,
} as const;

export default defineConfig(({ mode }) => {
  if (mode === "esm") {
    return {
      define,
      plugins: [cssOneLine()],
      build: {
        ...browserBuild,
        lib: { entry: { touchpoint: "src/index.ts" }, formats: ["es"] },
        rollupOptions: {
          // Vite keeps whitespace in ES library output by default; these files ship as they are.
          output: {
            entryFileNames: "[name].mjs",
            chunkFileNames: chunkFile("[name]"),
            minify: true,
            comments: { annotation: false },
          },
        },
      },
    };
  }
  if (mode === "chunks") {
    return {
      define,
      plugins: [chunkNames(), cssOneLine()],
      build: {
        ...browserBuild,
        // As for touchpoint.js: the maps ship beside the chunks but are not named in them (33 B
        // gzip on the engine's file, which a first prompt needs).
        sourcemap: "hidden",
        lib: { entry: CHUNKS, formats: ["es"] },
        rollupOptions: {
          output: {
            // Content-hashed names: a CDN may cache them for a year (see README, "Caching").
            entryFileNames: chunkFile("[name]", "[hash]"),
            chunkFileNames: chunkFile("[name]", "[hash]"),
            minify: true,
            comments: { annotation: false },
          },
        },
      },
    };
  }
  if (mode === "global") {
    return {
      define,
      build: {
        ...browserBuild,
        // A third pass: a few bytes less on the one bundle every page view downloads.
        terserOptions: { compress: { passes: 3 } },
        // touchpoint.js.map is written but not named in the script (25 B gzip on every page
        // view, spent on the compile hint below): load it in devtools or an error tracker.
        sourcemap: "hidden",
        lib: { entry: "src/core/global.ts", formats: ["iife"], name: "touchpoint" },
        rollupOptions: {
          output: {
            entryFileNames: "touchpoint.js",
            extend: false,
            minify: true,
            // Module-level code runs inside this guard too: a host page that broke a builtin
            // (Array.prototype.map…) gets one console message, never an exception.
            // V8 (Chrome 136+) compiles every function of the file eagerly, off the main
            // thread while the script streams in: almost all of the core runs at start-up, and
            // each function compiled lazily would cost a main-thread parse and compile at init.
            postBanner: "//# allFunctionsCalledOnLoad",
            intro: "try{",
            outro: '}catch(e){console.error("[touchpoint] could not start:",e)}',
          },
        },
      },
    };
  }
  if (mode === "node") {
    return {
      define,
      build: {
        outDir: "dist",
        emptyOutDir: false,
        ssr: true,
        target: "node20",
        minify: false,
        rollupOptions: {
          input: {
            cli: "src/cli/index.ts",
            report: "src/report/index.ts",
            collector: "src/server/index.ts",
          },
          external: [
            "better-sqlite3",
            "pg",
            ...builtinModules,
            ...builtinModules.map((m) => `node:${m}`),
          ],
          output: { entryFileNames: "[name].mjs", chunkFileNames: "node-[name].mjs" },
        },
      },
    };
  }
  if (mode === "dashboard") {
    // The results page the collector serves at /dashboard/: relative asset URLs, so it works
    // under any path prefix a reverse proxy adds; no CDN, everything in dist/dashboard/.
    return {
      define,
      root: fileURLToPath(new URL("dashboard", import.meta.url)),
      base: "./",
      build: {
        outDir: fileURLToPath(new URL("dist/dashboard", import.meta.url)),
        emptyOutDir: true,
        target: "es2022",
        sourcemap: true,
        reportCompressedSize: false,
        modulePreload: { polyfill: false },
        // The studio's live preview runs the real SDK (copied to dist/dashboard/sdk/) in a frame.
        rollupOptions: {
          input: {
            index: fileURLToPath(new URL("dashboard/index.html", import.meta.url)),
            preview: fileURLToPath(new URL("dashboard/preview.html", import.meta.url)),
          },
        },
      },
    };
  }
  return {
    define: { ...define, __TOUCHPOINT_TEST__: "true" },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: "unit",
            environment: "happy-dom",
            include: ["test/unit/**/*.test.{ts,tsx}"],
            setupFiles: ["test/unit/setup.ts"],
            restoreMocks: true,
            // A hang guard, not a speed check: the 100,000-visitor assignment tests take seconds
            // on a busy 2-core machine.
            testTimeout: 30_000,
          },
        },
        {
          // The storage suite and the collector on PostgreSQL: one private cluster for the run.
          extends: true,
          test: {
            name: "postgres",
            environment: "node",
            include: ["test/postgres/**/*.test.ts"],
            globalSetup: ["test/postgres/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
        {
          extends: true,
          test: {
            name: "browser",
            environment: "node",
            include: ["test/browser/**/*.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
