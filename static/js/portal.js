/* Halal Portal: progressive enhancement only; every form works without JavaScript. */
(function () {
  "use strict";

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Dossier uploads: each file is sent on its own with a progress bar, and each gets its own
  // answer (accepted, or refused with the reason), without leaving the page.
  function uploadOne(form, file, progress, status) {
    return new Promise(function (resolve) {
      var data = new FormData();
      form.querySelectorAll("input[type=hidden]").forEach(function (input) {
        data.append(input.name, input.value);
      });
      data.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRFToken", csrf(form));
      progress.hidden = false;
      progress.value = 0;
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
      };
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        (body.errors || []).forEach(function (message) { addLine(status, message, "error"); });
        (body.saved || []).forEach(function (saved) {
          addLine(status, "✓ " + saved.name, "success");
        });
        if (!body.errors && !body.saved) {
          addLine(status, file.name + ": " + (form.dataset.failed || xhr.statusText), "error");
        }
        resolve({saved: (body.saved || []).length > 0, failed: xhr.status >= 400 || (body.errors || []).length > 0});
      };
      xhr.onerror = function () {
        addLine(status, file.name + ": " + (form.dataset.failed || "network error"), "error");
        resolve({saved: false, failed: true});
      };
      xhr.send(data);
    });
  }

  function addLine(status, text, kind) {
    var line = document.createElement("p");
    line.className = kind;
    line.textContent = text;
    status.appendChild(line);
  }

  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    var progress = form.querySelector("progress");
    var status = form.querySelector(".upload-status");
    if (input && input.hasAttribute("data-autosubmit")) {
      input.addEventListener("change", function () { form.requestSubmit(); });
    }
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !input.files.length) return;
      event.preventDefault();
      status.textContent = "";
      var files = Array.prototype.slice.call(input.files);
      var anySaved = false, anyFailed = false;
      files.reduce(function (chain, file) {
        return chain.then(function () {
          return uploadOne(form, file, progress, status).then(function (result) {
            anySaved = anySaved || result.saved;
            anyFailed = anyFailed || result.failed;
          });
        });
      }, Promise.resolve()).then(function () {
        progress.hidden = true;
        input.value = "";
        // Reload so the list, the checklist and the progress bar show the new files; keep the
        // page when something was refused, so that the reason stays on screen.
        if (anySaved && !anyFailed) window.setTimeout(function () { window.location.reload(); }, 600);
      });
    });
  });

  // A select that submits its form when changed (the language switch); no inline handlers:
  // the Content-Security-Policy allows scripts from the portal's own files only.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
