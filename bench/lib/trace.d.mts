/** A complete event of the page's main thread, with its times in the page's performance.now() ms. */
export interface MainEvent {
  name: string;
  ts: number;
  dur: number;
  at: number;
  end: number;
  ms: number;
  cpu: number;
  args?: { data?: { url?: string }; fileName?: string };
}
export type MainThread = MainEvent[] & { clockErrorMs?: number };
export interface TraceEvent {
  name: string;
  ph?: string;
  ts: number;
  pid?: number;
  tid?: number;
  args?: { data?: { message?: string } };
}
export interface Span {
  ms: number;
  cpu: number;
  tasks: number;
  long: number;
  parts: Record<string, number>;
  own?: { ms: number; cpu: number; tasks: number; longestMs: number; endsInside: boolean };
}
export const TASKS_ONLY: string;
export const DETAIL: string;
export function startTrace(
  page: unknown,
  cdp: unknown,
  categories?: string,
): Promise<{ stop(): Promise<MainThread> }>;
export function tieClocks(
  events: TraceEvent[],
  anchors: number[],
): { stamp: TraceEvent; page0: number; errorMs: number };
export function afterTaskAt(main: MainEvent[], at: number): number;
export function phase(
  main: MainEvent[],
  from: number,
  to: number,
  ownScript?: { test(url: string): boolean },
): Span;
