import type { Chunks } from "../engine/types";

/**
 * The files of the chunks build and the module each starts from: the one list that the build
 * (vite.config.ts) reads. The question UI is in the engine's file (src/engine/engine.ts
 * re-exports it): the engine only loads once a survey is armed, when the UI is wanted too, and
 * one file is one request and about 0.5 KB less gzip than two.
 */
export const CHUNKS = {
  engine: "src/engine/engine.ts",
} as const;

/**
 * Which file of the chunks build holds each chunk the loaders ask for (global.ts, instance.ts
 * load by these names): `ui` resolves to the engine's file, already loaded by then.
 */
export const CHUNK_FILES = {
  engine: "engine",
  ui: "engine",
} as const satisfies Record<keyof Chunks, keyof typeof CHUNKS>;

/** A chunk's file name: `touchpoint-ui.mjs`, or `touchpoint-ui-<hash>.mjs` content-hashed. */
export const chunkFile = (name: string, hash?: string) =>
  `touchpoint-${name}${hash ? `-${hash}` : ""}.mjs`;
