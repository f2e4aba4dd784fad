// The single-page part of the demo shop: product, cart, checkout and order confirmation are
// routes of one page. Links with data-spa change the URL with history.pushState, so the SDK
// sees route changes without page loads; the shop tracks the journey's moments itself.
var PRODUCTS = {
  "trail-runner": { name: "Trail runner", price: 89, blurb: "Grippy, light and waterproof." },
  "road-racer": { name: "Road racer", price: 139, blurb: "Carbon plate, 190 g a shoe." },
  "rain-jacket": { name: "Rain jacket", price: 119, blurb: "Packs into its own pocket." },
  "merino-socks": { name: "Merino socks", price: 24, blurb: "Three pairs, no blisters." },
};
var view = document.getElementById("view");
var money = (n) => `€${n.toFixed(2)}`;

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  for (var key of Object.keys(attrs || {})) {
    if (key === "text") node.textContent = attrs[key];
    else node.setAttribute(key, attrs[key]);
  }
  for (var child of children || []) node.append(child);
  return node;
}

function link(href, text, attrs) {
  return el("a", Object.assign({ href, "data-spa": "" }, attrs), [text]);
}

function total(items) {
  return items.reduce((sum, item) => sum + (PRODUCTS[item.id]?.price ?? 0) * item.qty, 0);
}

var routes = [
  [
    /^\/shop\/product\/([\w-]+)$/,
    (id) => {
      var product = PRODUCTS[id];
      if (!product) return notFound();
      var add = el("button", { type: "button", id: "add-to-cart", text: "Add to cart" });
      add.addEventListener("click", () => {
        var items = acme.cart();
        var item = items.find((i) => i.id === id);
        if (item) item.qty += 1;
        else items.push({ id, qty: 1 });
        acme.saveCart(items);
        navigate("/shop/cart");
      });
      return [
        `Acme Shop: ${product.name}`,
        el("h1", { text: product.name }),
        el("p", { class: "lead", text: product.blurb }),
        el("p", { class: "price", text: money(product.price) }),
        add,
      ];
    },
  ],
  [
    /^\/shop\/cart$/,
    () => {
      var items = acme.cart();
      if (!items.length) {
        return [
          "Acme Shop: your cart",
          el("h1", { text: "Your cart" }),
          el("p", { text: "Your cart is empty. " }, [
            link("/shop/product/trail-runner", "See the trail runner"),
          ]),
        ];
      }
      var list = el(
        "ul",
        { class: "lines card" },
        items.map((i) =>
          el("li", {
            text: `${i.qty} × ${PRODUCTS[i.id]?.name ?? i.id} — ${money((PRODUCTS[i.id]?.price ?? 0) * i.qty)}`,
          }),
        ),
      );
      var exit = el("button", {
        type: "button",
        class: "link",
        id: "exit-intent",
        text: "Simulate leaving the page (exit intent)",
      });
      exit.addEventListener("click", cartExitIntent);
      return [
        "Acme Shop: your cart",
        el("h1", { text: "Your cart" }),
        list,
        el("p", { class: "price", text: `Total ${money(total(items))}` }),
        el("p", {}, [link("/shop/checkout", "Go to checkout", { class: "button" })]),
        el("p", { class: "hint" }, [
          "Leaving with a full cart asks how shopping went: move the pointer out through the top of the window, or ",
          exit,
          ".",
        ]),
      ];
    },
  ],
  [
    /^\/shop\/checkout$/,
    () => {
      var items = acme.cart();
      var place = el("button", { type: "submit", text: "Place order" });
      var form = el("form", { class: "card", id: "checkout" }, [
        el("p", {}, [
          el("label", { for: "email", text: "Email" }),
          el("input", {
            id: "email",
            type: "email",
            value: "runner@example.com",
            autocomplete: "email",
          }),
        ]),
        el("p", {
          text: `${items.length ? "" : "Your cart is empty, so this is a demo order. "}Total ${money(total(items) || 89)}`,
        }),
        place,
      ]);
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        acme.saveCart([]);
        navigate(`/shop/order/${Math.floor(10000 + Math.random() * 90000)}`);
        // The order confirmation route is showing (and the URL matches /shop/order/*) before
        // the event, so the survey's url rule sees the new route.
        touchpoint.track("order_completed");
      });
      return ["Acme Shop: checkout", el("h1", { text: "Checkout" }), form];
    },
  ],
  [
    /^\/shop\/order\/(\d+)$/,
    (id) => [
      "Acme Shop: order confirmed",
      el("h1", { text: "Thank you for your order" }),
      el("p", { class: "lead", text: `Order ${id} is confirmed; it ships today.` }),
      el("p", {}, [
        "Questions about returns? ",
        el("a", { href: "/help/returns" }, ["Read how returns work"]),
        ".",
      ]),
    ],
  ],
];

function notFound() {
  return [
    "Acme Shop: not found",
    el("h1", { text: "Page not found" }),
    el("p", {}, [el("a", { href: "/" }, ["Back home"])]),
  ];
}

var exitTracked = false;
function cartExitIntent() {
  // Stand-in for the SDK's upcoming exit-intent trigger: the shop detects the pointer leaving
  // through the top of the window and tracks an event that the csat-cart-exit survey listens for.
  if (exitTracked || location.pathname !== "/shop/cart" || !acme.cart().length) return;
  exitTracked = true;
  touchpoint.track("cart_exit_intent");
}
document.addEventListener("mouseout", (e) => {
  if (!e.relatedTarget && e.clientY <= 0) cartExitIntent();
});

function render(moveFocus) {
  var path = location.pathname;
  var match;
  var route = routes.find(([pattern]) => (match = pattern.exec(path)));
  var [title, ...nodes] = route ? route[1](match[1]) : notFound();
  document.title = title;
  view.replaceChildren(...nodes);
  exitTracked = false;
  // After a route change, focus the new content so keyboard and screen reader users follow.
  if (moveFocus === true) view.focus();
}

function navigate(path) {
  if (path !== location.pathname) history.pushState(null, "", path);
  render(true);
}

document.addEventListener("click", (e) => {
  var a = e.target instanceof Element ? e.target.closest("a[data-spa]") : null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  var url = new URL(a.href);
  if (url.origin !== location.origin || !url.pathname.startsWith("/shop/")) return;
  e.preventDefault();
  navigate(url.pathname);
});
window.addEventListener("popstate", () => render(true));
render();
