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
      // The spec is the chart's own sibling, never whatever element of the page (an author's, say) has its id.
      var source = el.parentNode.querySelector('script[type="application/json"]');
      if (!source || source.id !== el.getAttribute("data-journeys-chart")) return;
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function (result) {
        el.setAttribute("data-drawn", "yes");
        // A long journey's curve scrolls sideways: keyboard users reach it to scroll with the arrow keys.
        if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
        downloads(el, spec, result.view, el.getAttribute("data-journeys-chart"));
      }).catch(function (err) {
        el.setAttribute("data-drawn", "failed");
        el.textContent = String(err);
      });
    });
  }
  // The chart's data: the rows behind every mark a reader can point at (those with a tooltip), each data set once,
  // in drawing order. Helper data (the zero line, quadrant names) has no tooltip and is left out.
  function specRows(spec) {
    var seen = {}, rows = [];
    (function walk(node, values, tooltip) {
      if (!node || typeof node !== "object") return;
      if (node.data && Array.isArray(node.data.values)) values = node.data.values;
      tooltip = tooltip || Boolean(node.encoding && node.encoding.tooltip) ||
        Boolean(node.mark && typeof node.mark === "object" && node.mark.tooltip);
      if (node.mark && tooltip && values && values.length) {
        var key = JSON.stringify(values);
        if (!seen[key]) { seen[key] = true; rows = rows.concat(values); }
      }
      ["layer", "vconcat", "hconcat", "concat"].forEach(function (part) {
        (node[part] || []).forEach(function (child) { walk(child, values, tooltip); });
      });
    })(spec, null, false);
    return rows;
  }
  // Cells a spreadsheet would run as a formula (OWASP's list) get a leading apostrophe; numbers stay numbers.
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    var text = String(value);
    if (typeof value === "string" && /^[=+\-@\t\r\n\0]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function toCsv(rows) {
    var columns = [];
    rows.forEach(function (row) {
      Object.keys(row).forEach(function (key) { if (columns.indexOf(key) < 0) columns.push(key); });
    });
    var lines = [columns.map(csvCell).join(",")];
    rows.forEach(function (row) { lines.push(columns.map(function (key) { return csvCell(row[key]); }).join(",")); });
    return lines.join("\r\n") + "\r\n";
  }
  function save(url, name) {
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  // Buttons under a drawn chart: its data as CSV, and the picture as SVG or PNG, named after the page and chart.
  function downloads(el, spec, view, chartId) {
    var bar = el.closest("figure") && el.closest("figure").querySelector(".journeys-chart__downloads");
    if (!bar || bar.childElementCount) return;
    // The page's address names the file: /2026-q3/journeys/laptop/ gives 2026-q3-journeys-laptop-curve.svg.
    var page = location.pathname.replace(/(index)?\.html$/, "").split("/").filter(Boolean).join("-") || "home";
    var base = page + "-" + chartId.replace(/^journeys-chart-/, "");
    function button(label, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button journeys-chart__download";
      b.textContent = label;
      b.addEventListener("click", action);
      bar.appendChild(b);
    }
    button(bar.getAttribute("data-label-data"), function () {
      var blob = new Blob(["\ufeff" + toCsv(specRows(spec))], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      save(url, base + ".csv");
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
    ["svg", "png"].forEach(function (kind) {
      button(bar.getAttribute("data-label-" + kind), function () {
        // PNG at twice the size, sharp on slides and high-density screens.
        view.toImageURL(kind, kind === "png" ? 2 : 1).then(function (url) {
          save(url, base + "." + kind);
          if (url.indexOf("blob:") === 0) setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        });
      });
    });
    bar.hidden = false;
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
  function start() {
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
