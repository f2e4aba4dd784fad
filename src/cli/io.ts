/** Where a command writes; tests pass collectors, the binary passes process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Environment variables (e.g. `DATABASE_URL`); the process's own when omitted. */
  env?: NodeJS.ProcessEnv;
}

/** A subcommand: takes the arguments after its name, returns the process exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;
