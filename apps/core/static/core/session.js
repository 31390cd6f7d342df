// The session's end, without inline script (CSP). Two parts (docs/reliability.md, "Nothing typed is lost"):
// 1. Before the idle timeout, a warning with a button that extends the session (POST with the CSRF token to
//    accounts:session_extend); the countdown restarts from the server's answer.
// 2. After logging in again, the form that had been posted when the session expired is filled with what was
//    typed (the JSON block "kept-form-data" rendered once by base.html); nothing is submitted.
(function () {
  "use strict";

  // ------------------------------------------------------------ 1. the warning before the idle timeout
  var box = document.getElementById("session-warning");
  if (box) {
    var idle = parseInt(box.getAttribute("data-idle-seconds"), 10) || 0;
    var warnBefore = parseInt(box.getAttribute("data-warn-seconds"), 10) || 120;
    var countdown = box.querySelector("[data-session-countdown]");
    var form = box.querySelector("form[data-session-extend]");
    var expired = box.querySelector("[data-session-expired]");
    var deadline = 0;
    var timer = null;

    var format = function (seconds) {
      var m = Math.floor(seconds / 60);
      var s = seconds % 60;
      return m + ":" + (s < 10 ? "0" : "") + s;
    };

    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      if (left <= warnBefore) {
        box.classList.remove("d-none");
        if (countdown) { countdown.textContent = format(left); }
      }
      if (left === 0) {
        if (form) { form.classList.add("d-none"); }
        if (expired) { expired.classList.remove("d-none"); }
        window.clearInterval(timer);
      }
    };

    var start = function (seconds) {
      // The server touches the session at most every 30 s: count from 30 s earlier, to be safe.
      deadline = Date.now() + Math.max(0, seconds - 30) * 1000;
      box.classList.add("d-none");
      if (form) { form.classList.remove("d-none"); }
      if (expired) { expired.classList.add("d-none"); }
      window.clearInterval(timer);
      timer = window.setInterval(tick, 1000);
    };

    if (idle > 0) {
      start(idle);
      if (form) {
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          window.fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            headers: { "Accept": "application/json" },
            credentials: "same-origin"
          }).then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
          }).then(function (data) {
            start(data.idle_seconds || idle);
          }).catch(function () {
            form.submit(); // the plain form: back to this page after the extension (or to the login page)
          });
        });
      }
    }
  }

  // ------------------------------------------------------------ 2. what was typed before the session expired
  var source = document.getElementById("kept-form-data");
  if (!source) { return; }
  var kept;
  try { kept = JSON.parse(source.textContent); } catch (e) { return; }
  if (!kept || !kept.fields) { return; }
  var names = Object.keys(kept.fields);

  var pathOf = function (url) {
    var link = document.createElement("a");
    link.href = url;
    return link.pathname;
  };

  // The form that posted (its action), else the form holding most of the kept fields.
  var forms = Array.prototype.slice.call(document.querySelectorAll("form[method='post'], form[method='POST']"));
  var target = null;
  var best = 0;
  forms.forEach(function (candidate) {
    var action = pathOf(candidate.getAttribute("action") || window.location.href);
    var count = names.filter(function (name) { return candidate.elements.namedItem(name); }).length;
    var score = count + (action === kept.action ? 1000 : 0);
    if (count > 0 && score > best) { best = score; target = candidate; }
  });
  if (!target) { return; }

  names.forEach(function (name) {
    var values = kept.fields[name];
    var fields = target.querySelectorAll("[name='" + name.replace(/'/g, "\\'") + "']");
    Array.prototype.forEach.call(fields, function (field) {
      var type = (field.type || "").toLowerCase();
      if (type === "hidden" || type === "password" || type === "file" || type === "submit") { return; }
      if (type === "checkbox" || type === "radio") {
        field.checked = values.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = values.indexOf(option.value) !== -1;
        });
      } else {
        field.value = values[0] || "";
      }
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
  var details = target.closest("details");
  if (details) { details.open = true; }
  target.scrollIntoView({ block: "start" });
})();
