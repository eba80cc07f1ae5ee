// gongkai: optional enhancements. Every page works without this script.
(function () {
  "use strict";

  // Sortable tables: click a column header to sort; the order without JS is by code.
  function sortable(table) {
    var heads = table.querySelectorAll("thead th[data-sort]");
    heads.forEach(function (th, col) {
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        // Amounts: the largest first on the first click, as readers look for them.
        var numeric = th.getAttribute("data-sort") === "num";
        var now = th.getAttribute("aria-sort");
        var asc = numeric ? now === "descending" : now !== "ascending";
        table.querySelectorAll("thead th[data-sort]").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var t = row.children[index].textContent.trim();
          if (!numeric) return t;
          var n = parseFloat(t.replace(/,/g, ""));
          return isNaN(n) ? 0 : n;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = numeric ? x - y : x.localeCompare(y, "zh-CN");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  document.querySelectorAll("table.sortable").forEach(sortable);
  // The hint is only true where this script runs.
  document.querySelectorAll(".sort-hint").forEach(function (h) { h.hidden = false; });

  // Wide tables: a line above each table wider than its box says it scrolls sideways.
  function scrollHints() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint")) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = "表格较宽，可左右滑动查看 →";
        box.parentNode.insertBefore(hint, box);
      }
      hint.hidden = box.scrollWidth <= box.clientWidth + 1;
    });
  }
  scrollHints();
  window.addEventListener("resize", scrollHints);

  // Offline search: the year's index is a script (works from disk, no server needed).
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("q");
  var yearSelect = document.getElementById("search-year");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var loaded = {};
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) input.value = params.get("q");
  if (params.get("year")) yearSelect.value = params.get("year");

  function norm(s) { return s.normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }

  window.gongkaiSearchLoaded = function (year, entries) {
    loaded[year] = entries;
    run();
  };

  function load(year) {
    if (loaded[year]) return run();
    var s = document.createElement("script");
    s.src = "../" + year + "/search-index.js";
    s.onerror = function () { status.textContent = "无法载入" + year + "年度的搜索索引。"; };
    document.body.appendChild(s);
  }

  function run() {
    var year = yearSelect.value;
    var entries = loaded[year];
    list.textContent = "";
    var q = norm(input.value);
    if (!entries) { status.textContent = "正在载入…"; return; }
    if (!q) { status.textContent = "请输入关键词。"; return; }
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var t = norm(e[1]);
      var at = t.indexOf(q);
      if (at < 0) continue;
      hits.push({ e: e, score: at === 0 ? 0 : at > 0 ? 1 : 2 });
    }
    // The index lists each department's entries together; among equal hits, the same name
    // of every department stands together: by kind, name, department.
    function cmp(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
    hits.sort(function (a, b) {
      return a.score - b.score || a.e[1].length - b.e[1].length ||
        cmp(a.e[0], b.e[0]) || cmp(a.e[1], b.e[1]) || cmp(a.e[2], b.e[2]) || cmp(a.e[3], b.e[3]);
    });
    status.textContent = year + "年度共找到" + hits.length + "条结果" + (hits.length > 200 ? "，显示前200条" : "") + "。";
    hits.slice(0, 200).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "../" + h.e[3];
      a.textContent = h.e[1];
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = h.e[0];
      li.appendChild(kind);
      li.appendChild(a);
      if (h.e[0] !== "部门") {
        var d = document.createElement("span");
        d.className = "dept";
        d.textContent = h.e[2];
        li.appendChild(d);
      }
      list.appendChild(li);
    });
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(yearSelect.value); });
  input.addEventListener("input", function () { if (loaded[yearSelect.value]) run(); });
  yearSelect.addEventListener("change", function () { load(yearSelect.value); });
  load(yearSelect.value);
})();
