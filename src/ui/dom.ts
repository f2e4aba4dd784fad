/**
 * The prompt's renderer: `h()` elements patched onto the DOM. It replaces Preact (4.4 KB gzip, 40%
 * of the UI chunk) for one small form whose state lives outside its components, and keeps
 * Preact's rules for what the prompt uses: a node is reused while its tag and key stay the same
 * (so focus, caret and input method survive a re-render), a prop is set as a property when the
 * element has one and as an attribute otherwise (SVG: always attributes), `value` and `checked`
 * are compared with the element's own, `onFooBar` listens to `foobar`, `style` takes an object of
 * CSS properties, and text is only ever text, never HTML.
 */

// biome-ignore lint/suspicious/noExplicitAny: a component takes props of its own shape
export type Component = (props: any) => ComponentChildren;

export interface VNode {
  type: string | Component;
  props: Record<string, unknown>;
  children: ComponentChildren[];
}

export type ComponentChildren =
  | VNode
  | string
  | number
  | boolean
  | null
  | undefined
  | ComponentChildren[];

/** An element or text to patch onto the page. */
type Resolved = VNode | string;
/** What a node was rendered from, and the current handler of each event it listens to. */
type Rendered = Node & {
  _tp?: Resolved;
  _on?: Record<string, ((event: Event) => void) | undefined>;
};

const SVG = "http://www.w3.org/2000/svg";
/** Props set as attributes although the element has a property of that name (as Preact does). */
const ATTRIBUTES = /^(role|list|form|width|height|type|key)$/;

export function h(
  type: string | Component,
  props: Record<string, unknown> | null,
  ...children: ComponentChildren[]
): VNode {
  return { type, props: props ?? {}, children };
}

/** Flattens children and runs components, leaving elements and text. */
function resolve(child: ComponentChildren, out: Resolved[]): Resolved[] {
  if (Array.isArray(child)) for (const c of child) resolve(c, out);
  else if (typeof child === "object" && child)
    typeof child.type === "function"
      ? resolve(child.type({ ...child.props, children: child.children }), out)
      : out.push(child);
  else if (child != null && typeof child !== "boolean") out.push(String(child));
  return out;
}

const same = (a: Resolved | undefined, b: Resolved) =>
  typeof b === "string"
    ? typeof a === "string"
    : typeof a === "object" && a.type === b.type && a.props.key === b.props.key;

function setProp(el: Element & Rendered, name: string, value: unknown, old: unknown, svg: boolean) {
  const live = el as unknown as Record<string, unknown>;
  if (name === "style") {
    const style = (el as HTMLElement).style;
    const next = (value ?? {}) as Record<string, string>;
    for (const p in (old ?? {}) as object) if (!(p in next)) style.removeProperty(p);
    for (const p in next) style.setProperty(p, next[p] ?? "");
  } else if (name[0] === "o" && name[1] === "n") {
    const type = name.slice(2).toLowerCase();
    el._on ??= {};
    const on = el._on;
    if (!(type in on)) el.addEventListener(type, (event) => on[type]?.(event));
    on[type] = value as (event: Event) => void;
  } else if (!svg && name in el && !ATTRIBUTES.test(name)) {
    // `value` and `checked` against the element's own: the visitor may have changed them.
    if (live[name] !== (value ?? "")) live[name] = value ?? "";
  } else if (value == null || value === false) el.removeAttribute(name);
  else el.setAttribute(name, String(value));
}

/** Patches `node` (rendered from an element or text like `vnode`) or a new node into shape. */
function patch(parent: Node, node: Rendered | undefined, vnode: Resolved, svg: boolean): Rendered {
  const doc = parent.ownerDocument ?? (parent as Document);
  let el: Rendered;
  if (typeof vnode === "string") {
    el = node ?? doc.createTextNode(vnode);
    if (el.nodeValue !== vnode) el.nodeValue = vnode;
  } else {
    const type = vnode.type as string;
    const inSvg = svg || type === "svg";
    el = node ?? (inSvg ? doc.createElementNS(SVG, type) : doc.createElement(type));
    const before = node ? (node._tp as VNode).props : {};
    for (const name in before)
      if (!(name in vnode.props)) setProp(el as Element, name, undefined, before[name], inSvg);
    for (const name in vnode.props) {
      const value = vnode.props[name];
      if (value !== before[name] || name === "value" || name === "checked")
        setProp(el as Element, name, value, before[name], inSvg);
    }
    patchChildren(el, vnode.children, inSvg);
  }
  el._tp = vnode;
  return el;
}

function patchChildren(parent: Node, children: ComponentChildren, svg: boolean): void {
  const free: Array<Rendered | undefined> = [...parent.childNodes];
  const nodes = resolve(children, []).map((vnode, i) => {
    const at = same(free[i]?._tp, vnode) ? i : free.findIndex((n) => same(n?._tp, vnode));
    const reused = at < 0 ? undefined : free[at];
    if (reused) free[at] = undefined;
    return patch(parent, reused, vnode, svg);
  });
  for (const n of free) if (n) parent.removeChild(n);
  let ref = parent.firstChild;
  for (const n of nodes) {
    if (n === ref) ref = ref.nextSibling;
    else parent.insertBefore(n, ref);
  }
}

/** Renders into `root`, patching what the last render left there; `null` empties it. */
export function render(vnode: ComponentChildren, root: Element | DocumentFragment): void {
  patchChildren(root, vnode, false);
}
