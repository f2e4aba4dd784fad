// Shared by the demo pages: the README's install snippet and the shop's own buttons. Kept in a
// file (not inline) so the demo also runs under a strict Content-Security-Policy.
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

document.addEventListener("click", (e) => {
  var target = e.target instanceof Element ? e.target.closest("[data-track]") : null;
  if (target) touchpoint.track(target.getAttribute("data-track"));
});
