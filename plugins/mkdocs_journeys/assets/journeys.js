/* Draws every chart of a page from its inline JSON spec with the site's own copy of vega-embed. */
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-journeys-chart]").forEach(function (el) {
      if (el.getAttribute("data-drawn")) return;
      el.setAttribute("data-drawn", "pending");
      var source = document.getElementById(el.getAttribute("data-journeys-chart"));
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function () {
        el.setAttribute("data-drawn", "yes");
      }).catch(function (err) {
        el.setAttribute("data-drawn", "failed");
        el.textContent = String(err);
      });
    });
  }
  // Material's instant navigation swaps pages without reloading; document$ tells us when.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(function () { draw(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  } else {
    draw(document);
  }
})();
