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
