/* Autosave of a section of the production-check act (Annex Ж).
 *
 * Every edit of an item (result, comment) is kept in localStorage under
 * "halal-act:<act>:<section>:<item>" until the server confirms it, so nothing is lost when the
 * session expires or the laptop goes offline. Edits are posted as JSON after a short pause, and
 * again on load, when the connection comes back and when the window regains focus. Each edit
 * carries the revision it was made on; the server refuses a stale one (409) and returns the
 * stored value, which is shown together with the user's own version.
 * Without JavaScript the section form is a plain POST. */
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form || !form.dataset.autosaveUrl || !window.fetch || !window.JSON) return;

  var url = form.dataset.autosaveUrl;
  var prefix = "halal-act:" + form.dataset.act + ":" + form.dataset.section + ":";
  var status = document.getElementById("autosave-status");
  var DEBOUNCE_MS = 800;
  var RETRY_MS = 15000;
  var timer = null;
  var inFlight = false;
  var again = false;
  var closed = false;

  // localStorage may be unavailable (private mode, quota): fall back to memory for this page.
  var memory = {};
  var store = (function () {
    try {
      var probe = prefix + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  })();

  function read(id) {
    var raw = store ? store.getItem(prefix + id) : memory[id];
    if (!raw) return null;
    try { return JSON.parse(raw); } catch (error) { return null; }
  }
  function write(id, entry) {
    var raw = JSON.stringify(entry);
    if (store) {
      try { store.setItem(prefix + id, raw); return; } catch (error) { /* quota: memory */ }
    }
    memory[id] = raw;
  }
  function remove(id) {
    if (store) store.removeItem(prefix + id);
    delete memory[id];
  }
  function pendingIds() {
    var ids = Object.keys(memory);
    if (store) {
      for (var i = 0; i < store.length; i++) {
        var key = store.key(i);
        if (key && key.indexOf(prefix) === 0) ids.push(key.slice(prefix.length));
      }
    }
    return ids.filter(function (id, index) { return ids.indexOf(id) === index && /^\d+$/.test(id); });
  }

  function field(id, name) { return form.elements["s-" + name + "-" + id]; }
  function card(id) { return document.getElementById("item-" + id); }

  function setValues(id, values) {
    var result = field(id, "result");
    var comment = field(id, "comment");
    var revision = field(id, "revision");
    if (!result || !comment || !revision) return;
    if (values.result !== undefined) result.value = values.result;
    if (values.comment !== undefined) comment.value = values.comment;
    if (values.revision !== undefined) revision.value = values.revision;
    var box = card(id);
    if (box && values.result !== undefined) {
      box.className = box.className.replace(/\bresult-\w+/, "result-" + values.result);
    }
  }
  function currentValues(id) {
    return {
      result: field(id, "result").value,
      comment: field(id, "comment").value,
      revision: parseInt(field(id, "revision").value, 10)
    };
  }

  function say(kind, text) {
    if (!status) return;
    status.className = "autosave-status " + kind;
    status.textContent = text || status.dataset[kind] || "";
    if (kind === "login" && status.dataset.loginUrl) {
      var link = document.createElement("a");
      link.href = status.dataset.loginUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = " ↗";
      status.appendChild(link);
    }
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(flush, delay === undefined ? DEBOUNCE_MS : delay);
  }

  function remember(id) {
    var entry = currentValues(id);
    var stored = read(id);
    // An edit made offline keeps the revision it started from, not a later one.
    if (stored && stored.revision !== undefined) entry.revision = stored.revision;
    entry.t = Date.now() + Math.random();
    write(id, entry);
    var notice = card(id) && card(id).querySelector(".item-conflict");
    if (notice) notice.hidden = true;
    say("pending");
    if (!closed) schedule();
  }

  function confirmSaved(id, saved, sentStamp) {
    var stored = read(id);
    if (stored && stored.t === sentStamp) {
      remove(id);
      setValues(id, { revision: saved.revision });
    } else if (stored) {
      // Edited again while the request was on its way: the next save builds on this one.
      stored.revision = saved.revision;
      write(id, stored);
      field(id, "revision").value = saved.revision;
    } else {
      setValues(id, { revision: saved.revision });
    }
  }

  function showConflict(id, stored, current) {
    var mine = stored || {};
    setValues(id, current);
    remove(id);
    if (mine.result === current.result && (mine.comment || "") === (current.comment || "")) return;
    var notice = card(id) && card(id).querySelector(".item-conflict");
    if (!notice) return;
    var label = "";
    var radios = form.querySelectorAll("input[name='s-result-" + id + "']");
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].value === mine.result && radios[i].parentNode) {
        label = radios[i].parentNode.textContent.trim();
      }
    }
    notice.textContent = status.dataset.conflict + " " + label + (mine.comment ? " — " + mine.comment : "");
    notice.hidden = false;
  }

  function handle(response, sent) {
    var body = response.body || {};
    var saved = body.saved || {};
    Object.keys(saved).forEach(function (id) { confirmSaved(id, saved[id], sent[id]); });
    if (response.status === 200) {
      say(pendingIds().length ? "pending" : "saved");
      if (pendingIds().length) schedule();
      return;
    }
    if (response.status === 409 && body.conflicts) {
      Object.keys(body.conflicts).forEach(function (id) {
        showConflict(id, read(id), body.conflicts[id]);
      });
      say(pendingIds().length ? "pending" : "saved");
      if (pendingIds().length) schedule();
      return;
    }
    if (response.status === 409) {
      closed = true;
      say("closed");
      return;
    }
    if (response.status === 400) {
      // Refused input would be refused again: show why and let the user correct it.
      Object.keys(body.errors || {}).forEach(function (id) { if (/^\d+$/.test(id)) remove(id); });
      say("error", body.error);
      return;
    }
    if (response.status === 403 || response.status === 401 || response.redirected || response.status === 0) {
      say("login");
      return;
    }
    say("pending");
    schedule(RETRY_MS);
  }

  function flush() {
    window.clearTimeout(timer);
    if (closed) return Promise.resolve();
    if (inFlight) { again = true; return Promise.resolve(); }
    var ids = pendingIds();
    if (!ids.length) return Promise.resolve();
    var sent = {};
    var items = [];
    ids.forEach(function (id) {
      var entry = read(id);
      if (!entry || !field(id, "result")) return;
      sent[id] = entry.t;
      items.push({ item: parseInt(id, 10), result: entry.result, comment: entry.comment, revision: entry.revision });
    });
    if (!items.length) return Promise.resolve();
    inFlight = true;
    say("saving");
    return window.fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "XMLHttpRequest"
      },
      body: JSON.stringify({ items: items })
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var parse = type.indexOf("application/json") === 0 ? response.json() : Promise.resolve({});
      return parse.catch(function () { return {}; }).then(function (body) {
        handle({ status: response.status, redirected: response.type === "opaqueredirect", body: body }, sent);
      });
    }, function () {
      say("pending");
      schedule(RETRY_MS);
    }).then(function () {
      inFlight = false;
      if (again) { again = false; schedule(0); }
    });
  }

  function itemOf(target) {
    if (!target || target.form !== form) return null;
    var box = target.closest("[data-item]");
    return box ? box.dataset.item : null;
  }
  function onEdit(event) {
    var id = itemOf(event.target);
    if (id) remember(id);
  }
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var next = event.submitter && event.submitter.dataset.next;
    flush().then(function () {
      if (!pendingIds().length) {
        say("saved");
        if (next) window.location.href = next;
      }
    });
  });

  window.addEventListener("online", function () { schedule(0); });
  window.addEventListener("focus", function () { if (pendingIds().length) schedule(0); });

  // Back on the page: put the unsent edits into the fields and send them.
  var restored = pendingIds();
  restored.forEach(function (id) {
    var entry = read(id);
    if (entry && field(id, "result")) {
      setValues(id, { result: entry.result, comment: entry.comment });
    }
  });
  if (restored.length) {
    say("pending");
    schedule(0);
  }
})();

/* The header, initial data and conclusions of the act are a plain form: its unsent input is
 * kept in localStorage under the act's revision, so an expired session or a lost connection on
 * submit loses nothing. A successful save raises the revision, which retires the kept copy. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-keep-key]");
  if (!form || !window.JSON) return;
  var key = form.dataset.keepKey;
  var revision = parseInt(form.dataset.revision, 10);
  var store;
  try { store = window.localStorage; store.getItem(key); } catch (error) { return; }

  function snapshot() {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === "csrfmiddlewaretoken" || element.type === "submit") return;
      if (element.type === "checkbox") fields[element.name] = element.checked;
      else if (element.type === "radio") { if (element.checked) fields[element.name] = element.value; }
      else fields[element.name] = element.value;
    });
    return fields;
  }
  function restore(fields) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || !(element.name in fields)) return;
      if (element.type === "checkbox") element.checked = !!fields[element.name];
      else if (element.type === "radio") element.checked = element.value === fields[element.name];
      else element.value = fields[element.name];
    });
  }
  function keep() {
    try { store.setItem(key, JSON.stringify({ revision: revision, fields: snapshot() })); } catch (error) { /* quota */ }
  }

  var kept = null;
  try { kept = JSON.parse(store.getItem(key) || "null"); } catch (error) { kept = null; }
  if (kept && kept.revision === revision && kept.fields) {
    restore(kept.fields);
    var notice = document.getElementById("header-restored");
    if (notice) notice.hidden = false;
  } else if (kept) {
    store.removeItem(key);
  }
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
})();
