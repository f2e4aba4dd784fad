// The wire format's limits: the collector refuses an event past them, the SDK never sends one.

/** Longest follow-up comment: the prompt cuts what is typed to it, the collector refuses more. */
export const MAX_COMMENT_LENGTH = 2000;
/** Longest identifier (site key, survey id, touchpoint, variant, visitor, session). */
export const MAX_NAME_LENGTH = 128;
/** Longest `userId` a site may pass to `identify()`. */
export const MAX_USER_ID_LENGTH = 256;
/** Longest contact a visitor may leave (the longest valid email address). */
export const MAX_CONTACT_LENGTH = 254;
/** Longest page URL. */
export const MAX_URL_LENGTH = 2048;
/** Longest BCP 47 tag worth storing. */
export const MAX_LOCALE_LENGTH = 35;
/** Longest SDK version string. */
export const MAX_SDK_VERSION_LENGTH = 32;
