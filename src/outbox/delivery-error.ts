// Fields are assigned in the constructor (`declare`d), as in src/errors.ts, which re-exports it.

/** The collector refused events, or they could not be sent. */
export class DeliveryError extends Error {
  /** The collector's HTTP status, when it answered. */
  declare status: number | undefined;
  /** The events concerned (their `id`s). */
  declare eventIds: string[];
  constructor(message: string, status: number | undefined, eventIds: string[]) {
    super(message);
    this.name = "DeliveryError";
    this.status = status;
    this.eventIds = eventIds;
  }
}
