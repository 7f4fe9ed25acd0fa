// Sortable tables: click a header with data-sort to order the body rows by that column.
// Cells carry their sort key in data-value (numbers) or their text; empty values sort last.
// The table foot (the average row) stays where it is.
(function () {
  "use strict";
  function key(cell, numeric) {
    var raw = cell ? (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim()) : "";
    if (raw === "") return null;
    if (numeric) {
      var number = parseFloat(raw);
      return isNaN(number) ? null : number;
    }
    return raw;
  }
  function sortBy(table, header) {
    var index = header.cellIndex;
    var numeric = header.dataset.sort === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    if (!header.hasAttribute("aria-sort") && header.dataset.order === "desc") ascending = false;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[index], numeric), y = key(b.cells[index], numeric);
      if (x === null && y === null) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      var order = numeric ? x - y : String(x).localeCompare(String(y), "zh-Hans-CN");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    table.querySelectorAll("thead th[data-sort]").forEach(function (header) {
      var button = header.querySelector("button");
      (button || header).addEventListener("click", function () { sortBy(table, header); });
    });
  });
})();
