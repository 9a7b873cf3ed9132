// Runs the portal's documents.js in node with a minimal fake page and XMLHttpRequest, picks one file
// for upload, answers the uploads with the given statuses in turn, and prints what happened as JSON.
//   node upload_retry_harness.js path/to/documents.js '[[503, "1"], [200, null]]'
"use strict";
const fs = require("fs");
const vm = require("vm");

const [script, answersJson] = process.argv.slice(2);
const answers = JSON.parse(answersJson);  // [status, Retry-After header or null] per request
const requests = [];

function element(id) {
  const listeners = {};
  return {
    id, dataset: {}, children: [], textContent: "", classList: { add() {}, remove() {} },
    addEventListener(type, fn) { listeners[type] = fn; },
    fire(type) { listeners[type]({ preventDefault() {} }); },
    appendChild(child) { this.children.push(child); return child; },
    querySelector() { return null; },
  };
}

const page = { dropzone: element("dropzone"), "upload-input": element("upload-input"), "upload-progress": element("upload-progress") };
page.dropzone.dataset.url = "/dossiers/d-1/documents/upload?box=purchases";
page["upload-input"].files = [{ name: "invoice.pdf" }];

class FakeXHR {
  constructor() { this.upload = {}; this.headers = {}; }
  open(method, url) { this.method = method; this.url = url; }
  setRequestHeader(name, value) { this.headers[name] = value; }
  getResponseHeader(name) { return name === "Retry-After" ? this.retryAfter : null; }
  send() {
    const [status, retryAfter] = answers[Math.min(requests.length, answers.length - 1)];
    requests.push({ at: Date.now(), url: this.url });
    setTimeout(() => {
      this.status = status; this.retryAfter = retryAfter;
      this.responseText = JSON.stringify(status < 400 ? { stored: [{}] } : { error: { code: "unavailable", message: "down" } });
      this.onload();
    }, 5);
  }
}

const context = {
  XMLHttpRequest: FakeXHR, FormData: class { append() {} }, setTimeout, JSON, Math, parseInt, isNaN, Promise, Array, String,
  document: {
    readyState: "complete", getElementById: (id) => page[id] || null, querySelector: () => null, querySelectorAll: () => [],
    addEventListener() {}, createElement: (tag) => element(tag), createTextNode: (text) => ({ text }),
  },
};
context.window = { sessionStorage: { getItem: () => null, setItem() {}, removeItem() {} }, location: { reload() {} } };
vm.runInNewContext(fs.readFileSync(script, "utf8"), context);

const started = Date.now();
page["upload-input"].fire("change");
const wait = setInterval(() => {
  const item = page["upload-progress"].children[0];
  if (item && item.dataset.status) {
    clearInterval(wait);
    console.log(JSON.stringify({ status: Number(item.dataset.status), requests: requests.length,
                                 seconds: (Date.now() - started) / 1000 }));
  }
}, 20);
