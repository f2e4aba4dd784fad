import {
  type Check,
  dictionary,
  either,
  isRecord,
  isUrl,
  number,
  oneOf,
  shape,
  text,
  url,
  when,
} from "./checks";

const MAX_HEADERS = 20;

const expected = 'a URL string or { "url": … }';

/** The part of `collector` the core needs at `init`: where to send (as `either` words it). */
export const collectorStartCheck: Check = when(
  (v) => isUrl(v) || (isRecord(v) && isUrl(v.url)),
  expected,
);

/** Checks `collector`: a URL or the collector options. */
export const collectorCheck: Check = either(
  expected,
  url,
  shape(
    {
      url,
      format: oneOf("json", "ndjson"),
      headers: dictionary(text(1000, undefined, "a string"), MAX_HEADERS),
      transform: when((v) => typeof v === "function", "a function"),
      timeoutMs: number(100, 600_000),
      retryBaseMs: number(10, 3_600_000),
      retryMaxMs: number(10, 86_400_000),
      maxEvents: number(1, 100_000),
      maxBytes: number(1000, 100_000_000),
      maxAgeDays: number(1, 365),
    },
    ["url"],
  ),
);
