/* Rendered PDFs: while a document is queued or rendering, ask its status now and then and
   replace its line when it changes (templates/documents/_document.html). Without JavaScript a
   page reload shows the same. */
(function () {
  "use strict";
  if (window.halalDocuments) return; // the script may be included by more than one panel
  window.halalDocuments = true;

  var DELAYS = [1500, 2000, 3000, 5000, 8000, 13000];

  function watch(item, attempt) {
    var url = item.getAttribute("data-pdf-status");
    if (!url) return;
    var delay = DELAYS[Math.min(attempt, DELAYS.length - 1)];
    window.setTimeout(function () {
      fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (!body) return;
          if (!body.pending) {
            var holder = document.createElement("ul");
            holder.innerHTML = body.html;
            var fresh = holder.firstElementChild;
            if (fresh) item.replaceWith(fresh);
          } else {
            watch(item, attempt + 1);
          }
        })
        .catch(function () { watch(item, attempt + 1); });
    }, delay);
  }

  function start() {
    document.querySelectorAll("[data-pdf-status]").forEach(function (item) { watch(item, 0); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
