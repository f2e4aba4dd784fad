// Shared by every page of the demo shop: the README's install snippet, the shop's own journey
// signals (visits, tracked buttons) and the demo panel. A file, not inline script, so the demo
// runs under the strict Content-Security-Policy that serve.mjs sends.
!((w, n, t) => {
  t = w[n] =
    w[n] ||
    function () {
      (t.q = t.q || []).push(arguments);
    };
  "init track identify show on off flush consent explain reset destroy".split(" ").forEach((m) => {
    t[m] =
      t[m] ||
      function () {
        t.apply(null, [m].concat([].slice.call(arguments)));
      };
  });
})(window, "touchpoint");

touchpoint.on("answered", (a) => {
  console.log("answered", a);
});
touchpoint.on("sent", (s) => {
  console.log("sent", s.count, "event(s) to the collector");
});

var acme = (window.acme = {
  /** The cart, kept in localStorage: [{ id, qty }]. */
  cart() {
    try {
      return JSON.parse(localStorage.getItem("acme:cart") || "[]");
    } catch (_error) {
      return [];
    }
  },
  saveCart(items) {
    localStorage.setItem("acme:cart", JSON.stringify(items));
    acme.showCartCount();
  },
  showCartCount() {
    var count = acme.cart().reduce((sum, item) => sum + item.qty, 0);
    var badge = document.getElementById("cart-count");
    if (badge) badge.textContent = String(count);
  },
});

// A visit starts when the tab has no visit yet or the shop was idle for 30 minutes.
// Stand-in: the SDK's upcoming visit-count targeting will replace this counter; until then the
// shop tracks "third_visit" itself and the nps-returning survey listens for it.
var VISIT_GAP_MS = 30 * 60 * 1000;
var visit = (() => {
  var now = Date.now();
  var last = Number(localStorage.getItem("acme:last-seen") || 0);
  var visits = Number(localStorage.getItem("acme:visits") || 0);
  var current = sessionStorage.getItem("acme:visit");
  if (!current || now - last > VISIT_GAP_MS) {
    visits += 1;
    localStorage.setItem("acme:visits", String(visits));
    sessionStorage.setItem("acme:visit", String(visits));
    if (visits === 3) touchpoint.track("third_visit");
  }
  localStorage.setItem("acme:last-seen", String(now));
  return visits;
})();

document.addEventListener("click", (e) => {
  var target = e.target instanceof Element ? e.target.closest("[data-track]") : null;
  if (target) touchpoint.track(target.getAttribute("data-track"));
  if (e.target instanceof Element && e.target.id === "new-visit") {
    sessionStorage.removeItem("acme:visit");
    localStorage.setItem("acme:last-seen", "0");
    location.reload();
  }
});

document.addEventListener("DOMContentLoaded", () => {
  acme.showCartCount();
  var counter = document.getElementById("visit-number");
  if (counter) counter.textContent = String(visit);
  fetch("/demo.json")
    .then((r) => r.json())
    .then((info) => {
      var link = document.getElementById("dashboard-link");
      if (link) link.href = info.dashboard;
      var studio = document.getElementById("studio-link");
      if (studio) studio.href = info.studio;
    })
    .catch((error) => console.warn("demo panel:", error));
});
