import { afterEach, describe, expect, it, vi } from "vitest";
import { type ComponentChildren, h, render } from "../../../src/ui/dom";

let root: HTMLElement;
const mount = (vnode: ComponentChildren) => {
  root ??= document.body.appendChild(document.createElement("div"));
  render(vnode, root);
  return root;
};
afterEach(() => {
  render(null, root);
  root.remove();
  root = undefined as unknown as HTMLElement;
});

describe("the prompt's renderer", () => {
  it("keeps the focused field, its text and its caret across a re-render that adds siblings", () => {
    const form = (extra: boolean, text: string) =>
      h(
        "form",
        null,
        h("textarea", { value: text }),
        extra && h("div", { class: "consent" }, "Agree"),
        h("div", { class: "actions" }, h("button", { type: "submit" }, "Send")),
      );
    mount(form(false, "ab"));
    const area = root.querySelector("textarea") as HTMLTextAreaElement;
    area.focus();
    area.setSelectionRange(1, 1);
    mount(form(true, "ab"));
    expect(root.querySelector("textarea")).toBe(area);
    expect(document.activeElement).toBe(area);
    expect(area.selectionStart).toBe(1);
    expect([...(root.firstChild?.childNodes ?? [])].map((n) => (n as Element).tagName)).toEqual([
      "TEXTAREA",
      "DIV",
      "DIV",
    ]);
    expect(root.querySelector(".consent + .actions button")?.textContent).toBe("Send");
  });

  it("puts text in as text, never as HTML, and updates it in place", () => {
    mount(h("p", null, "<b>x</b>", 3));
    const p = root.querySelector("p") as HTMLParagraphElement;
    expect(p.textContent).toBe("<b>x</b>3");
    expect(root.querySelector("b")).toBeNull();
    mount(h("p", null, "<i>y</i>", 4));
    expect(root.querySelector("p")).toBe(p);
    expect(p.textContent).toBe("<i>y</i>4");
  });

  it("sets properties where the element has them and attributes otherwise, and removes both", () => {
    mount(h("input", { type: "checkbox", checked: true, "aria-describedby": "x", id: "a" }));
    const box = root.querySelector("input") as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.getAttribute("aria-describedby")).toBe("x");
    mount(h("input", { type: "checkbox", checked: false, id: "a" }));
    expect(root.querySelector("input")).toBe(box);
    expect(box.checked).toBe(false);
    expect(box.hasAttribute("aria-describedby")).toBe(false);
  });

  it("sets a value the visitor changed back to what the state says", () => {
    mount(h("input", { value: "kept" }));
    const input = root.querySelector("input") as HTMLInputElement;
    input.value = "typed";
    mount(h("input", { value: "kept" }));
    expect(input.value).toBe("kept");
  });

  it("listens with the latest handler, once per event, and by the lower-case event name", () => {
    const first = vi.fn();
    const second = vi.fn();
    mount(h("button", { onKeyDown: first }));
    const button = root.querySelector("button") as HTMLButtonElement;
    mount(h("button", { onKeyDown: second }));
    button.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    mount(h("button", null));
    button.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(second).toHaveBeenCalledTimes(1);
  });

  it("draws SVG in the SVG namespace with attributes", () => {
    mount(h("svg", { viewBox: "0 0 24 24" }, h("circle", { cx: 12, r: 9.5, class: "eye" })));
    const circle = root.querySelector("circle") as SVGCircleElement;
    expect(circle.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(circle.getAttribute("cx")).toBe("12");
    expect(root.querySelector("svg")?.getAttribute("viewBox")).toBe("0 0 24 24");
  });

  it("runs components, flattens arrays, skips false and null, and keeps keyed items with their nodes", () => {
    const Item = (props: { label: string }) => h("li", null, props.label);
    const list = (order: string[]) =>
      h(
        "ul",
        null,
        order.map((label) => h("li", { key: label }, label)),
        false,
        null,
        h(Item, { label: "end" }),
      );
    mount(list(["a", "b"]));
    const [a, b] = root.querySelectorAll("li");
    mount(list(["b", "a"]));
    const after = root.querySelectorAll("li");
    expect(after[0]).toBe(b);
    expect(after[1]).toBe(a);
    expect([...after].map((li) => li.textContent)).toEqual(["b", "a", "end"]);
  });

  it("sets style custom properties and removes the ones left out", () => {
    mount(h("div", { style: { "--ac": "#000", "--bg": "#fff" } }));
    const div = root.querySelector("div") as HTMLDivElement;
    mount(h("div", { style: { "--ac": "#111" } }));
    expect(div.style.getPropertyValue("--ac")).toBe("#111");
    expect(div.style.getPropertyValue("--bg")).toBe("");
  });

  it("empties the root with null", () => {
    mount(h("p", null, "x"));
    render(null, root);
    expect(root.childNodes).toHaveLength(0);
  });
});
