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
      // Below its minimum width a curve keeps a readable step per touchpoint and scrolls sideways in its box.
      var meta = spec.usermeta && spec.usermeta.journeys;
      if (meta && meta.minWidth && el.clientWidth < meta.minWidth) spec.width = meta.plotWidth;
      if (meta && meta.strips) {
        strips(spec, meta.strips.layers || {});
        fit(spec, meta.strips, el.clientWidth);
      }
      window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function (result) {
        el.setAttribute("data-drawn", "yes");
        // A chart wider than its box scrolls sideways: keyboard users reach it to scroll with the arrow keys, and a
        // faded edge and a hint say that more follows.
        if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
        cue(el);
        focusable(el);
        downloads(el, result.view, el.getAttribute("data-journeys-chart"));
      }).catch(function (err) {
        el.setAttribute("data-drawn", "failed");
        el.textContent = String(err);
      });
    });
  }
  // The heatmap's strips name their shape's layers, given once for all strips of that shape, their stage bands'
  // dataset and their touchpoints' names: each gets its own copy of the layers with its bands and names in them
  // (charts/heatmap.py, unpacked).
  function strips(spec, layers) {
    (spec.vconcat || []).forEach(function (strip) {
      var own = strip.journeys;
      if (!own || typeof strip.layer !== "string") return;
      strip.layer = JSON.parse(JSON.stringify(layers[strip.layer] || [])).map(function (layer) {
        if (layer.data && layer.data.name === "bands") layer.data = { name: own.bands };
        if (layer.encoding && layer.encoding.x && layer.encoding.x.axis) layer.encoding.x.axis.labelExpr = own.labels;
        return layer;
      });
      delete strip.journeys;
    });
  }
  // The heatmap's strips, a touchpoint each as wide as the box allows (between min and max pixels): the longest
  // strip and the end of its last name fill the box, or the chart keeps the narrowest step and scrolls. A long
  // journey's strip (count 0) keeps its own width.
  function fit(spec, strips, width) {
    var longest = Math.max.apply(null, strips.counts.concat([1]));
    var step = Math.max(strips.min, Math.min(strips.max, Math.floor((width - strips.margin) / longest)));
    (spec.vconcat || []).forEach(function (strip, i) {
      if (strips.counts[i]) strip.width = strips.counts[i] * step;
    });
  }
  // Whether a chart scrolls sideways and which way more of it lies (data-scroll: none, more, both or end), for the
  // faded edges; the hint above the chart shows while it scrolls.
  function cue(el) {
    var hint = el.parentNode.querySelector(".journeys-chart__more");
    function update() {
      var room = el.scrollWidth - el.clientWidth;
      var state = room <= 1 ? "none" : el.scrollLeft < 1 ? "more" : el.scrollLeft >= room - 1 ? "end" : "both";
      el.setAttribute("data-scroll", state);
      if (hint) {
        hint.hidden = state === "none";
        hint.setAttribute("data-scroll", state);
      }
    }
    el.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }
  // Every mark that says what it is (a point, a bar, a cell) can be reached with the keyboard; focusing it shows the
  // same tooltip as pointing at it, and Enter follows its link where it has one.
  function focusable(el) {
    el.querySelectorAll('svg [role="graphics-symbol"][aria-label]').forEach(function (mark) {
      mark.setAttribute("tabindex", "0");
      function send(type) {
        var box = mark.getBoundingClientRect();
        var init = { bubbles: true, cancelable: true, view: window, clientX: box.left + box.width / 2,
                     clientY: box.top + box.height / 2 };
        mark.dispatchEvent(type.indexOf("pointer") === 0 ? new PointerEvent(type, init) : new MouseEvent(type, init));
      }
      mark.addEventListener("focus", function () { send("pointerover"); send("pointermove"); send("mousemove"); });
      mark.addEventListener("blur", function () { send("pointerout"); send("mouseout"); });
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter") send("click");
      });
    });
  }
  // The chart's data: the rows behind every mark a reader can point at (those with a tooltip), as drawn (with what
  // the browser worked out from them: a score in words, the sentence a screen reader says), each row once, in
  // drawing order. Helper data (stage bands, the zero line, quadrant names) has no tooltip and is left out, and so
  // are the fields Vega-Lite adds to sort by (..._sort_index).
  function drawnRows(view) {
    var seen = {}, rows = [];
    (function walk(mark) {
      (mark.items || []).forEach(function (item) {
        if (mark.marktype !== "group" && item.tooltip !== undefined && item.tooltip !== null && item.datum) {
          var row = {};
          Object.keys(item.datum).forEach(function (key) {
            if (!/_sort_index$/.test(key)) row[key] = item.datum[key];
          });
          var key = JSON.stringify(row);
          if (!seen[key]) { seen[key] = true; rows.push(row); }
        }
        if (item.items) item.items.forEach(walk);
      });
    })(view.scenegraph().root);
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
  function downloads(el, view, chartId) {
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
      var blob = new Blob(["\ufeff" + toCsv(drawnRows(view))], { type: "text/csv;charset=utf-8" });
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
  // The change of a score from the left round to the right one: an arrow and a number for the eye, a sentence for
  // screen readers (the sentences come with the page, in its language), as delta.html writes it.
  function change(pair, before, after, since) {
    var box = document.createElement("span");
    if (before === null || after === null) return box;
    var delta = after - before, direction = delta > 0 ? "up" : delta < 0 ? "down" : "same";
    box.className = "journeys-delta journeys-delta--" + direction;
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    shown.textContent = { up: "▲", down: "▼", same: "=" }[direction] + "\u202f" + (delta > 0 ? "+" : "") + delta;
    var said = document.createElement("span");
    said.className = "journeys-visually-hidden";
    said.textContent = pair.getAttribute("data-delta-" + direction).replace("{n}", String(Math.abs(delta)))
      .replace("{round}", since);
    box.appendChild(shown);
    box.appendChild(said);
    return box;
  }
  // Without JavaScript the default pair of rounds is shown and the pickers stay hidden; here they appear. Neither
  // picker offers the round the other shows, so a round is never compared with itself.
  function pickers(root) {
    root.querySelectorAll("[data-journeys-pair]").forEach(function (pair) {
      var left = pair.querySelector('select[data-journeys-pick="left"]');
      var right = pair.querySelector('select[data-journeys-pick="right"]');
      if (!left || !right || left.getAttribute("data-ready")) return;
      left.setAttribute("data-ready", "yes");
      function emotion(note) {
        return note && note.hasAttribute("data-emotion") ? Number(note.getAttribute("data-emotion")) : null;
      }
      function show(moved) {
        // The browser may restore the same round in both on reload: the other picker moves aside.
        if (left.value === right.value) {
          var other = moved === left ? right : left;
          var free = Array.prototype.filter.call(other.options, function (o) { return o.value !== moved.value; });
          if (free.length) other.value = free[free.length - 1].value;
        }
        [[left, right], [right, left]].forEach(function (sides) {
          Array.prototype.forEach.call(sides[1].options, function (o) { o.disabled = o.value === sides[0].value; });
        });
        [["left", left.value], ["right", right.value]].forEach(function (chosen) {
          // A round's notes come once a row (the newest round's on the right, the others' on the left): picked on
          // the other side, they are copied there.
          pair.querySelectorAll('td[data-side="' + chosen[0] + '"]').forEach(function (cell) {
            if (cell.querySelector(':scope > [data-round="' + chosen[1] + '"]')) return;
            var found = cell.parentNode.querySelector('td > [data-round="' + chosen[1] + '"]');
            if (found) cell.insertBefore(found.cloneNode(true), cell.querySelector(":scope > [data-change]"));
          });
          pair.querySelectorAll('[data-side="' + chosen[0] + '"] [data-round]').forEach(function (item) {
            item.hidden = item.getAttribute("data-round") !== chosen[1];
          });
        });
        // The change is said "since" the left round, named as its picker names it.
        var since = left.options[left.selectedIndex].textContent;
        pair.querySelectorAll("tr[data-notes-touchpoint]").forEach(function (row) {
          var cell = row.querySelector("[data-change]");
          if (!cell) return;
          var before = row.querySelector('[data-side="left"] [data-round="' + left.value + '"]');
          cell.replaceChildren(change(pair, emotion(before), emotion(row.querySelector(
            '[data-side="right"] [data-round="' + right.value + '"]')), since));
        });
        draw(pair);
      }
      left.addEventListener("change", function () { show(left); });
      right.addEventListener("change", function () { show(right); });
      show(right);  // the browser may have restored another choice on reload
      pair.querySelectorAll(".journeys-pair__picker").forEach(function (p) { p.hidden = false; });
    });
  }
  // A link to a row folded away (a done opportunity's, from its dot on the priority matrix) opens its disclosure,
  // so the row it leads to is in view.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var folded = false;
    for (var box = target.closest("details"); box; box = box.parentElement && box.parentElement.closest("details")) {
      if (!box.open) { box.open = true; folded = true; }
    }
    if (folded) target.scrollIntoView();
  }
  // The navigation's entries of pages that declare their own language (journeys, personas, rounds) carry it, as
  // does the page's title in the header when the page's title (its h1) does: screen readers and hyphenation
  // follow. The languages come with the navigation (partials/nav.html), by address from the site's root.
  function languages() {
    var data = document.getElementById("journeys-nav-lang");
    if (data) {
      var langs = JSON.parse(data.textContent);
      var root = new URL(data.getAttribute("data-root") || ".", location.href).href.replace(/\/?$/, "/");
      document.querySelectorAll("a.md-nav__link[href]").forEach(function (link) {
        var url = new URL(link.getAttribute("href"), location.href);
        var path = (url.origin + url.pathname).slice(root.length);
        // A link into a page (its table of contents) names a heading, in whatever language that is written in.
        if (url.hash || url.href.indexOf(root) !== 0) return;
        if (Object.prototype.hasOwnProperty.call(langs, path)) {
          link.setAttribute("lang", langs[path]);
        }
      });
    }
    var title = document.querySelector(".md-content h1[lang]");
    var topic = document.querySelector('[data-md-component="header-topic"] .md-ellipsis');
    if (title && topic) topic.setAttribute("lang", title.getAttribute("lang"));
    // On a phone, the navigation names the page once more, as the label that opens its table of contents.
    var own = document.querySelector('label.md-nav__link--active[for="__toc"]');
    if (title && own) own.setAttribute("lang", title.getAttribute("lang"));
  }
  function start() {
    pickers(document);
    draw(document);
    reveal();
    languages();
  }
  window.addEventListener("hashchange", reveal);
  // Material's instant navigation swaps pages without reloading; document$ tells us when.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
