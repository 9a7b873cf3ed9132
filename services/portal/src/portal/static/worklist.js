// The worklist and the annotation screen (WL-1, WL-5, WL-8, WL-9): keyboard shortcuts, sums in number fields,
// words of the document copied into the focused field, the text layer toggle, select all. The server checks
// everything again; this file only saves keystrokes.
"use strict";
(function () {
  if (window.bfWorklist) { return; }
  window.bfWorklist = true;
  var lastField = null;

  function byId(id) { return document.getElementById(id); }
  function annotation() { return byId("annotation"); }

  // WL-8: "12+25" becomes 37 on Enter or when the field is left; the server computes the same on save.
  function evaluate(text) {
    var source = text.replace(/\s+/g, "").replace(/,/g, ".");
    if (!/^[-+*/().0-9]+$/.test(source) || source.length > 200) { return null; }
    var pos = 0;
    function peek() { return source.charAt(pos); }
    function number() {
      var match = /^(\d+(\.\d+)?|\.\d+)/.exec(source.slice(pos));
      if (!match) { throw new Error("number"); }
      pos += match[0].length;
      return parseFloat(match[0]);
    }
    function factor() {
      var c = peek();
      if (c === "-") { pos++; return -factor(); }
      if (c === "+") { pos++; return factor(); }
      if (c === "(") { pos++; var v = expression(); if (peek() !== ")") { throw new Error(")"); } pos++; return v; }
      return number();
    }
    function term() {
      var v = factor();
      while (peek() === "*" || peek() === "/") {
        var op = source.charAt(pos++), w = factor();
        if (op === "/" && w === 0) { throw new Error("zero"); }
        v = op === "*" ? v * w : v / w;
      }
      return v;
    }
    function expression() {
      var v = term();
      while (peek() === "+" || peek() === "-") { var op = source.charAt(pos++), w = term(); v = op === "+" ? v + w : v - w; }
      return v;
    }
    try {
      var value = expression();
      if (pos !== source.length || !isFinite(value)) { return null; }
      return (Math.round(value * 100) / 100).toFixed(2);
    } catch (e) { return null; }
  }

  function calculate(input) {
    var text = input.value.trim();
    if (!text || !/[-+*/]/.test(text.slice(1))) { input.removeAttribute("aria-invalid"); return true; }
    var value = evaluate(text);
    if (value === null) { input.setAttribute("aria-invalid", "true"); return false; }
    input.value = value;
    input.removeAttribute("aria-invalid");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  // Mandatory fields framed red while empty (WL-5): the class follows what the user types.
  function markMandatory(field) {
    var wrapper = field.closest(".field, td");
    if (wrapper && field.hasAttribute("data-mandatory")) { wrapper.classList.toggle("missing", !field.value.trim()); }
  }

  // Words of the document (WL-5): a click puts the word into the field that had the focus last.
  function normalised(field, text) {
    if (field.type === "date") {
      var d = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})$/.exec(text);
      if (!d) { return null; }
      var year = d[3].length === 2 ? "20" + d[3] : d[3];
      return year + "-" + ("0" + d[2]).slice(-2) + "-" + ("0" + d[1]).slice(-2);
    }
    if (field.classList.contains("num")) {
      var t = text.replace(/[^\d.,-]/g, "");
      if (t.indexOf(",") >= 0 && t.indexOf(".") >= 0) {
        t = t.lastIndexOf(",") > t.lastIndexOf(".") ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
      }
      return t.replace(",", ".");
    }
    return text;
  }

  function copyWord(word) {
    var field = lastField && document.body.contains(lastField) ? lastField : null;
    if (!field) { return; }
    var text = normalised(field, word.getAttribute("data-text"));
    if (text === null) { return; }
    var append = field.dataset.fromWords === "1" && field.type === "text" && !field.classList.contains("num");
    field.value = append && field.value ? field.value + " " + text : text;
    field.dataset.fromWords = "1";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  }

  // WL-8: a new empty line after the last one (the server ignores rows left empty).
  function addLine() {
    var body = document.querySelector("#lines tbody");
    if (!body) { return; }
    var rows = body.querySelectorAll("tr.line"), last = rows[rows.length - 1];
    var n = rows.length + 1, copy = last.cloneNode(true);
    copy.dataset.line = String(n);
    copy.querySelectorAll("input, select").forEach(function (input) {
      input.name = input.name.replace(/^lines\.\d+\./, "lines." + n + ".");
      if (input.type === "checkbox") { input.checked = false; } else { input.value = ""; }
      input.removeAttribute("aria-invalid");
      var label = input.getAttribute("aria-label");
      if (label) { input.setAttribute("aria-label", label.replace(/\d+/, String(n))); }
    });
    copy.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    copy.querySelectorAll("td").forEach(function (td) { td.classList.remove("invalid", "suspense"); });
    body.appendChild(copy);
    var first = copy.querySelector("input");
    if (first) { first.focus(); }
  }

  function submitWith(then) {
    var form = annotation();
    if (!form) { return; }
    form.querySelectorAll("input.num").forEach(calculate);
    // a real click, so htmx (hx-boost) sends the button's then=... as the browser would
    var button = form.querySelector("button[name='then'][value='" + then + "']");
    if (button) { button.click(); }
  }

  function dirty() {
    var form = annotation();
    return !!form && form.dataset.dirty === "1";
  }

  function openDialog(id, focus) {
    var dialog = byId(id);
    if (!dialog || dialog.open) { return; }
    dialog.showModal();
    var target = focus ? dialog.querySelector(focus) : null;
    if (target) { target.focus(); }
  }

  function previous() {
    var link = byId("previous");
    if (!link) { return; }
    if (dirty()) { openDialog("leave-dialog", "button[data-then='previous']"); } else { link.click(); }
  }

  // WL-9 (issue 15 item 15): keys a real Chromium leaves to the page (domain/shortcuts.py says why and lists them).
  // On the annotation screen Alt+letter, also while typing in a field; the letter is read from the key's position
  // when Alt turned it into another character (Option+S is "ß" on a Mac).
  var ANNOTATION_KEYS = {
    "s": function () { submitWith("back"); },
    "n": function () { submitWith("next"); },
    "p": previous,
    "delete": function () { openDialog("delete-dialog", "button.danger"); },
    "c": function () { var f = byId("f-counterparty_name"); if (f) { f.focus(); f.select(); } },
  };

  function letterOf(event) {
    var key = event.key.toLowerCase();
    if (key.length === 1 && !/^[a-z]$/.test(key) && /^Key[A-Z]$/.test(event.code || "")) {
      return event.code.charAt(3).toLowerCase();
    }
    return key;
  }

  // On the list, plain letters when no field has the focus (as in Gmail): j / k choose a row, o opens it.
  function rowLinks() { return Array.prototype.slice.call(document.querySelectorAll("table.worklist a.open")); }

  function chooseRow(step) {
    var links = rowLinks();
    if (!links.length) { return; }
    var at = links.indexOf(document.activeElement);
    var next = links[Math.max(0, Math.min(links.length - 1, at < 0 ? 0 : at + step))];
    links.forEach(function (link) { link.closest("tr").classList.toggle("chosen", link === next); });
    next.focus();
  }

  function openChosen() {
    var links = rowLinks(), at = links.indexOf(document.activeElement);
    var link = links[at < 0 ? 0 : at];
    if (link) { link.click(); }
  }

  var LIST_KEYS = { "j": function () { chooseRow(1); }, "k": function () { chooseRow(-1); }, "o": openChosen };

  function typing(target) {
    return !!(target.closest && target.closest("input, textarea, select, [contenteditable]"));
  }

  document.addEventListener("keydown", function (event) {
    var key = letterOf(event);
    if (event.altKey && !event.ctrlKey && !event.metaKey && ANNOTATION_KEYS[key] && annotation()) {
      event.preventDefault();
      ANNOTATION_KEYS[key]();
      return;
    }
    if (!event.altKey && !event.ctrlKey && !event.metaKey && LIST_KEYS[key] && !typing(event.target)
        && document.querySelector("table.worklist")) {
      event.preventDefault();
      LIST_KEYS[key]();
      return;
    }
    var target = event.target;
    if (event.key === "?" && !target.closest("input, textarea, select")) {
      event.preventDefault();
      openDialog("shortcuts-dialog", "button");
      return;
    }
    if (event.key === "Enter" && target.matches && target.matches("#annotation input")) {
      event.preventDefault();  // Enter calculates; saving is Alt+S / Alt+N or the buttons
      if (target.classList.contains("num")) { calculate(target); }
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("#annotation input:not([type=hidden]), #annotation textarea")) {
      lastField = event.target;
    }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches("#annotation input.num")) { calculate(event.target); }
  });
  document.addEventListener("input", function (event) {
    var form = annotation();
    if (form && form.contains(event.target)) {
      form.dataset.dirty = "1";
      markMandatory(event.target);
      if (event.isTrusted) { delete event.target.dataset.fromWords; }
    }
  });
  document.addEventListener("click", function (event) {
    var word = event.target.closest && event.target.closest("[data-text]");
    if (word && word.closest("#document-pane")) { event.preventDefault(); copyWord(word); return; }
    var toggle = event.target.closest && event.target.closest("#toggle-text-layer");
    if (toggle) {
      var pane = byId("document-pane"), shown = pane.classList.toggle("words-hidden") === false;
      toggle.setAttribute("aria-pressed", shown ? "true" : "false");
      return;
    }
    var opener = event.target.closest && event.target.closest("[data-dialog]");
    if (opener) { event.preventDefault(); openDialog(opener.getAttribute("data-dialog"), "button"); return; }
    var closer = event.target.closest && event.target.closest("[data-close]");
    if (closer) { var d = closer.closest("dialog"); if (d) { d.close(); } return; }
    if (event.target.closest && event.target.closest("#add-line")) { addLine(); return; }
    var then = event.target.closest && event.target.closest("[data-then]");
    if (then) { var d0 = then.closest("dialog"); if (d0) { d0.close(); } submitWith(then.getAttribute("data-then")); return; }
    var undo = event.target.closest && event.target.closest("#undo");
    if (undo) {
      var form = annotation();
      form.reset();
      form.dataset.dirty = "";
      form.querySelectorAll("[data-mandatory]").forEach(markMandatory);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "select-all-proposals") {
      document.querySelectorAll("input[name='ids']").forEach(function (box) { box.checked = event.target.checked; });
    }
  });
  // Page changes reached through hx-boost: the first field gets the focus on the annotation screen.
  function ready() {
    var form = annotation();
    if (form && !form.dataset.ready) {
      form.dataset.ready = "1";
      var first = form.querySelector(".missing input, .missing select") || form.querySelector("input:not([type=hidden])");
      if (first) { first.focus(); }
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
  document.addEventListener("htmx:load", ready);
  window.bfEvaluate = evaluate;
})();
