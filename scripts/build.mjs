// Builds everything in dist/: the browser SDK (ESM + lazy UI chunk, classic script), the Node
// command line and report module, type declarations and the JSON Schemas.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { createGenerator } from "ts-json-schema-generator";
import { build } from "vite";

const root = new URL("..", import.meta.url);
rmSync(new URL("dist", root), { recursive: true, force: true });

for (const mode of ["esm", "global", "node"]) {
  await build({ mode, logLevel: "warn", configFile: new URL("vite.config.ts", root).pathname });
}
if (existsSync(new URL("dashboard/index.html", root))) {
  await build({
    mode: "dashboard",
    logLevel: "warn",
    configFile: new URL("vite.config.ts", root).pathname,
  });
}

execFileSync(
  process.execPath,
  [new URL("node_modules/typescript/bin/tsc", root).pathname, "-p", "tsconfig.build.json"],
  {
    stdio: "inherit",
    cwd: root,
  },
);

for (const [type, file, source] of [
  ["TouchpointConfig", "config.schema.json", "src/config/types.ts"],
  ["EventBatch", "events.schema.json", "src/outbox/event.ts"],
]) {
  const schema = createGenerator({
    path: new URL(source, root).pathname,
    type,
    tsconfig: new URL("tsconfig.json", root).pathname,
    skipTypeCheck: true,
  }).createSchema(type);
  writeFileSync(new URL(`dist/${file}`, root), `${JSON.stringify(schema, null, 2)}\n`);
}
console.log("built dist/");
