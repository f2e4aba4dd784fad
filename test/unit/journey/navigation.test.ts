import { afterEach, describe, expect, it, vi } from "vitest";
import { watchNavigation } from "../../../src/journey/navigation";

afterEach(() => {
  history.replaceState(null, "", "/");
});

describe("SPA navigation", () => {
  it("hears pushState, replaceState, popstate and hashchange without polling, and stops", () => {
    const onChange = vi.fn();
    const stop = watchNavigation(window, onChange);
    history.pushState(null, "", "/a");
    history.replaceState(null, "", "/b");
    window.dispatchEvent(new Event("popstate"));
    window.dispatchEvent(new Event("hashchange"));
    expect(onChange).toHaveBeenCalledTimes(4);
    expect(location.pathname).toBe("/b");
    stop();
    history.pushState(null, "", "/c");
    expect(onChange).toHaveBeenCalledTimes(4);
  });

  it("patches history once, keeping wrappers other libraries added before and after", () => {
    const before = vi.fn();
    const after = vi.fn();
    const original = history.pushState;
    history.pushState = function (this: History, ...args: Parameters<History["pushState"]>) {
      before();
      return original.apply(this, args);
    };
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = watchNavigation(window, first);
    const stopSecond = watchNavigation(window, second);
    const ours = history.pushState;
    history.pushState = function (this: History, ...args: Parameters<History["pushState"]>) {
      after();
      return ours.apply(this, args);
    };
    history.pushState(null, "", "/x");
    expect([before, after, first, second].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
    expect(location.pathname).toBe("/x");
    stopFirst();
    stopSecond();
    history.pushState = ours;
  });

  it("uses the Navigation API where it exists, without touching history", () => {
    const navigation = new EventTarget();
    const fake = { navigation, history: { pushState: "untouched" } } as unknown as Window;
    const onChange = vi.fn();
    const stop = watchNavigation(fake, onChange);
    navigation.dispatchEvent(new Event("currententrychange"));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect((fake.history as unknown as { pushState: string }).pushState).toBe("untouched");
    stop();
    navigation.dispatchEvent(new Event("currententrychange"));
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
