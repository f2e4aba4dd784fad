/** The one console line for an invalid config: every problem, each on its own line. */
export function problemsMessage(problems: string[]): string {
  return `invalid config, Touchpoint is inactive:\n  ${problems.join("\n  ")}`;
}
