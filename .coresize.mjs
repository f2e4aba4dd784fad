import { build } from "vite";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
process.env.TOUCHPOINT_CHUNKS = readFileSync("dist/chunks.json", "utf8");
const out = await build({ mode: "global", logLevel: "silent", configFile: "vite.config.ts", build: { write: false, sourcemap: false, outDir: "/tmp/coreinit/x" } });
const code = (Array.isArray(out) ? out[0] : out).output[0].code + "\n//# sourceMappingURL=touchpoint.js.map";
console.log(code.length, gzipSync(code, { level: 9 }).length);
