import type { Chunks } from "../engine/types";

/**
 * The lazily loaded chunks and the module each starts from: the one list that the build
 * (vite.config.ts) and both loaders (global.ts, instance.ts) read.
 */
export const CHUNKS = {
  engine: "src/engine/engine.ts",
  ui: "src/ui/ui.ts",
} as const satisfies Record<keyof Chunks, string>;

/** A chunk's file name: `touchpoint-ui.mjs`, or `touchpoint-ui-<hash>.mjs` content-hashed. */
export const chunkFile = (name: string, hash?: string) =>
  `touchpoint-${name}${hash ? `-${hash}` : ""}.mjs`;
