import { readFile } from "node:fs/promises";
import { validate } from "../config/validate";
import type { CliCommand } from "./io";

/** `touchpoint validate <config.json>`: prints every problem with its path; exit 1 if any. */
export const run: CliCommand = async (argv, io) => {
  const [file] = argv;
  if (!file) {
    io.stderr("Usage: touchpoint validate <config.json>\n");
    return 2;
  }
  let config: unknown;
  try {
    config = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
    io.stderr(`${file}: ${reason}\n`);
    return 1;
  }
  const problems = validate(config);
  if (!problems.length) {
    io.stdout(`${file}: valid\n`);
    return 0;
  }
  io.stderr(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`);
  for (const p of problems) io.stderr(`  ${p.message}\n`);
  return 1;
};
