// A filter box above every <select multiple data-filter-select>: typing hides the options that do not contain the
// text (chosen options stay visible), so a long list (the organizations register, a center's patents) is searchable
// without inline script (CSP).
(function () {
  function attach(select) {
    if (select.dataset.filterReady) { return; }
    select.dataset.filterReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.dataset.filterPlaceholder || "…";
    box.setAttribute("aria-label", select.dataset.filterPlaceholder || "filter");
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var text = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        var show = !text || option.selected || option.text.toLowerCase().indexOf(text) !== -1;
        option.hidden = !show;
      });
    });
  }
  function scan() {
    document.querySelectorAll("select[data-filter-select]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", scan);
  document.addEventListener("htmx:afterSwap", scan);
})();
