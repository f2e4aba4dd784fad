// The audience and `where` rules, a chunk of their own: loaded only when a survey uses one.
export { audienceReader } from "./audience";
export { failing } from "./conditions";
