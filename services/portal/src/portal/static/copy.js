/* Copy buttons: <button data-copy="#input" data-copied="Copied"> copies the input's value (no inline script: CSP). */
(function () {
  if (window.bfCopy) { return; }
  window.bfCopy = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) { return; }
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) { return; }
    var done = function () { button.textContent = button.getAttribute("data-copied") || "OK"; };
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
