import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SurveyConfig, TriggerConfig } from "../../../src/config/types";
import { click } from "../../../src/journey/click";
import { dwell } from "../../../src/journey/dwell";
import { exit } from "../../../src/journey/exit";
import { idle } from "../../../src/journey/idle";
import { scroll } from "../../../src/journey/scroll";
import type { SignalContext } from "../../../src/journey/signal";
import { createTimers } from "../../../src/journey/timers";
import { visible } from "../../../src/journey/visible";
import { createWatch } from "../../../src/journey/watch";

let visibility: DocumentVisibilityState = "visible";
let listeners = 0;

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event("visibilitychange"));
}

function context(): SignalContext {
  const timers = createTimers({
    window,
    now: () => Date.now(),
    setTimeout: (cb, ms) => setTimeout(cb, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
  });
  return {
    window,
    timers,
    now: () => Date.now(),
    sessionStart: () => Date.now() - 20_000,
    listen(target, type, handler, capture = false) {
      const options = { capture, passive: true };
      target.addEventListener(type, handler, options);
      listeners += 1;
      return () => {
        listeners -= 1;
        target.removeEventListener(type, handler, options);
      };
    },
  };
}

const trigger = (t: Partial<TriggerConfig>) => ({ on: "click", ...t }) as TriggerConfig;

beforeEach(() => {
  vi.useFakeTimers();
  visibility = "visible";
  listeners = 0;
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("timers", () => {
  it("run no timer while the tab is hidden, and finish the rest once it is visible", () => {
    const ctx = context();
    const task = vi.fn();
    ctx.timers.after(10_000, task);
    vi.advanceTimersByTime(4000);
    setVisibility("hidden");
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(task).not.toHaveBeenCalled();
    setVisibility("visible");
    vi.advanceTimersByTime(5999);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    expect(ctx.timers.size()).toBe(0);
  });

  it("do not start while hidden, and cancel cleanly", () => {
    const ctx = context();
    setVisibility("hidden");
    const task = vi.fn();
    const cancel = ctx.timers.after(100, task);
    vi.advanceTimersByTime(1000);
    cancel();
    setVisibility("visible");
    vi.advanceTimersByTime(1000);
    expect(task).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("signals", () => {
  it("click: delegated, so an element re-rendered after arming still counts", () => {
    const fire = vi.fn();
    const stop = click(context(), trigger({ selector: "#buy" }), fire);
    document.body.innerHTML = `<button id="buy"><span>Buy</span></button><button id="other">x</button>`;
    document.querySelector<HTMLElement>("#other")?.click();
    expect(fire).not.toHaveBeenCalled();
    document.querySelector<HTMLElement>("#buy span")?.click();
    expect(fire).toHaveBeenCalledWith("click on #buy");
    stop();
    expect(listeners).toBe(0);
  });

  it("scroll: a page that cannot scroll counts as fully scrolled", () => {
    const fire = vi.fn();
    scroll(context(), trigger({ on: "scroll", percent: 90 }), fire);
    expect(fire).toHaveBeenCalledWith("scroll 100% of the page");
  });

  it("scroll: any percentage of a scroll container", () => {
    document.body.innerHTML = `<div id="pane"></div>`;
    const pane = document.querySelector("#pane") as HTMLElement;
    let top = 0;
    Object.defineProperties(pane, {
      scrollHeight: { get: () => 2000 },
      clientHeight: { get: () => 500 },
      scrollTop: { get: () => top },
    });
    const fire = vi.fn();
    const stop = scroll(context(), trigger({ on: "scroll", selector: "#pane", percent: 30 }), fire);
    expect(fire).not.toHaveBeenCalled();
    top = 50; // (50 + 500) / 2000 = 27.5%
    pane.dispatchEvent(new Event("scroll"));
    expect(fire).not.toHaveBeenCalled();
    top = 200; // 35%
    pane.dispatchEvent(new Event("scroll"));
    expect(fire).toHaveBeenCalledWith("scroll 35% of #pane");
    stop();
  });

  it("visible: observes matches present now and added later, at the configured ratio", () => {
    const observers: Array<{
      cb: IntersectionObserverCallback;
      els: Element[];
      threshold: number[];
    }> = [];
    const Original = window.IntersectionObserver;
    window.IntersectionObserver = class {
      els: Element[] = [];
      constructor(cb: IntersectionObserverCallback, options: IntersectionObserverInit) {
        observers.push({ cb, els: this.els, threshold: options.threshold as number[] });
      }
      observe(el: Element) {
        this.els.push(el);
      }
      disconnect() {}
    } as unknown as typeof IntersectionObserver;
    try {
      const fire = vi.fn();
      const stop = visible(
        context(),
        trigger({ on: "visible", selector: ".promo", percent: 60 }),
        fire,
      );
      const o = observers[0];
      expect(o?.threshold).toContain(0.6);
      document.body.innerHTML = `<div class="promo"></div>`;
      return Promise.resolve().then(() => {
        expect(o?.els).toHaveLength(1);
        const entry = (ratio: number) =>
          ({
            isIntersecting: ratio > 0,
            intersectionRatio: ratio,
            intersectionRect: { height: ratio * 100 },
            rootBounds: { height: 800 },
          }) as unknown as IntersectionObserverEntry;
        o?.cb([entry(0.3)], {} as IntersectionObserver);
        expect(fire).not.toHaveBeenCalled();
        o?.cb([entry(0.6)], {} as IntersectionObserver);
        expect(fire).toHaveBeenCalledWith(".promo 60% visible");
        stop();
      });
    } finally {
      window.IntersectionObserver = Original;
    }
  });

  it("dwell: visible seconds on the page, or time since the session started", () => {
    const ctx = context();
    const onPage = vi.fn();
    const inSession = vi.fn();
    dwell(ctx, trigger({ on: "dwell", seconds: 30 }), onPage);
    dwell(ctx, trigger({ on: "dwell", seconds: 30, within: "session" }), inSession);
    vi.advanceTimersByTime(10_000);
    expect(inSession).toHaveBeenCalledWith("dwell 30s in the session");
    setVisibility("hidden");
    vi.advanceTimersByTime(60_000);
    setVisibility("visible");
    expect(onPage).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20_000);
    expect(onPage).toHaveBeenCalledWith("dwell 30s on the page");
  });

  it("idle: any input restarts the quiet time", () => {
    const fire = vi.fn();
    idle(context(), trigger({ on: "idle", seconds: 10 }), fire);
    vi.advanceTimersByTime(8000);
    document.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(8000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(fire).toHaveBeenCalledWith("idle 10s");
  });

  it("exit: pointer out through the top, a fast scroll up, or a return to the tab", () => {
    const top = vi.fn();
    exit(context(), trigger({ on: "exit", exitOn: ["top"] }), top);
    document.dispatchEvent(new MouseEvent("mouseout", { clientY: 300 }));
    expect(top).not.toHaveBeenCalled();
    document.dispatchEvent(new MouseEvent("mouseout", { clientY: 0 }));
    expect(top).toHaveBeenCalledWith("exit intent (pointer left through the top)");

    const back = vi.fn();
    exit(context(), trigger({ on: "exit", exitOn: ["return"] }), back);
    setVisibility("hidden");
    expect(back).not.toHaveBeenCalled();
    setVisibility("visible");
    expect(back).toHaveBeenCalledWith("exit intent (returned to the tab)");

    const up = vi.fn();
    let y = 1000;
    Object.defineProperty(window, "scrollY", { configurable: true, get: () => y });
    exit(context(), trigger({ on: "exit", exitOn: ["scrollUp"] }), up);
    for (const next of [990, 980]) {
      vi.advanceTimersByTime(400); // slow: not an exit
      y = next;
      window.dispatchEvent(new Event("scroll"));
    }
    expect(up).not.toHaveBeenCalled();
    for (const next of [930, 880, 830]) {
      vi.advanceTimersByTime(50);
      y = next;
      window.dispatchEvent(new Event("scroll"));
    }
    expect(up).toHaveBeenCalledWith("exit intent (fast scroll up)");
  });
});

describe("watch", () => {
  const survey = (id: string, t: Partial<TriggerConfig>) =>
    ({ id, trigger: { ...t } }) as unknown as SurveyConfig;

  it("fires each survey once per page and replaces all watchers on set, so nothing piles up", () => {
    const ctx = context();
    const watch = createWatch(ctx);
    const fire = vi.fn();
    const surveys = [
      survey("a", { on: "click", selector: "#x" }),
      survey("b", { on: "idle", seconds: 5 }),
      survey("c", { on: "exit", exitOn: ["top", "scrollUp", "return"] }),
      survey("d", { on: "dwell", seconds: 60 }),
    ];
    watch.set(surveys, fire);
    const afterOne = [listeners, ctx.timers.size()];
    for (let i = 0; i < 1000; i++) watch.set(surveys, fire);
    expect([listeners, ctx.timers.size()]).toEqual(afterOne);
    document.body.innerHTML = `<i id="x"></i>`;
    document.querySelector<HTMLElement>("#x")?.click();
    document.querySelector<HTMLElement>("#x")?.click();
    expect(fire.mock.calls.map((c) => (c[0] as SurveyConfig).id)).toEqual(["a"]);
    watch.set([], fire);
    expect([listeners, ctx.timers.size()]).toEqual([0, 0]);
  });

  it("cleans up a signal that fired while being set up", () => {
    const ctx = context();
    const watch = createWatch(ctx);
    const fire = vi.fn();
    watch.set([survey("s", { on: "scroll", percent: 50 })], fire);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(listeners).toBe(0);
  });
});
