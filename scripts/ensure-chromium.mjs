// Browser tests need Debian's Chromium (no browser downloads are possible here). Install it when
// running as root; otherwise stop with the command to run. Never skip the browser tests.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(path)) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root) {
    console.error(
      `Chromium was not found at ${path}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium\n` +
        "or set CHROMIUM_PATH to a Chromium binary. Browser tests cannot run without it.",
    );
    process.exit(1);
  }
  console.log("Chromium is missing; installing Debian's chromium package…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
    stdio: "inherit",
    shell: "/bin/bash",
  });
  if (!existsSync(path)) {
    console.error(`apt-get finished but ${path} is still missing.`);
    process.exit(1);
  }
}
