/** `Name: message` of an error (a DOMException's name says most: QuotaExceededError, …). */
export const describeError = (error: unknown) =>
  error instanceof Error || error instanceof DOMException
    ? `${error.name}: ${error.message}`
    : String(error);
