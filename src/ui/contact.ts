import { MAX_CONTACT_LENGTH } from "../wire/limits";
import type { ContactField } from "./strings";

const CHECKS: Record<ContactField, RegExp> = {
  // Something@something.tld: what a person can type by mistake is caught, nothing stricter.
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  tel: /^\+?[\d\s()./-]{5,32}$/,
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  text: /^[^\u0000-\u001f\u007f]+$/,
};

/** True when `value` (already trimmed) is a contact of this kind; empty counts as valid (optional). */
export function validContact(field: ContactField, value: string): boolean {
  return value === "" || (value.length <= MAX_CONTACT_LENGTH && CHECKS[field].test(value));
}
