// Progressive enhancement only: every page works without this file.
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

  // A reader's own latency target: the cheapest point per accelerator among the page's frontier points,
  // by the rule the preset tables use (meets both limits, lowest cost, most users on a tie).
  var points = document.getElementById("frontier-points");
  var targetForm = document.querySelector("form.target-form");
  if (points && targetForm) {
    targetForm.hidden = false;
    var curves = JSON.parse(points.textContent);
    var fmt = function (v, unit) { return (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(1)) + unit; };
    targetForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var ttft = parseFloat(targetForm.elements.ttft.value), itl = parseFloat(targetForm.elements.itl.value);
      var best = {};
      curves.forEach(function (c) {
        c.points.forEach(function (p) {
          if (p[1] > ttft || p[2] > itl || p[4] === null) return;
          var b = best[c.gpu];
          if (!b || p[4] < b.p[4] || (p[4] === b.p[4] && p[0] > b.p[0] && b.c === c)) best[c.gpu] = { c: c, p: p };
        });
      });
      var rows = Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) { return a.p[4] - b.p[4] || (a.c.gpu < b.c.gpu ? -1 : 1); });
      var body = targetForm.querySelector("tbody");
      while (body.firstChild) body.removeChild(body.firstChild);
      if (rows.length === 0) {
        var none = body.insertRow(); var cell = none.insertCell(); cell.colSpan = 7; cell.textContent = "No plan of up to 8 rented GPUs meets this target.";
      }
      rows.forEach(function (r) {
        var tr = body.insertRow();
        var th = document.createElement("th"); th.scope = "row"; th.textContent = r.c.plan; tr.appendChild(th);
        [String(r.p[0]), fmt(r.p[1], " ms"), fmt(r.p[2], " ms"), fmt(1000 / r.p[2], " tok/s"), fmt(r.p[3], " tok/s"), "$" + r.p[4].toPrecision(3) + " /M"].forEach(function (text) {
          var td = tr.insertCell(); td.className = "num"; td.textContent = text;
        });
      });
    });
  }

  // Search: loads the page index once, then filters titles and descriptions as you type.
  var form = document.querySelector("form.search");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var root = form.getAttribute("data-root");
  var index = null;
  function load() {
    if (index) return Promise.resolve(index);
    return fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) { index = data; return data; });
  }
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    if (q.length < 2) { list.hidden = true; return; }
    load().then(function (pages) {
      var words = q.split(/\s+/);
      var hits = pages.filter(function (p) {
        var text = (p.t + " " + p.d).toLowerCase();
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      }).slice(0, 8);
      list.textContent = "";
      hits.forEach(function (p) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + p.u;
        a.textContent = p.t;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
    }).catch(function () { list.hidden = true; });
  });
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
