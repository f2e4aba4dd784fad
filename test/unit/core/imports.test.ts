// @vitest-environment node
// "A chunk never imports the core" is a lint rule (biome.json, noRestrictedImports): the engine
// and UI chunks are built without the core, so an import of it would pull a second copy of the
// core into a chunk. This runs the project's own `biome lint` on probe files placed where each
// kind of file lives, and checks that the rule fails exactly the files it should.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
const biome = new URL("node_modules/@biomejs/biome/bin/biome", root).pathname;
const probes: string[] = [];

/** Writes `code` to a probe file at `dir`/ inside the repository and returns its path. */
function probe(dir: string, code: string): string {
  const path = `${dir}/__probe-${process.pid}-${probes.length}.ts`;
  writeFileSync(new URL(path, root), code);
  probes.push(path);
  return path;
}

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

/** The noRestrictedImports diagnostics `biome lint` reports for these files, by file. */
function restricted(files: string[]): Record<string, string[]> {
  let out: string;
  try {
    out = execFileSync(process.execPath, [biome, "lint", "--reporter=json", ...files], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    // biome exits with 1 when it found errors; the report is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  const { diagnostics } = JSON.parse(out) as { diagnostics: Diagnostic[] };
  const byFile: Record<string, string[]> = Object.fromEntries(files.map((f) => [f, []]));
  for (const d of diagnostics) {
    if (d.category === "lint/style/noRestrictedImports") byFile[d.location.path]?.push(d.message);
  }
  return byFile;
}

afterEach(() => {
  for (const path of probes.splice(0)) rmSync(new URL(path, root), { force: true });
});

describe("a chunk never imports the core (lint rule)", () => {
  it("fails the engine, the UI and their helpers when they import from core/, statically or lazily", () => {
    const files = [
      probe(
        "src/engine",
        'import { browserEnvironment } from "../core/env";\nexport const x = browserEnvironment;\n',
      ),
      probe("src/ui", 'export const load = () => import("../core/touchpoint");\n'),
      probe("src/outbox", 'export type { CoreConfig } from "../core/config";\n'),
      probe("src", 'export { createTouchpoint } from "./core/touchpoint";\n'),
    ];
    const found = restricted(files);
    for (const file of files) {
      expect(found[file], file).toEqual([
        expect.stringContaining("a chunk never imports the core"),
      ]);
    }
  });

  it("lets the core import itself and the chunks' interfaces, and a chunk its own folder", () => {
    const files = [
      probe(
        "src/core",
        'import { prefetchWhenIdle } from "./prefetch";\nexport const x = prefetchWhenIdle;\n',
      ),
      probe("src/engine", 'export type { Environment } from "./types";\n'),
      probe("src/ui", 'import { score } from "./score";\nexport const x = score;\n'),
    ];
    expect(restricted(files)).toEqual(Object.fromEntries(files.map((f) => [f, []])));
  });

  it("holds today: no file outside core/ imports it (but the package entry, which re-exports it)", () => {
    const out = execFileSync(process.execPath, [biome, "lint", "--reporter=json", "src"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const { diagnostics } = JSON.parse(out) as { diagnostics: Diagnostic[] };
    expect(diagnostics.filter((d) => d.category === "lint/style/noRestrictedImports")).toEqual([]);
  });
});
