import type { AudienceConfig, ValueTest } from "../config/targeting-types";
import type { Matches } from "./match";

const show = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

/**
 * Why the conditions do not hold, or `undefined` when they do: every field's test must pass,
 * `all` of a list, `any` of a list, and `not` must fail. `read` gives a field's value.
 *
 * @example failing({ "trait.plan": "pro" }, read, matches) // 'trait.plan "free" is not "pro"'
 */
export function failing(
  conditions: AudienceConfig,
  read: (field: string) => unknown,
  match: Matches,
): string | undefined {
  for (const [key, test] of Object.entries(conditions)) {
    let why: string | undefined;
    if (key === "all" || key === "any") {
      const reasons = (test as AudienceConfig[]).map((c) => failing(c, read, match));
      why =
        key === "all"
          ? reasons.find(Boolean)
          : reasons.every(Boolean)
            ? `none of: ${reasons.join("; ")}`
            : undefined;
    } else if (key === "not") {
      why = failing(test as AudienceConfig, read, match) ? undefined : `not ${show(test)} holds`;
    } else {
      const value = read(key);
      why = match(value, test as ValueTest)
        ? undefined
        : `${key} ${show(value)} ${typeof test === "object" ? "fails" : "is not"} ${show(test)}`;
    }
    if (why) return why;
  }
  return undefined;
}
