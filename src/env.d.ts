/** Package version, replaced at build time. */
declare const __TOUCHPOINT_VERSION__: string;
/** File names of the classic script's lazily loaded chunks, by chunk, replaced at build time. */
declare const __TOUCHPOINT_CHUNKS__: Record<string, string>;
/** True under Vitest only, false in every build. */
declare const __TOUCHPOINT_TEST__: boolean;
