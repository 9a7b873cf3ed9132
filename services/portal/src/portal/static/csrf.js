// Where the CSRF token goes (issue 13 item 1): only with a form's own submission, never to markup that got onto a page.
// Every state-changing form carries its own hidden csrf_token; there is no page-wide header to inherit. An htmx request
// other than GET must come from a <form> and carry exactly that form's token: an element that is not a form (even one
// inside a form), or a form whose token came from elsewhere (hx-include, hx-vals), is stopped before it is sent.
"use strict";
document.addEventListener("htmx:configRequest", function (evt) {
  var detail = evt.detail;
  if (detail.verb === "get") return;
  var form = detail.elt;
  var own = form && form.tagName === "FORM" ? form.querySelector('input[type="hidden"][name="csrf_token"]') : null;
  var sent = detail.formData ? detail.formData.getAll("csrf_token") : [];
  if (!own || sent.length !== 1 || sent[0] !== own.value) {
    evt.preventDefault();
    if (window.console) console.warn("blocked a request that does not come from a form of this page:", detail.path);
  }
});
