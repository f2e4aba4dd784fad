import { type Check, dictionary, either, oneOf, shape, text, url } from "./checks";

const MAX_HEADERS = 20;

/** Checks `collector`: a URL or the collector options. */
export const collectorCheck: Check = either(
  'a URL string or { "url": … }',
  url,
  shape(
    {
      url,
      format: oneOf("json", "ndjson"),
      headers: dictionary(text(1000, undefined, "a string"), MAX_HEADERS),
    },
    ["url"],
  ),
);
