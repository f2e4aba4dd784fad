/** An error's message, or the thrown value as text (for the one `error` channel). */
export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
