/** Package version, replaced at build time. */
declare const __TOUCHPOINT_VERSION__: string;
