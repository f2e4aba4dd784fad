// `npm install` in this repository builds dist/ so that `npx touchpoint …`, the demo and the
// browser tests work straight away. Installs of the published package have dist/ already.

import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

if (existsSync(new URL("../src", import.meta.url))) {
  execSync("npm run build", { stdio: "inherit", cwd: new URL("..", import.meta.url) });
}
