// claimex review UI: one key per decision, no reload between decisions,
// and what other reviewers decide shown within seconds. No framework, no
// network beyond this server; every request that changes something
// carries the page's CSRF token (X-CSRF-Token).
(function () {
  "use strict";

  // How often a page asks what changed (and renews the claim it holds).
  var POLL_MS = 3000;

  function $(id) { return document.getElementById(id); }

  function csrf() {
    var i = document.querySelector('input[name="csrf"]');
    return i ? i.value : "";
  }

  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }

  function setReady(on) {
    if (document.body) document.body.setAttribute("data-ready", on ? "1" : "0");
  }

  // --- The editor ------------------------------------------------------

  function openEditor(focusNow) {
    var ed = $("editor");
    if (!ed) return;
    ed.hidden = false;
    if (focusNow) focusEditor();
  }

  function focusEditor() {
    var first = document.querySelector("#editor input, #editor select");
    if (first) first.focus();
  }

  // --- Help --------------------------------------------------------------

  function toggleHelp(show) {
    var h = $("help"), b = $("help-toggle");
    if (!h) return;
    if (show === undefined) show = h.hidden;
    h.hidden = !show;
    if (b) b.setAttribute("aria-expanded", show ? "true" : "false");
  }

  // --- Live pages ----------------------------------------------------------

  var loading = false;

  function showWaiting(on) {
    var w = $("waiting");
    if (w) w.hidden = !on;
  }

  // load fetches a page (following the redirect a form's POST answers
  // with) and puts its header and main in place of this page's.
  function load(url, opts, push) {
    loading = true;
    setReady(false);
    // A page that takes a while is most likely waiting for the
    // database's write lock, held by another process: say so.
    var slow = setTimeout(function () { showWaiting(true); }, 2000);
    opts = opts || {};
    opts.credentials = "same-origin";
    return fetch(url, opts).then(function (res) {
      return res.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (!doc.getElementById("main")) {
          window.location.href = res.url || url;
          return;
        }
        swap(doc);
        if (push) {
          if (res.ok) window.history.pushState({}, "", res.url);
        }
      });
    }).catch(function () {
      window.location.href = url;
    }).then(function () {
      clearTimeout(slow);
      showWaiting(false);
      loading = false;
    });
  }

  function swap(doc) {
    document.title = doc.title;
    ["page", "cursor", "ecursor", "leaseSeconds"].forEach(function (k) {
      if (doc.body.dataset[k] !== undefined) document.body.dataset[k] = doc.body.dataset[k];
    });
    var oldHeader = document.querySelector("body > header.top"), newHeader = doc.querySelector("body > header.top");
    if (oldHeader && newHeader) oldHeader.replaceWith(document.adoptNode(newHeader));
    $("main").replaceWith(document.adoptNode(doc.getElementById("main")));
    toggleHelp(false);
    init();
  }

  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.hasAttribute("data-live") && f.id !== "undo-last") {
      setTimeout(function () { showWaiting(true); }, 2000);
      return;
    }
    e.preventDefault();
    if (loading) return;
    var body = new URLSearchParams(new FormData(f, e.submitter));
    // getAttribute: a form with a field named "action" hides the property.
    load(f.getAttribute("action"), { method: "POST", body: body, headers: { "X-CSRF-Token": csrf() } }, true);
  });

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-live]");
    if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      if (!loading) load(a.href, {}, true);
      return;
    }
    if (e.target.closest && e.target.closest("#go-back")) {
      if (window.history.length > 1) window.history.back();
      else window.location.href = "/queue";
    }
  });

  window.addEventListener("popstate", function () { load(window.location.href, {}, false); });

  // A page that is closed gives up the claim it holds at once; otherwise
  // its lease runs out a few minutes later.
  window.addEventListener("pagehide", function () {
    var held = document.querySelector("[data-item]");
    if (held && held.dataset.nonce && navigator.sendBeacon) {
      navigator.sendBeacon("/queue/release", new URLSearchParams({ csrf: csrf(), nonce: held.dataset.nonce }));
    }
  });

  // --- What others decide --------------------------------------------------

  var pollTimer = null;

  function schedule() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, POLL_MS);
  }

  function poll() {
    if (document.hidden || loading) return schedule();
    var b = document.body.dataset;
    var q = new URLSearchParams({ after: b.cursor || "0", eafter: b.ecursor || "0" });
    var progress = document.querySelector(".progress[data-kind]");
    if (progress) q.set("kind", progress.dataset.kind);
    var held = document.querySelector("[data-item]");
    if (held) {
      q.set("item", held.dataset.item);
      if (!held.dataset.nonce) q.set("take", "1");
      var queue = document.querySelector('#decide input[name="queue"]');
      if (queue) q.set("queue", queue.value);
    }
    fetch("/feed?" + q.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(apply)
      .catch(function () {})
      .then(schedule);
  }

  function setStatus(el, status) {
    el.className = el.className.replace(/\bstatus-\S+/g, "").trim() + " status-" + status;
  }

  function notice(text) {
    var n = $("notice");
    if (!n) return;
    n.textContent = text;
    n.hidden = false;
  }

  function apply(a) {
    if (!a) return;
    var b = document.body.dataset;
    b.cursor = a.cursor.claims;
    b.ecursor = a.cursor.entities;
    var who = $("who") ? $("who").textContent : "";
    var current = $("claim") ? $("claim").dataset.claim : "";
    a.claims.forEach(function (c) {
      var id = String(c.claim);
      document.querySelectorAll('[data-claim-status="' + id + '"]').forEach(function (el) {
        el.textContent = c.status;
        setStatus(el, c.status);
      });
      document.querySelectorAll('[data-claim-class="' + id + '"], tr[data-row-claim="' + id + '"]').forEach(function (el) {
        setStatus(el, c.status);
      });
      if (id === current && c.reviewer !== who) {
        notice(c.reviewer + " just now: " + c.action + " (this claim is " + c.status + ").");
      }
    });
    var entity = $("entity") ? $("entity").dataset.entity : "";
    a.entities.forEach(function (c) {
      document.querySelectorAll("[data-entity-status]").forEach(function (el) {
        if (el.dataset.entityStatus !== c.name) return;
        el.textContent = c.status;
        setStatus(el, c.status);
      });
      if (c.name === entity && c.reviewer !== who) notice(c.reviewer + " decided on this entity just now.");
    });
    if (a.counts) {
      var c = a.counts;
      var set = function (id, v) { var el = $(id); if (el) el.textContent = Number(v).toLocaleString("en"); };
      set("reviewed", c.Reviewed); set("remaining", c.Remaining); set("total", c.Total);
      set("accepted", c.Accepted); set("rejected", c.Rejected); set("edited", c.Edited); set("changed", c.Changed);
      set("flagged", c.Flagged); set("adjudicate", c.Adjudicate); set("halfway", c.Halfway);
      var bar = $("bar");
      if (bar) { bar.max = c.Total; bar.value = c.Reviewed; }
    }
    var held = document.querySelector("[data-item]");
    if (a.nonce && held) held.dataset.nonce = a.nonce;
    if (a.lease && !a.lease.held) {
      notice(a.lease.by ? a.lease.by + " has this claim now: press s for another." :
        "This claim is no longer kept for you; press s for another, or decide on it.");
    }
  }

  // --- Selecting rows --------------------------------------------------------

  function initSelection() {
    var boxes = document.querySelectorAll("input.select");
    if (!boxes.length) return;
    var all = $("select-all");
    function update() {
      var n = 0;
      boxes.forEach(function (b) { if (b.checked) n++; });
      if ($("selected-count")) $("selected-count").textContent = n;
      ["accept-selected", "reject-selected"].forEach(function (id) { if ($(id)) $(id).disabled = n === 0; });
      if ($("merge-selected")) $("merge-selected").disabled = n < 2;
      if (all) all.checked = n === boxes.length;
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    if (all) all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      update();
    });
    update();
  }

  // --- A page's start ----------------------------------------------------------

  function init() {
    // The claim in view within the article's own box: the page itself
    // does not move, so the buttons and counters stay where they are.
    var box = $("body"), focus = $("focus");
    if (box && focus) box.scrollTop = Math.max(0, focus.offsetTop - box.clientHeight / 3);
    var edit = $("edit");
    if (edit) edit.addEventListener("click", function () { openEditor(true); });
    document.querySelectorAll("[data-confirm]").forEach(function (b) {
      b.addEventListener("click", function (e) {
        if (!window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
      });
    });
    var help = $("help-toggle");
    if (help) help.addEventListener("click", function () { toggleHelp(); });
    var close = $("help-close");
    if (close) close.addEventListener("click", function () { toggleHelp(false); });
    initSelection();
    // A queue that could not lease a claim (the database was busy) asks
    // again in a moment.
    if (document.querySelector("[data-retry]")) {
      setTimeout(function () { if (!loading) load(window.location.href, {}, false); }, 1500);
    }
    schedule();
    // The keys work from here on (tests wait for this).
    setReady(true);
  }

  document.addEventListener("DOMContentLoaded", init);

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e)) {
      // Enter in the editor saves the edit (the form's first button would
      // otherwise accept).
      if (e.key === "Enter" && e.target.closest("#editor")) {
        e.preventDefault();
        document.querySelector("#editor button.save").click();
        return;
      }
      if (e.key === "Escape") {
        var ed = $("editor");
        if (ed) ed.hidden = true;
        e.target.blur();
      }
      return;
    }
    if (e.key === "Escape") {
      toggleHelp(false);
      var editor = $("editor");
      if (editor) editor.hidden = true;
      return;
    }
    if (loading) {
      e.preventDefault();
      return;
    }
    if (e.key === "e" && $("editor")) {
      // The field takes focus when the key is released, so that the "e"
      // is not typed into it.
      e.preventDefault();
      openEditor(false);
      document.addEventListener("keyup", function once(u) {
        if (u.key !== "e") return;
        document.removeEventListener("keyup", once);
        focusEditor();
      });
      return;
    }
    var el = null;
    document.querySelectorAll("[data-key]").forEach(function (k) {
      if (!el && k.getAttribute("data-key") === e.key) el = k;
    });
    if (!el) return;
    e.preventDefault();
    el.click();
  });
})();
