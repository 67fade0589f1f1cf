// Progressive enhancement only: every page works without this file.

// A figure as the pages print it (Format.Value): whole numbers from 100, one decimal below, two for gigabytes
// under 10. The one number rule of every script below that writes a figure into a page.
function pageFigure(v, unit) {
  "use strict";
  var digits = v >= 100 ? 0 : unit === " GB" && v < 10 ? 2 : 1;
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) + unit;
}

(function () {
  "use strict";

  // Sortable tables: a button in each header of table.sortable; numbers sort by data-sort or their text.
  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    var number = parseFloat(raw.replace(/[$,%\s]/g, ""));
    return isNaN(number) || raw === "" ? raw.toLowerCase() : number;
  }

  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (x === "" && y !== "") return 1;
      if (y === "" && x !== "") return -1;
      var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies[0]) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  });

  // Launch commands: a copy button on each, and a link to a closed block opens it.
  Array.prototype.forEach.call(document.querySelectorAll("pre.command"), function (pre) {
    if (!navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () { button.textContent = "Copied"; });
    });
    pre.parentNode.insertBefore(button, pre.nextSibling);
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // A reader's own latency target: the cheapest point per accelerator among the model's frontier points,
  // by the rule the preset tables use (meets both limits, lowest cost, most users on a tie). The points (a few
  // thousand numbers) are fetched on the first question, not by every reader who opens the page.
  var targetForm = document.querySelector("form.target-form");
  if (targetForm && window.fetch) {
    targetForm.hidden = false;
    var curvesPromise = null;
    var targetBody = targetForm.querySelector("tbody");
    var message = function (text) {
      while (targetBody.firstChild) targetBody.removeChild(targetBody.firstChild);
      var row = targetBody.insertRow(); var cell = row.insertCell(); cell.colSpan = 7; cell.textContent = text;
    };
    var answer = function (curves, ttft, itl) {
      var best = {};
      curves.forEach(function (c) {
        c.points.forEach(function (p) {
          if (p[1] > ttft || p[2] > itl || p[4] === null) return;
          var b = best[c.gpu];
          if (!b || p[4] < b.p[4] || (p[4] === b.p[4] && p[0] > b.p[0] && b.c === c)) best[c.gpu] = { c: c, p: p };
        });
      });
      var rows = Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) { return a.p[4] - b.p[4] || (a.c.gpu < b.c.gpu ? -1 : 1); });
      if (rows.length === 0) { message("No plan of up to 8 rented GPUs meets this target."); return; }
      while (targetBody.firstChild) targetBody.removeChild(targetBody.firstChild);
      rows.forEach(function (r) {
        var tr = targetBody.insertRow();
        var th = document.createElement("th"); th.scope = "row"; th.textContent = r.c.plan; tr.appendChild(th);
        [String(r.p[0]), pageFigure(r.p[1], " ms"), pageFigure(r.p[2], " ms"), pageFigure(1000 / r.p[2], " tok/s"), pageFigure(r.p[3], " tok/s"), "$" + r.p[4].toPrecision(3) + " /M"].forEach(function (text) {
          var td = tr.insertCell(); td.className = "num"; td.textContent = text;
        });
      });
    };
    targetForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var ttft = parseFloat(targetForm.elements.ttft.value), itl = parseFloat(targetForm.elements.itl.value);
      if (!curvesPromise) {
        curvesPromise = fetch(targetForm.getAttribute("data-points")).then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        });
      }
      curvesPromise.then(function (curves) { answer(curves, ttft, itl); }, function () {
        curvesPromise = null;
        message("The plans could not be loaded; the tables above still answer the preset targets.");
      });
    });
  }

})();

// Search. The header box matches page titles, descriptions and the compact names readers type ("llama3",
// "h100") as you type, models first; Enter opens the search page, which runs the full-text index (Pagefind)
// when the build made one and the title search otherwise, with filters by kind and vendor.
(function () {
  "use strict";
  if (!window.fetch) return;
  var KINDS = ["Model", "Accelerator", "Comparison", "Post", "Guide"];
  var indexPromise = null;

  function loadIndex(url) {
    if (!indexPromise) indexPromise = fetch(url).then(function (r) { return r.json(); });
    return indexPromise;
  }

  // Every word must appear in the title, the aliases or the description; a model's own page ranks above pages
  // that mention it, and a title that starts with the query above one that only contains it. "named" marks a
  // model or accelerator page whose own name the query is.
  function matches(pages, query) {
    var q = query.trim().toLowerCase();
    var words = q.split(/\s+/).filter(Boolean);
    var compact = q.replace(/[\s.\-]/g, "");
    return pages.map(function (p) {
      var title = p.t.toLowerCase(), aliases = (p.a || "").toLowerCase();
      var text = title + " " + aliases + " " + p.d.toLowerCase();
      var all = words.every(function (w) { return text.indexOf(w) >= 0; });
      var stripped = compact.length > 1 ? aliases.split(" ").map(function (a) { return a.replace(/[.\-]/g, ""); }) : [];
      var aliasExact = stripped.indexOf(compact) >= 0;
      var alias = aliasExact || stripped.some(function (a) { return a.indexOf(compact) === 0; });
      if (!all && !alias) return null;
      var inTitle = words.every(function (w) { return title.indexOf(w) >= 0; }) || alias;
      // Kind first (a model before a comparison), then: named in the title or aliases, named exactly or at the
      // start of the title ("qwen3" is Qwen3 itself before Qwen-32B), then contained.
      var score = KINDS.indexOf(p.k) * 4 + (inTitle ? 0 : 40) + (aliasExact || title.indexOf(q) === 0 ? 0 : 2) + (alias || title.indexOf(q) >= 0 ? 0 : 1);
      return { page: p, score: score, named: inTitle && (p.k === "Model" || p.k === "Accelerator") };
    }).filter(Boolean).sort(function (x, y) { return x.score - y.score; });
  }

  function titleSearch(pages, query) { return matches(pages, query).map(function (m) { return m.page; }); }

  // The header box.
  var form = document.querySelector("form.search");
  if (form) {
    var input = form.querySelector("input");
    var list = form.querySelector(".search-results");
    var root = form.getAttribute("data-root");
    var item = function (href, text, cls) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      if (cls) a.className = cls;
      li.appendChild(a);
      list.appendChild(li);
    };
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      loadIndex(form.getAttribute("data-index")).then(function (pages) {
        var hits = titleSearch(pages, q).slice(0, 8);
        list.textContent = "";
        if (hits.length === 0) {
          var none = document.createElement("li");
          none.className = "none";
          none.textContent = "No page title matches.";
          list.appendChild(none);
        }
        hits.forEach(function (p) { item(root + p.u, p.t); });
        item(root + "search/?q=" + encodeURIComponent(q), "Search all pages for \u201c" + q + "\u201d", "all");
        list.hidden = false;
      }).catch(function () { list.hidden = true; });
    });
    // Arrow keys move between the results, Escape closes them and returns to the box.
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && !list.hidden && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) input.focus(); else links[at - 1].focus();
      } else if (event.key === "Escape") {
        list.hidden = true;
        input.focus();
      }
    });
  }

  // The search page.
  var page = document.querySelector("form.site-search");
  if (!page) return;
  var box = page.querySelector("input[name=q]");
  var status = document.querySelector(".search-status");
  var hitsList = document.querySelector(".search-hits");
  var fieldset = page.querySelector("fieldset.filters");
  var groups = fieldset.querySelector(".filter-groups");
  var pageRoot = page.getAttribute("data-root");
  var pagefind = null;

  // The full-text index when the build made one; the title search alone otherwise.
  function engine() {
    if (pagefind) return pagefind;
    pagefind = import(page.getAttribute("data-pagefind")).then(function (pf) {
      return pf.options({ baseUrl: "/" }).then(function () { return { full: pf }; });
    }).catch(function () { return {}; });
    return pagefind;
  }

  function chosen() {
    var filters = {};
    Array.prototype.forEach.call(groups.querySelectorAll("input:checked"), function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return filters;
  }

  function drawFilters(counts) {
    if (groups.childElementCount) return;
    ["kind", "vendor"].forEach(function (name) {
      var values = Object.keys(counts[name] || {}).sort(function (a, b) {
        return name === "kind" ? KINDS.indexOf(a) - KINDS.indexOf(b) : a.localeCompare(b);
      });
      if (!values.length) return;
      var group = document.createElement("div");
      group.className = "filter-group";
      var title = document.createElement("span");
      title.className = "filter-name";
      title.textContent = name === "kind" ? "Kind" : "Vendor";
      group.appendChild(title);
      values.forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.addEventListener("change", function () { run(box.form ? box.form.elements.q.value : page.elements.q.value); });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " (" + counts[name][value] + ")"));
        group.appendChild(label);
      });
      groups.appendChild(group);
    });
    fieldset.hidden = groups.childElementCount === 0;
  }

  // Pagefind's excerpt marks the matched words; only its text and those marks are kept.
  function excerpt(html) {
    var out = document.createElement("p");
    out.className = "note";
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (node) {
      if (node.nodeName === "MARK") { var m = document.createElement("mark"); m.textContent = node.textContent; out.appendChild(m); }
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function show(q, results, total) {
    hitsList.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.title;
      li.appendChild(a);
      var kind = document.createElement("span");
      kind.className = "tag";
      kind.textContent = r.kind;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(kind);
      li.appendChild(r.excerpt);
      hitsList.appendChild(li);
    });
    status.textContent = results.length === 0
      ? "No page matches \u201c" + q + "\u201d. Try a model name (llama 3.1), an accelerator (h100) or a term (fp8)."
      : total + (total === 1 ? " page matches" : " pages match") + " \u201c" + q + "\u201d" + (total > results.length ? "; the first " + results.length + " are shown." : ".");
  }

  var latest = 0;
  function run(q) {
    q = q.trim();
    var ticket = ++latest;
    history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : "./");
    if (!q) { hitsList.textContent = ""; status.textContent = ""; return; }
    var filters = chosen();
    var allowed = function (p) { return (!filters.kind || filters.kind.indexOf(p.k) >= 0) && (!filters.vendor || filters.vendor.indexOf(p.v) >= 0); };
    var fromIndex = function (p) {
      var note = document.createElement("p");
      note.className = "note";
      note.textContent = p.d;
      return { url: pageRoot + p.u, title: p.t, kind: p.k, excerpt: note };
    };
    Promise.all([engine(), loadIndex(page.getAttribute("data-index"))]).then(function (loaded) {
      var e = loaded[0], index = loaded[1];
      // The pages the query names (the model or accelerator itself) come first, then full-text relevance.
      var named = matches(index, q).filter(function (m) { return m.named && allowed(m.page); }).map(function (m) { return m.page; });
      if (e.full) {
        var options = {};
        Object.keys(filters).forEach(function (k) { options[k] = { any: filters[k] }; });
        return e.full.filters().then(drawFilters).then(function () { return e.full.search(q, { filters: options }); }).then(function (found) {
          var seen = named.map(function (p) { return "/" + p.u; });
          return Promise.all(found.results.slice(0, 30 + named.length).map(function (r) { return r.data(); })).then(function (data) {
            var rest = data.filter(function (d) { return seen.indexOf(d.url) < 0; });
            var hits = named.map(fromIndex).concat(rest.map(function (d) {
              return { url: pageRoot + d.url.replace(/^\//, ""), title: d.meta.title || d.url, kind: (d.filters.kind || [""])[0], excerpt: excerpt(d.excerpt) };
            })).slice(0, 30);
            var overlap = data.length - rest.length;
            return { hits: hits, total: named.length + found.results.length - overlap };
          });
        });
      }
      var counts = { kind: {}, vendor: {} };
      index.forEach(function (p) { counts.kind[p.k] = (counts.kind[p.k] || 0) + 1; if (p.v) counts.vendor[p.v] = (counts.vendor[p.v] || 0) + 1; });
      drawFilters(counts);
      var found = titleSearch(index, q).filter(allowed);
      return { hits: found.slice(0, 30).map(fromIndex), total: found.length };
    }).then(function (r) { if (ticket === latest) show(q, r.hits, r.total); }, function () { status.textContent = "Search could not load its index."; });
  }

  page.addEventListener("submit", function (event) { event.preventDefault(); run(box.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { box.value = initial; run(initial); } else { box.focus(); }
})();

// Dark mode: the system setting by default; the header button overrides it and the choice is remembered (the
// head script applies it before the page paints). Without script the button stays hidden and the system setting holds.
(function () {
  var button = document.querySelector("button.theme");
  if (!button) return;
  var root = document.documentElement;
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function dark() { return root.dataset.theme ? root.dataset.theme === "dark" : !!(system && system.matches); }
  function show() { button.setAttribute("aria-pressed", dark() ? "true" : "false"); }
  button.hidden = false;
  show();
  if (system && system.addEventListener) system.addEventListener("change", show);
  button.addEventListener("click", function () {
    var next = dark() ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("theme", next); } catch (e) {}
    show();
  });
})();

// Compare any two: reads the figures the comparison pages print from the compare API and lays two
// models side by side. It looks numbers up; it estimates nothing (the estimators ran at build time).
(function () {
  "use strict";
  var form = document.querySelector("form.picker");
  if (!form || !window.fetch) return;
  var out = form.parentNode.querySelector(".picked");
  var root = form.getAttribute("data-root") || "";
  var data = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function table(caption, head, rows) {
    var wrap = el("div", null, "scroll");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Scrollable table");
    var t = el("table", null, "data");
    t.appendChild(el("caption", caption));
    var thead = el("thead"), tr = el("tr");
    head.forEach(function (h) { var th = el("th", h); th.scope = "col"; tr.appendChild(th); });
    thead.appendChild(tr);
    t.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (r) {
      var row = el("tr"), th = el("th", r[0]);
      th.scope = "row";
      row.appendChild(th);
      r.slice(1).forEach(function (c) { row.appendChild(c instanceof Node ? wrapCell(c) : el("td", c)); });
      body.appendChild(row);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    return wrap;
  }

  function wrapCell(node) { var td = el("td"); td.appendChild(node); return td; }

  function link(href, text) { var a = el("a", text); a.href = href; return a; }

  function model(id) {
    for (var i = 0; i < data.models.length; i++) if (data.models[i].id === id) return data.models[i];
    return null;
  }

  function render(a, b) {
    out.textContent = "";
    if (a.id === b.id) { out.appendChild(el("p", "Pick two different models.", "na")); return; }
    out.appendChild(el("h3", a.name + " vs " + b.name));
    var slug = [a.id, b.id].sort().join("-vs-");
    var p = el("p");
    if (data.pages.indexOf(slug) >= 0) {
      p.appendChild(link(root + "compare/" + slug + "/", "Full comparison page, with sources and a verdict"));
    } else {
      p.appendChild(document.createTextNode("No full page for this pair; each model's page has its sources: "));
      p.appendChild(link(root + "models/" + a.id + "/", a.name));
      p.appendChild(document.createTextNode(", "));
      p.appendChild(link(root + "models/" + b.id + "/", b.name));
      p.appendChild(document.createTextNode("."));
    }
    out.appendChild(p);

    out.appendChild(table("Architecture side by side", ["", a.name, b.name],
      data.architecture.map(function (label, i) { return [label, a.architecture[i], b.architecture[i]]; })));

    out.appendChild(table("Weights and the smallest " + data.gpu + " count per precision",
      ["Precision", a.name + " weights", a.name + " minimum", b.name + " weights", b.name + " minimum"],
      Object.keys(a.weights).map(function (k) { return [k, a.weights[k], a.minimum[k], b.weights[k], b.minimum[k]]; })));

    // Shared hardware, as on the comparison pages: the larger of the two minimum counts at FP8.
    var n = a.min_fp8 && b.min_fp8 ? Math.max(a.min_fp8, b.min_fp8) : null;
    var sa = n && a.speed[String(n)], sb = n && b.speed[String(n)];
    if (sa && sb) {
      out.appendChild(table("Estimated single-user speed on " + n + " x " + data.gpu + ", FP8, " + data.input_tokens + " tokens in and " + data.output_tokens + " out",
        ["", "Decode (1 user)", "TTFT"],
        [[a.name, sa.decode + (sa.band ? " " + sa.band : ""), sa.ttft], [b.name, sb.decode + (sb.band ? " " + sb.band : ""), sb.ttft]]));
      var faster = sa.decode_value >= sb.decode_value ? [a, sa, sb] : [b, sb, sa];
      out.appendChild(el("p", "On " + n + " x " + data.gpu + " at FP8, " + faster[0].name + " decodes " + (faster[1].decode_value / faster[2].decode_value).toFixed(1) + "x as fast for one user."));
    } else {
      out.appendChild(el("p", "No shared setup on " + data.gpu + " holds both models with a tensor-parallel degree that divides both models' heads.", "na"));
    }

    out.appendChild(table("Cheapest dated API price (input / output per million tokens) and self-hosted cost on the best recommended setup",
      ["", "API", "Self-hosted setup", "Self-hosted $/M tokens"],
      [[a.name, a.api, a.self_hosted_setup, a.self_hosted_cost], [b.name, b.api, b.self_hosted_setup, b.self_hosted_cost]]));

    var rows = data.benchmarks.filter(function (x) { return a.scores[x.id] || b.scores[x.id]; }).map(function (x) {
      var s = a.scores[x.id], t = b.scores[x.id];
      var delta = !s || !t ? "" : s.group === t.group ? formatDelta(t.value - s.value) : "not comparable";
      return [x.name, s ? s.text + " (" + s.setting + ")" : "n/a", t ? t.text + " (" + t.setting + ")" : "n/a", delta];
    });
    if (rows.length) {
      out.appendChild(table("Published scores with their settings; delta is " + b.name + " minus " + a.name + ", only where both were measured the same way",
        ["Benchmark", a.name, b.name, "Delta"], rows));
    } else {
      out.appendChild(el("p", "Neither model has a published score in the catalog.", "na"));
    }
  }

  function formatDelta(d) {
    var r = Math.round(d * 10) / 10;
    return (r > 0 ? "+" : "") + (r === Math.round(r) ? r.toFixed(0) : r.toFixed(1));
  }

  function show() {
    var a = model(form.elements.a.value), b = model(form.elements.b.value);
    if (a && b) render(a, b);
  }

  function load() {
    if (data) return Promise.resolve(data);
    return fetch(form.getAttribute("data-api")).then(function (r) { return r.json(); }).then(function (json) { data = json; return data; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = "?a=" + encodeURIComponent(form.elements.a.value) + "&b=" + encodeURIComponent(form.elements.b.value);
    history.replaceState(null, "", query);
    load().then(show, function () { out.textContent = "The comparison data could not be loaded."; });
  });

  // "?a=x" preselects one model (a model page's "compare with another model" link); "?a=x&b=y" draws the pair.
  var params = new URLSearchParams(location.search);
  if (params.get("a")) form.elements.a.value = params.get("a");
  if (params.get("b")) form.elements.b.value = params.get("b");
  if (params.get("a") && params.get("b")) {
    load().then(show, function () { out.textContent = "The comparison data could not be loaded."; });
  }
})();

// Each estimate's formula, inputs and sources without hovering: the formula mark beside a number opens them
// under it (a touch screen shows no tooltip); a second press, or Escape, closes them. Without script the mark
// is a link to the formula on the methodology page.
(function () {
  "use strict";
  var opened = 0;
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("a.f");
    if (!mark) return;
    var value = mark.previousElementSibling;
    if (!value || !value.classList.contains("est") || !value.title) return;
    event.preventDefault();
    // The panel goes after the number's error band, which follows the mark.
    var anchor = mark.nextElementSibling && mark.nextElementSibling.classList.contains("band") ? mark.nextElementSibling : mark;
    var panel = anchor.nextElementSibling && anchor.nextElementSibling.classList.contains("why") ? anchor.nextElementSibling : null;
    if (panel) { panel.remove(); mark.setAttribute("aria-expanded", "false"); return; }
    panel = document.createElement("span");
    panel.className = "why";
    panel.id = "why-" + (++opened);
    var lines = value.title.split("\n");
    var head = document.createElement("span");
    head.textContent = lines[0];
    panel.appendChild(head);
    var list = document.createElement("ul");
    lines.slice(1).forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line.replace(/^- /, "");
      list.appendChild(li);
    });
    if (list.childElementCount) panel.appendChild(list);
    var more = document.createElement("a");
    more.href = mark.href;
    more.textContent = "The method, and how accurate it has been";
    panel.appendChild(more);
    anchor.parentNode.insertBefore(panel, anchor.nextSibling);
    mark.setAttribute("aria-expanded", "true");
    mark.setAttribute("aria-controls", panel.id);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var panel = document.activeElement && document.activeElement.closest && document.activeElement.closest("td, dd, li, p");
    var open = panel ? panel.querySelector(".why") : null;
    if (!open) return;
    var mark = open.parentNode.querySelector("a.f[aria-controls='" + open.id + "']");
    open.remove();
    if (mark) { mark.setAttribute("aria-expanded", "false"); mark.focus(); }
  });
})();

// What if: the model page's panel looks up the reader's setup in the grid the build computed for the model
// (api/whatif/MODEL.json, every accelerator's points in one file). The only arithmetic here is scaling cost by the
// reader's hourly price, which the grid gives per dollar an hour.
(function () {
  "use strict";
  var form = document.querySelector("form.what-if");
  if (!form || !window.fetch) return;
  var out = form.parentNode.querySelector(".what-if-result");
  var index = null, current = null;

  function fill(select, options, chosen) {
    select.textContent = "";
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = String(o.value);
      option.textContent = o.label;
      if (String(o.value) === String(chosen)) option.selected = true;
      select.appendChild(option);
    });
  }

  function row(label, value, band) {
    var tr = document.createElement("tr");
    var th = document.createElement("th"); th.scope = "row"; th.textContent = label; tr.appendChild(th);
    var td = document.createElement("td"); td.className = "num"; td.textContent = value; tr.appendChild(td);
    var b = document.createElement("td"); b.className = "note"; b.textContent = band || ""; tr.appendChild(b);
    return tr;
  }

  function render() {
    var gpu = index.gpus[Number(form.elements.gpu.value)];
    var rows = gpu.rows;
    var want = [Number(form.elements.count.value), Number(form.elements.precision.value), Number(form.elements.prompt.value), Number(form.elements.users.value), Number(form.elements.engine.value)];
    var hit = rows.filter(function (r) { return want.every(function (v, i) { return r[i] === v; }); })[0];
    out.textContent = "";
    var setup = want[0] + " x " + gpu.name + ", " + index.precisions[want[1]] + ", " + index.engines[want[4]] + "; " + index.prompts[want[2]].toLocaleString("en-US") + " prompt tokens, " + index.output_tokens + " output, " + index.users[want[3]] + (index.users[want[3]] === 1 ? " user" : " users at once");
    var p = document.createElement("p");
    if (!hit || hit[5] === 0) {
      p.className = "na";
      p.textContent = setup + ": does not fit" + (hit ? " (needs " + pageFigure(hit[6], " GB") + ", " + pageFigure(hit[7], " GB") + " usable)." : ".");
      out.appendChild(p);
      return;
    }
    p.textContent = setup + ". Memory: " + pageFigure(hit[6], " GB") + " of " + pageFigure(hit[7], " GB") + " usable.";
    out.appendChild(p);
    var users = index.users[want[3]];
    var wrap = document.createElement("div");
    wrap.className = "scroll"; wrap.tabIndex = 0; wrap.setAttribute("role", "region"); wrap.setAttribute("aria-label", "Scrollable table");
    var table = document.createElement("table");
    table.className = "data";
    var caption = document.createElement("caption");
    caption.textContent = "Estimated speed and cost of this setup, with the typical error of such estimates";
    table.appendChild(caption);
    var body = document.createElement("tbody");
    var usd = parseFloat(form.elements.usd.value);
    body.appendChild(row("Time to first token", pageFigure(hit[8], " ms"), index.bands.ttft));
    body.appendChild(row("Inter-token latency", pageFigure(hit[9], " ms"), users === 1 ? index.bands.decode : index.bands.serving));
    body.appendChild(row("Each user receives", pageFigure(hit[10], " tok/s"), users === 1 ? index.bands.decode : index.bands.serving));
    body.appendChild(row("All users together", pageFigure(hit[11], " tok/s"), users === 1 ? index.bands.decode : index.bands.serving));
    body.appendChild(row("Cost per million output tokens", usd > 0 ? "$" + (hit[12] * usd).toPrecision(3) + " /M" : "enter a price per GPU-hour", ""));
    table.appendChild(body);
    wrap.appendChild(table);
    out.appendChild(wrap);
  }

  function pickGpu() {
    var gpu = index.gpus[Number(form.elements.gpu.value)];
    if (current !== gpu.id) {
      current = gpu.id;
      var count = form.elements.count.value;
      fill(form.elements.count, gpu.counts.map(function (c) { return { value: c, label: String(c) }; }), gpu.counts.indexOf(Number(count)) >= 0 ? count : (form.getAttribute("data-gpu") === gpu.id ? form.getAttribute("data-count") : gpu.counts[0]));
      fill(form.elements.engine, gpu.engines.map(function (e) { return { value: e, label: index.engines[e] }; }), gpu.engines[0]);
      form.elements.usd.value = gpu.usd_per_hour === null ? "" : String(gpu.usd_per_hour);
    }
    render();
  }

  // The grid (a few hundred kilobytes for a large model) is fetched when the panel comes near the screen, not for
  // every reader who opens the page.
  function loadGrid() {
    fetch(form.getAttribute("data-grid")).then(function (r) { return r.json(); }).then(function (data) {
      index = data;
      if (!index.gpus.length) { out.textContent = "No accelerator in the catalog holds this model in one node."; return; }
      var start = index.gpus.map(function (g) { return g.id; }).indexOf(form.getAttribute("data-gpu"));
      fill(form.elements.gpu, index.gpus.map(function (g, i) { return { value: i, label: g.name }; }), start < 0 ? 0 : start);
      fill(form.elements.precision, index.precisions.map(function (p, i) { return { value: i, label: p }; }), Math.max(0, index.precisions.indexOf(form.getAttribute("data-precision"))));
      fill(form.elements.prompt, index.prompts.map(function (p, i) { return { value: i, label: p.toLocaleString("en-US") }; }), 0);
      fill(form.elements.users, index.users.map(function (u, i) { return { value: i, label: String(u) }; }), 0);
      form.hidden = false;
      pickGpu();
    }, function () { out.textContent = "The what-if estimates could not be loaded."; });
  }

  if (window.IntersectionObserver) {
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { near.disconnect(); loadGrid(); }
    }, { rootMargin: "600px 0px" });
    near.observe(form.parentNode);
  } else {
    loadGrid();
  }

  form.addEventListener("change", function (event) { if (event.target.name === "gpu") pickGpu(); else render(); });
  form.addEventListener("input", function (event) { if (event.target.name === "usd") render(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();

// Home page pickers: open the chosen model's or accelerator's page. Without script the form asks the search
// page for the chosen id, which lists that page first.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("form.pick"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      location.href = form.getAttribute("data-root") + form.getAttribute("data-kind") + "/" + encodeURIComponent(form.elements.q.value) + "/";
    });
  });
})();
