// Keyboard shortcuts for the review pages (no build step, no dependencies).
(function () {
  "use strict";
  var fields = Array.prototype.slice.call(document.querySelectorAll("section.field"));
  var help = document.getElementById("help");
  var current = 0;

  function focusField(i, scroll) {
    if (!fields.length) return;
    current = Math.max(0, Math.min(fields.length - 1, i));
    fields.forEach(function (f, k) { f.classList.toggle("focus", k === current); });
    if (scroll !== false) fields[current].scrollIntoView({ block: "nearest", behavior: "auto" });
  }
  function field() { return fields[current]; }
  function click(sel) {
    var el = field() && field().querySelector(sel);
    if (el && !el.disabled) { el.click(); return true; }
    return false;
  }
  function showForm(cls, focusSel) {
    var f = field(); if (!f) return;
    f.querySelectorAll(".edit-form, .note-form").forEach(function (x) { x.hidden = !x.classList.contains(cls); });
    var input = f.querySelector("." + cls + " " + focusSel);
    if (input) { input.focus(); if (input.select) input.select(); }
  }
  function hideForms() {
    document.querySelectorAll(".edit-form, .note-form").forEach(function (x) { x.hidden = true; });
  }

  // initial focus: the ?focus= field, else the first unreviewed field
  var want = new URLSearchParams(location.search).get("focus");
  var start = 0;
  fields.forEach(function (f, k) { if (f.dataset.field === want) start = k; });
  if (!want) {
    for (var k = 0; k < fields.length; k++) {
      if (fields[k].querySelector('[data-status="unreviewed"]')) { start = k; break; }
    }
  }
  focusField(start, !!want);

  fields.forEach(function (f, k) {
    f.addEventListener("click", function () { focusField(k, false); });
    var edit = f.querySelector(".act-edit");
    if (edit) edit.addEventListener("click", function () { focusField(k, false); showForm("edit-form", ".edit-value"); });
    var note = f.querySelector(".act-note");
    if (note) note.addEventListener("click", function () { focusField(k, false); showForm("note-form", ".note-text"); });
    f.querySelectorAll("button.cancel").forEach(function (b) { b.addEventListener("click", hideForms); });
  });
  var helpLink = document.getElementById("help-link");
  if (helpLink) helpLink.addEventListener("click", function (e) { e.preventDefault(); help.hidden = !help.hidden; });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") {
      if (e.key === "Escape") { e.target.blur(); hideForms(); }
      return;
    }
    var handled = true;
    switch (e.key) {
      case "j": focusField(current + 1); break;
      case "k": focusField(current - 1); break;
      case "a": click(".act-accept"); break;
      case "n": click(".act-not-reported"); break;
      case "r": click(".act-reject"); break;
      case "e": showForm("edit-form", ".edit-value"); break;
      case "o": showForm("note-form", ".note-text"); break;
      case "h": var d = field() && field().querySelector("details.history"); if (d) d.open = !d.open; break;
      case "]": var n = document.getElementById("next-doc"); if (n) location.href = n.href; break;
      case "[": var p = document.getElementById("prev-doc"); if (p) location.href = p.href; break;
      case "?": help.hidden = !help.hidden; break;
      case "Escape": help.hidden = true; hideForms(); break;
      default:
        if (/^[1-9]$/.test(e.key)) { handled = click('.pick-one[data-index="' + e.key + '"]'); }
        else handled = false;
    }
    if (handled) e.preventDefault();
  });
})();
