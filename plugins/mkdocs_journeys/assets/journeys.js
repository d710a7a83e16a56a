/* Draws every chart of a page from its inline JSON spec with the site's own copy of vega-embed, and lets
   readers pick the rounds whose notes stand side by side on a comparison page. */
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-journeys-chart]").forEach(function (el) {
      if (el.getAttribute("data-drawn")) return;
      // A chart drawn while hidden would measure its container as zero wide; it is drawn once shown.
      if (el.closest("[hidden]")) return;
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
  // Without JavaScript the default pair of rounds is shown and the pickers stay hidden; here they appear.
  function pickers(root) {
    root.querySelectorAll("[data-journeys-pair] .journeys-pair__column").forEach(function (column) {
      var select = column.querySelector("select[data-journeys-pick]");
      if (!select || select.getAttribute("data-ready")) return;
      select.setAttribute("data-ready", "yes");
      function show() {
        column.querySelectorAll(".journeys-pair__panel").forEach(function (panel) {
          panel.hidden = panel.getAttribute("data-round") !== select.value;
        });
        draw(column);
      }
      select.addEventListener("change", show);
      show();  // the browser may have restored another choice on reload
      select.closest(".journeys-pair__picker").hidden = false;
    });
  }
  // Material's search overlay is a dialog without a name; screen readers announce it by its search field's label.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var field = dialog && dialog.querySelector("input[aria-label]");
    if (dialog && field && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
    }
  }
  function start() {
    nameSearchDialog();
    pickers(document);
    draw(document);
  }
  // Material's instant navigation swaps pages without reloading; document$ tells us when.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
