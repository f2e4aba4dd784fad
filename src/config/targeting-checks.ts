import { type Check, either, list, number, oneOf, shape, text } from "./checks";

const MAX_URL_PATTERNS = 50;
const MAX_DAYS = 3650;
/** Ids and event names: letters, digits and `_ . : -`. */
export const ID = /^[A-Za-z0-9_.:-]+$/;

const days = number(0, MAX_DAYS);
const pathPattern = text(300, /^[^\s]+$/, "a URL path pattern");

/** Checks a survey's `trigger`. */
export const triggerCheck: Check = shape(
  {
    on: oneOf("pageview", "event", "manual"),
    event: text(100, ID, "an event name (letters, digits, _ . : -)"),
    url: either(
      "a path pattern or a list of them",
      pathPattern,
      list(pathPattern, MAX_URL_PATTERNS),
    ),
    delay: number(0, 3600),
  },
  ["on"],
);

/** Checks a survey's `frequency`. */
export const frequencyCheck = shape({
  afterAnswerDays: days,
  afterDismissDays: days,
  afterShownDays: days,
});

/** Checks the top-level `policy`. */
export const policyCheck = shape({ maxPerSession: number(1, 100), minDaysBetween: days });
