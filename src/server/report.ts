import type { ReportOptions } from "../report/types";
import { MAX_NAME_LENGTH } from "../wire/limits";
import { describeValue } from "../wire/validate";
import { HttpError } from "./http";

/** Most variants named in `weights`. */
const MAX_WEIGHTS = 20;
const WEIGHT_PAIR = /^([^:,]+):(\d+(?:\.\d+)?)$/;

/**
 * Reads `control` (the variant the others are compared with), `weights`
 * (`control:50,benefit:50`, the expected traffic split for the sample-ratio check), `method`
 * (`sequential`, the default, or `fixed`) and `mde` (points of response rate, for planning).
 */
export function parseReportOptions(params: URLSearchParams): ReportOptions {
  const options: ReportOptions = {};
  const method = params.get("method");
  if (method) {
    if (method !== "sequential" && method !== "fixed") {
      throw new HttpError(
        400,
        `method: expected "sequential" or "fixed", got ${describeValue(method)}`,
      );
    }
    options.method = method;
  }
  const mde = params.get("mde");
  if (mde) {
    const value = Number(mde);
    if (!(value > 0 && value < 100)) {
      throw new HttpError(
        400,
        `mde: expected points of response rate between 0 and 100, got ${describeValue(mde)}`,
      );
    }
    options.mde = value;
  }
  const control = params.get("control");
  if (control) {
    if (control.length > MAX_NAME_LENGTH) {
      throw new HttpError(400, `control: expected at most ${MAX_NAME_LENGTH} characters`);
    }
    options.control = control;
  }
  const weights = params.get("weights");
  if (weights) {
    const pairs = weights.split(",").map((pair) => WEIGHT_PAIR.exec(pair.trim()));
    if (pairs.length > MAX_WEIGHTS || pairs.some((pair) => pair === null)) {
      throw new HttpError(
        400,
        `weights: expected up to ${MAX_WEIGHTS} variant:weight pairs such as control:50,benefit:50, got ${describeValue(weights)}`,
      );
    }
    options.weights = Object.fromEntries(
      pairs.map((pair) => [(pair as RegExpExecArray)[1], Number((pair as RegExpExecArray)[2])]),
    );
  }
  return options;
}
