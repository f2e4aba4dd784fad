#!/usr/bin/env node
import { main } from "../dist/cli.mjs";

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`touchpoint: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
