// fonds: the only script of the site besides htmx. Copy buttons; nothing else.
"use strict";
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source) return;
  var text = source.textContent.trim();
  var done = function () {
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = "Copy citation"; }, 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () {});
  } else {
    var range = document.createRange();
    range.selectNodeContents(source);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { document.execCommand("copy"); done(); } catch (e) { /* selected for the user */ }
  }
});

// Searches leave empty fields out of the URL, so pushed URLs stay short and stable.
document.addEventListener("htmx:configRequest", function (event) {
  var params = event.detail.parameters;
  Array.from(Object.keys(params)).forEach(function (key) {
    if (params[key] === "") delete params[key];
  });
});
