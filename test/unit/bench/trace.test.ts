// @vitest-environment node
// The bench's trace arithmetic (bench/lib/trace.mjs) on hand-made trace events: which tasks count
// as a subject's own, and how the trace's clock is tied to the page's.
import { describe, expect, it } from "vitest";
import { afterTaskAt, type MainEvent, phase, tieClocks } from "../../../bench/lib/trace.mjs";

/** A main-thread event from `at` to `at + ms` (page ms, the page's time 0 at trace time 0). */
const event = (name: string, at: number, ms: number, url?: string, cpu = ms): MainEvent => ({
  name,
  ts: at * 1000,
  dur: ms * 1000,
  at,
  end: at + ms,
  ms,
  cpu,
  ...(url ? { args: { data: { url } } } : {}),
});
const OWN = /\/dist\/touchpoint(-[\w-]+\.mjs|\.js)$/;

describe("bench trace: the tasks that ran a subject's own script", () => {
  const main = [
    // Another script's evaluation: not Touchpoint's.
    event("RunTask", 0, 10),
    event("EvaluateScript", 1, 5, "http://127.0.0.1:1/dist/bench-empty.js"),
    // Touchpoint's function call, with the microtasks at the end of its task.
    event("RunTask", 20, 10, undefined, 6),
    event("ThreadControllerImpl::RunTask", 20, 10),
    event("FunctionCall", 21, 4, "http://127.0.0.1:1/dist/touchpoint.js"),
    event("RunMicrotasks", 26, 3),
    // A chunk compiled in a task that runs past the window's end.
    event("RunTask", 40, 60),
    event("v8.compile", 41, 2, "http://127.0.0.1:1/dist/touchpoint-engine-Ab3_x-9Z.mjs"),
    // A task after the window.
    event("RunTask", 120, 5),
    event("FunctionCall", 121, 1, "http://127.0.0.1:1/dist/touchpoint.js"),
  ];

  it("counts the window's tasks once each, cut to the window", () => {
    const span = phase(main, 5, 60);
    expect(span.ms).toBe(5 + 10 + 20);
    expect(span.tasks).toBe(3);
    expect(span.own).toBeUndefined();
  });

  it("sums the tasks that compiled, evaluated or called the own script, cut to the window", () => {
    const { own } = phase(main, 5, 60, OWN);
    expect(own).toEqual({ ms: 10 + 20, cpu: 6 + 20, tasks: 2, longestMs: 60, endsInside: true });
  });

  it("counts nothing of the subject's own when its code did not run in the window", () => {
    expect(phase(main, 0, 15, OWN).own).toEqual({
      ms: 0,
      cpu: 0,
      tasks: 0,
      longestMs: 0,
      endsInside: false,
    });
  });

  it("tells whether the window ends in a task that ran the own script", () => {
    expect(phase(main, 5, 25, OWN).own?.endsInside).toBe(true);
    expect(phase(main, 5, 35, OWN).own?.endsInside).toBe(false);
  });
});

describe("bench trace: where a window starts", () => {
  it("starts after the task that read the page's clock, or at once when the thread was idle", () => {
    const main = [
      event("RunTask", 0, 30),
      event("ThreadControllerImpl::RunTask", 0, 30),
      event("EvaluateScript", 1, 2),
      event("RunTask", 40, 5),
    ];
    expect(afterTaskAt(main, 2)).toBe(30);
    expect(afterTaskAt(main, 35)).toBe(35);
  });
});

describe("bench trace: tying the trace's clock to the page's", () => {
  const stamp = (message: string, ms: number) => ({
    name: "TimeStamp",
    ph: "I",
    ts: ms * 1000,
    pid: 7,
    args: { data: { message } },
  });

  it("keeps the narrowest bracket of marks around a performance.now()", () => {
    // Try 0 was stopped 4 ms between its marks (the throttler, or the core taken away).
    const events = [
      stamp("bench-trace-anchor 0 before", 1000),
      stamp("bench-trace-anchor 0 after", 1004.1),
      stamp("bench-trace-anchor 1 before", 1004.2),
      stamp("bench-trace-anchor 1 after", 1004.3),
    ];
    const clock = tieClocks(events, [500, 504.25]);
    expect(clock.page0).toBeCloseTo(500, 6);
    expect(clock.errorMs).toBeCloseTo(0.05, 6);
    expect(clock.stamp.pid).toBe(7);
  });

  it("says so when no mark was recorded", () => {
    expect(() => tieClocks([], [1])).toThrow("the time marks were not recorded");
  });
});
