import type { TouchpointApi } from "../api";
import type { ChunkLoader, ChunkPrefetcher, Chunks } from "../engine/types";
import { chunkFile } from "./chunks";
import { browserEnvironment } from "./env";
import { modulePreload } from "./prefetch";
import { createTouchpoint } from "./touchpoint";

let instance: TouchpointApi | undefined;

// Bundlers see these relative imports and emit the chunks next to the entry.
const chunks = {
  engine: () => import("../engine/engine"),
  ui: () => import("../ui/ui"),
} satisfies { [K in keyof Chunks]: () => Promise<Chunks[K]> };
const loadChunk: ChunkLoader = (name, baseUrl) =>
  (baseUrl
    ? import(/* @vite-ignore */ new URL(chunkFile(name), baseUrl).href)
    : chunks[name]()) as never;
// A bundler owns the chunks' URLs: importing one fetches it and only defines its functions.
const prefetchChunk: ChunkPrefetcher = (name, baseUrl) =>
  baseUrl
    ? modulePreload(document, new URL(chunkFile(name), baseUrl).href)
    : void chunks[name]().catch(() => undefined);

/**
 * The page's Touchpoint, created on first use so that importing the module has no side effects
 * (safe in server-side rendering, where there is no window).
 */
function get(): TouchpointApi | undefined {
  if (!instance && typeof window !== "undefined")
    instance = createTouchpoint(browserEnvironment(loadChunk, prefetchChunk));
  return instance;
}

export const init: TouchpointApi["init"] = (config) => get()?.init(config);
export const track: TouchpointApi["track"] = (name, props) => get()?.track(name, props);
export const identify: TouchpointApi["identify"] = (id, traits) => get()?.identify(id, traits);
export const show: TouchpointApi["show"] = (surveyId, options) =>
  get()?.show(surveyId, options) ?? Promise.resolve(false);
export const on: TouchpointApi["on"] = (event, listener) =>
  get()?.on(event, listener) ?? (() => undefined);
export const off: TouchpointApi["off"] = (event, listener) => get()?.off(event, listener);
export const flush: TouchpointApi["flush"] = () => get()?.flush() ?? Promise.resolve();
export const consent: TouchpointApi["consent"] = (granted) => get()?.consent(granted);
export const explain: TouchpointApi["explain"] = (surveyId) =>
  get()?.explain(surveyId) ?? Promise.resolve([]);
export const reset: TouchpointApi["reset"] = () => get()?.reset();
export const destroy: TouchpointApi["destroy"] = () => get()?.destroy();
