import type { ConfigProblem } from "./config/checks";

// The errors the `error` event carries besides plain `Error`s. Each keeps the readable message
// of the one console line and adds what a program needs to act on it; `name` tells them apart
// (also across the core and the chunks, which are built apart and hold their own copies).
// Fields are assigned in the constructor (`declare`d): class fields would bring a helper into
// the core's bundle, which every page downloads.

/**
 * A config Touchpoint cannot run with: it stays inactive. The message is the one console line,
 * every problem on its own line.
 */
export class ConfigError extends Error {
  /** Every problem found: where (`path`), what was `expected`, what was `found`. */
  declare problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(
      `invalid config, Touchpoint is inactive:\n  ${problems.map((p) => p.message).join("\n  ")}`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

// In its own module: only the lazily loaded sending part of the engine makes it.
export { DeliveryError } from "./outbox/delivery-error";

/** Storage failed or is missing: Touchpoint carries on with `fallback` and says so. */
export class StorageError extends Error {
  /** Where events are kept meanwhile: this page's memory. */
  declare fallback: "memory";
  /** What storage threw, when it threw. */
  declare cause: unknown;
  constructor(message: string, cause?: unknown) {
    super(message);
    this.name = "StorageError";
    this.fallback = "memory";
    this.cause = cause;
  }
}

/** An error's message, or the thrown value as text (for the one `error` channel). */
export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
