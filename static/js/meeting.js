/* Meeting page: live tally of the votes and an agenda form that shows only what a question needs.
   Progressive enhancement: without JavaScript the page shows the tally as of its loading, and the
   agenda form shows every field. */
(function () {
  "use strict";

  var REFRESH_MS = 5000;

  // --- live tally: the same URL answers with JSON when asked for it (views.meetings) ---
  var agenda = document.querySelector("[data-live-tally]");
  if (agenda && window.fetch) {
    var url = agenda.getAttribute("data-live-tally");
    var yes = agenda.getAttribute("data-yes") || "yes";
    var no = agenda.getAttribute("data-no") || "no";
    var timer = null;

    var show = function (element, value) {
      var text = typeof value === "boolean" ? (value ? yes : no) : String(value);
      if (element.textContent !== text) element.textContent = text;
    };

    var refresh = function () {
      if (document.hidden) return;
      fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          if (data.closed) {
            // The secretary closed the meeting: show the protocol and the final results.
            window.clearInterval(timer);
            window.location.reload();
            return;
          }
          (data.items || []).forEach(function (item) {
            var box = agenda.querySelector('[data-tally-item="' + item.id + '"]');
            if (!box) return;
            box.querySelectorAll("[data-key]").forEach(function (element) {
              var key = element.getAttribute("data-key");
              if (Object.prototype.hasOwnProperty.call(item, key)) show(element, item[key]);
            });
            box.classList.toggle("would-adopt", Boolean(item.adopted));
          });
        })
        .catch(function () { /* a missed refresh is retried at the next tick */ });
    };
    timer = window.setInterval(refresh, REFRESH_MS);
  }

  // --- agenda form: the questions that fit the chosen application, the fields of the question ---
  var form = document.querySelector("form[data-agenda-form]");
  if (form) {
    var application = form.querySelector("select[name$=application]");
    var question = form.querySelector("select[name$=question]");
    var details = form.querySelectorAll(".field[data-questions], fieldset[data-questions]");

    var sync = function () {
      var option = application && application.options[application.selectedIndex];
      var fitting = option && option.getAttribute("data-questions");
      fitting = fitting ? fitting.split(" ") : null;
      Array.prototype.forEach.call(question.options, function (choice) {
        var allowed = !fitting || fitting.indexOf(choice.value) !== -1;
        choice.disabled = !allowed;
        choice.hidden = !allowed;
      });
      if (question.selectedIndex < 0 || question.options[question.selectedIndex].disabled) {
        var first = Array.prototype.find.call(question.options, function (choice) {
          return !choice.disabled;
        });
        if (first) question.value = first.value;
      }
      details.forEach(function (element) {
        var wanted = element.getAttribute("data-questions").split(" ");
        element.hidden = wanted.indexOf(question.value) === -1;
      });
    };
    if (application && question) {
      application.addEventListener("change", sync);
      question.addEventListener("change", sync);
      sync();
    }

    // GOST 8.6: until the secretary sets «valid to» by hand, it follows «valid from» at the
    // two-year maximum (the day before the same date two years later).
    var validFrom = form.querySelector("input[name$=valid_from]");
    var validTo = form.querySelector("input[name$=valid_to]");
    if (validFrom && validTo) {
      var touched = false;
      validTo.addEventListener("input", function () { touched = true; });
      validFrom.addEventListener("change", function () {
        var parts = validFrom.value.split("-").map(Number);
        if (touched || parts.length !== 3 || !parts[0]) return;
        var end = new Date(Date.UTC(parts[0] + 2, parts[1] - 1, parts[2]));
        if (end.getUTCMonth() !== parts[1] - 1) end = new Date(Date.UTC(parts[0] + 2, 1, 28));
        end.setUTCDate(end.getUTCDate() - 1);
        validTo.value = end.toISOString().slice(0, 10);
      });
    }
  }
})();
