// A counter under every text field with a limit (data-maxlength, set by apps/core/inputs.py), without inline
// script (CSP). The browser's own maxlength is not used: it cuts pasted text without a word. Over the limit the
// field is marked and the server refuses it with a message naming the field and the limit; nothing is cut.
(function () {
  "use strict";
  var update = function (field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!limit) { return; }
    var counter = field.nextElementSibling;
    if (!counter || !counter.hasAttribute("data-length-counter")) {
      counter = document.createElement("div");
      counter.setAttribute("data-length-counter", "");
      counter.setAttribute("aria-live", "polite");
      counter.className = "form-text text-end length-counter";
      field.insertAdjacentElement("afterend", counter);
    }
    // Characters as the server counts them: code points (not UTF-16 units), and a line break arrives as CR LF.
    var length = Array.from(field.value).length + (field.value.match(/\n/g) || []).length;
    counter.textContent = length + " / " + limit;
    var over = length > limit;
    counter.classList.toggle("text-danger", over);
    counter.classList.toggle("fw-semibold", over);
    field.classList.toggle("is-invalid", over || field.getAttribute("aria-invalid") === "true");
    // Long texts always show their counter; one-line fields only near the limit.
    counter.classList.toggle("d-none", field.tagName !== "TEXTAREA" && length < limit * 0.8);
  };
  document.addEventListener("input", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-maxlength")) { update(event.target); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-maxlength]"), update);
})();
