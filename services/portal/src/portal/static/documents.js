// The documents pages (ING-1, ING-3, ING-5..8): upload with progress, select all, page pickers, mobile capture.
"use strict";
(function () {
  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Issue 18: while a dependency of the office is briefly down it answers 503 (Retry-After): the same upload is
  // sent again by itself after that many seconds (else a growing delay), about a minute in all, then reported.
  var RETRY_DELAYS_S = [1, 2, 4, 8, 15, 30];

  function post(url, data, onProgress, attempt) {
    attempt = attempt || 0;
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      if (onProgress) { xhr.upload.onprogress = function (e) { if (e.lengthComputable) onProgress(e.loaded / e.total); }; }
      xhr.onload = function () {
        if ([502, 503, 504].indexOf(xhr.status) >= 0 && attempt < RETRY_DELAYS_S.length) {
          var after = parseInt(xhr.getResponseHeader("Retry-After"), 10);
          var seconds = Math.min(isNaN(after) ? RETRY_DELAYS_S[attempt] : after, 30);
          setTimeout(function () { post(url, data, onProgress, attempt + 1).then(resolve); }, seconds * 1000);
          return;
        }
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        resolve({ status: xhr.status, body: body });
      };
      xhr.onerror = function () { resolve({ status: 0, body: {} }); };
      xhr.send(data);
    });
  }

  function describe(result) {
    var b = result.body;
    if (b.error) return b.error.message;
    if (b.rejected && b.rejected.length) return b.rejected.map(function (r) { return r.message; }).join("; ");
    if (b.duplicates && b.duplicates.length) return b.duplicates[0].message || ("already there: " + b.duplicates[0].duplicate_of.filename);
    return "ok";
  }

  function outcome(result) {
    var b = result.body;
    if (result.status === 0 || result.status >= 400 || b.error || (b.rejected && b.rejected.length)) return "refused";
    return b.duplicates && b.duplicates.length ? "duplicate" : "stored";
  }

  // Issue 15 item 9: what was not stored (a duplicate, a refusal) stays said after the page reloads to list the
  // new documents; kept for this tab until shown once. Text only, never markup.
  function notesKey(zone) { return "bf-upload-notes:" + zone.dataset.url; }

  function keepNotes(zone, list) {
    var notes = Array.prototype.filter.call(list.children, function (li) { return li.dataset.outcome && li.dataset.outcome !== "stored"; })
      .map(function (li) { return { outcome: li.dataset.outcome, text: li.textContent }; });
    try { if (notes.length) window.sessionStorage.setItem(notesKey(zone), JSON.stringify(notes)); } catch (e) { /* private mode */ }
  }

  function showKeptNotes(zone) {
    var list = document.getElementById("upload-progress"), notes = [];
    try {
      notes = JSON.parse(window.sessionStorage.getItem(notesKey(zone)) || "[]");
      window.sessionStorage.removeItem(notesKey(zone));
    } catch (e) { notes = []; }
    notes.forEach(function (note) {
      var item = document.createElement("li");
      item.dataset.outcome = String(note.outcome);
      item.textContent = String(note.text);
      list.appendChild(item);
    });
  }

  function uploadAll(zone, files) {
    var list = document.getElementById("upload-progress");
    var jobs = Array.prototype.map.call(files, function (file) {
      var item = document.createElement("li");
      var bar = document.createElement("progress");
      bar.max = 1; bar.value = 0;
      item.textContent = file.name + " ";
      item.appendChild(bar);
      list.appendChild(item);
      var data = new FormData();
      data.append("files", file, file.name);
      return post(zone.dataset.url, data, function (p) { bar.value = p; }).then(function (result) {
        bar.value = 1;
        item.dataset.status = result.status;
        item.dataset.outcome = outcome(result);
        item.appendChild(document.createTextNode(" " + describe(result)));
      });
    });
    Promise.all(jobs).then(function () {
      var failed = list.querySelector("[data-status='413'], [data-status='422']");
      if (!failed && document.getElementById("doc-actions")) { keepNotes(zone, list); window.location.reload(); }
    });
  }

  function setupUpload() {
    var zone = document.getElementById("dropzone");
    if (!zone) return;
    var input = document.getElementById("upload-input");
    showKeptNotes(zone);
    input.addEventListener("change", function () { uploadAll(zone, input.files); });
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault(); zone.classList.remove("over"); uploadAll(zone, e.dataTransfer.files);
    });
  }

  function setupSelectAll() {
    var all = document.getElementById("select-all");
    if (!all) return;
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name='ids']").forEach(function (box) { box.checked = all.checked; });
    });
  }

  function setupPicker() {
    var form = document.getElementById("picker");
    if (!form) return;
    var pages = Array.prototype.slice.call(form.querySelectorAll("button.page"));
    var groups = [], current = [], firsts = [], chosen = [];
    function mode() {
      if (form.dataset.mode === "merge") return "merge";
      var checked = form.querySelector("input[name='mode']:checked");
      return checked ? checked.value : "split";
    }
    function key(b) { return b.dataset.document + ":" + b.dataset.page; }
    function paint() {
      pages.forEach(function (b) {
        var n = Number(b.dataset.page), label = b.querySelector(".group");
        b.classList.remove("picked", "first", "done");
        label.textContent = "";
        if (mode() === "bulk") {
          if (firsts.indexOf(n) >= 0) b.classList.add("first");
        } else if (mode() === "merge") {
          var at = chosen.indexOf(key(b));
          if (at >= 0) { b.classList.add("picked"); label.textContent = "#" + (at + 1); }
        } else {
          if (current.indexOf(n) >= 0) b.classList.add("picked");
          groups.forEach(function (g, i) { if (g.indexOf(n) >= 0) { b.classList.add("done"); label.textContent = "#" + (i + 1); } });
        }
        b.setAttribute("aria-pressed", b.classList.contains("picked") || b.classList.contains("first") ? "true" : "false");
      });
      ["next-invoice", "picker-help"].forEach(function (id) {  // invoice by invoice only; bulk marks first pages
        var el = document.getElementById(id);
        if (el) el.hidden = mode() === "bulk";
      });
      form.querySelector("#parts").value = groups.concat(current.length ? [current] : []).map(function (g) { return g.join(","); }).join(";");
      form.querySelector("#first-pages").value = firsts.join(",");
      form.querySelector("#merge-pages").value = chosen.join(",");
    }
    function toggle(list, value) {
      var at = list.indexOf(value);
      if (at >= 0) list.splice(at, 1); else list.push(value);
    }
    pages.forEach(function (b) {
      b.addEventListener("click", function () {
        var n = Number(b.dataset.page);
        if (mode() === "bulk") toggle(firsts, n);
        else if (mode() === "merge") toggle(chosen, key(b));
        else if (!groups.some(function (g) { return g.indexOf(n) >= 0; })) toggle(current, n);
        paint();
      });
    });
    var next = document.getElementById("next-invoice");
    if (next) next.addEventListener("click", function () {
      if (current.length) { groups.push(current.slice().sort(function (a, b) { return a - b; })); current = []; paint(); }
    });
    form.querySelectorAll("input[name='mode']").forEach(function (r) { r.addEventListener("change", paint); });
    paint();
  }

  function setupCapture() {
    var section = document.getElementById("capture");
    if (!section) return;
    var input = document.getElementById("capture-input"), list = document.getElementById("capture-list");
    var send = document.getElementById("capture-send"), status = document.getElementById("capture-status");
    var photos = [];
    input.addEventListener("change", function () {
      Array.prototype.forEach.call(input.files, function (f) {
        photos.push(f);
        var item = document.createElement("li"); item.textContent = f.name; list.appendChild(item);
      });
      input.value = "";
      send.disabled = photos.length === 0;
    });
    send.addEventListener("click", function () {
      var data = new FormData();
      photos.forEach(function (f) { data.append("files", f, f.name); });
      send.disabled = true;
      var box = document.getElementById("capture-box").value;
      post(section.dataset.url + "?box=" + encodeURIComponent(box), data).then(function (result) {
        status.dataset.status = result.status;
        if (result.status === 201) {
          var doc = result.body.documents[0];
          status.textContent = "✓ " + doc.filename + " (" + doc.page_count + ")";
          photos = []; list.innerHTML = "";
        } else {
          status.textContent = describe(result); send.disabled = false;
        }
      });
    });
  }

  // Pages reached through hx-boost are swapped in after DOMContentLoaded: set up now and on every htmx:load,
  // each element once (data-ready), however often this script runs.
  function setup() {
    [["dropzone", setupUpload], ["select-all", setupSelectAll], ["picker", setupPicker], ["capture", setupCapture]]
      .forEach(function (pair) {
        var el = document.getElementById(pair[0]);
        if (el && !el.dataset.ready) { el.dataset.ready = "1"; pair[1](); }
      });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
  if (!window.bfDocumentsListening) { window.bfDocumentsListening = true; document.addEventListener("htmx:load", setup); }
})();
