import { beforeEach, describe, expect, it } from "vitest";
import { createHistory } from "../../../src/journey/history";
import { countPageView, firedWithin, journeyKey } from "../../../src/journey/journey";

const key = journeyKey("journey-test");

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe("journey counters", () => {
  it("counts page views per session and sessions ever, and keeps the landing query's utm parameters", () => {
    history.replaceState(null, "", "/?reset_token=secret&utm_source=ad&utm_term=x&utm_id=7");
    countPageView(window, key, 1000, true);
    history.replaceState(null, "", "/next");
    countPageView(window, key, 2000, true);
    const h = createHistory(
      window,
      key,
      () => 3000,
      () => true,
    );
    expect(h.session()).toEqual({
      start: 1000,
      landing: "utm_source=ad&utm_term=x&utm_id=7",
      pages: 2,
    });
    expect(h.ever()).toEqual({ sessions: 1 });
    sessionStorage.clear(); // a new tab session
    countPageView(window, key, 4000, true);
    expect(h.ever().sessions).toBe(2);
    expect(h.session().pages).toBe(1);
    history.replaceState(null, "", "/");
  });

  it("writes nothing to localStorage without consent", () => {
    countPageView(window, key, 1000, false);
    const h = createHistory(
      window,
      key,
      () => 1,
      () => false,
    );
    h.fire("a");
    expect(localStorage.getItem(key)).toBeNull();
    expect(h.fired("a")).toBe(1);
  });

  it("remembers fired triggers per scope: now never, session this tab, ever across sessions", () => {
    const h = createHistory(
      window,
      key,
      () => 5000,
      () => true,
    );
    h.fire("nps");
    expect(firedWithin(window, key, "nps")).toBeUndefined();
    expect(firedWithin(window, key, "nps", "now")).toBeUndefined();
    expect(firedWithin(window, key, "nps", "session")).toBe(5000);
    sessionStorage.clear();
    expect(firedWithin(window, key, "nps", "session")).toBeUndefined();
    expect(firedWithin(window, key, "nps", "ever")).toBe(5000);
    h.clear();
    expect(firedWithin(window, key, "nps", "ever")).toBeUndefined();
  });

  it("survives blocked storage", () => {
    const blocked = {
      get sessionStorage(): Storage {
        throw new DOMException("denied", "SecurityError");
      },
      location,
    } as unknown as Window;
    expect(() => countPageView(blocked, key, 1, true)).not.toThrow();
    expect(firedWithin(blocked, key, "x", "session")).toBeUndefined();
  });
});

describe("fired triggers", () => {
  it("keeps the newest 100, so ids of removed surveys fall off", () => {
    let t = 0;
    const h = createHistory(
      window,
      key,
      () => t,
      () => true,
    );
    for (let i = 0; i < 120; i++) {
      t = i + 1;
      h.fire(`s${i}`);
    }
    t = 121;
    h.fire("s0");
    const fired = h.ever().fired ?? {};
    expect(Object.keys(fired)).toHaveLength(100);
    expect(fired.s0).toBe(121);
    expect(fired.s119).toBe(120);
    expect(fired.s20).toBeUndefined();
  });
});
