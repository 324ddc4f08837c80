/* Refract: every table cell names its column (data-label), so that on a phone a row reads as a card of
   "column: value" lines (see refract.css). Static tables carry the names from the build; the searchable tables
   draw their rows with scripts, so their cells are named here, after each drawing. */
(function () {
  function nameCells() {
    document.querySelectorAll("table.refract-itable, table.refract-table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i] && cell.getAttribute("data-label") !== heads[i]) cell.setAttribute("data-label", heads[i]);
        });
      });
    });
  }
  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameCells(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameCells();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  });
})();
