// claimex review UI: one key per decision. No framework, no network
// beyond this server.
(function () {
  "use strict";
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }
  function openEditor(focusNow) {
    var ed = document.getElementById("editor");
    if (!ed) return;
    ed.hidden = false;
    if (focusNow) focusEditor();
  }
  function focusEditor() {
    var first = document.querySelector("#editor input, #editor select");
    if (first) first.focus();
  }
  // A form whose answer takes a while is most likely waiting for the
  // database's write lock, held by another process: say so.
  document.addEventListener("submit", function () {
    setTimeout(function () {
      var w = document.getElementById("waiting");
      if (w) w.hidden = false;
    }, 2000);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var focus = document.getElementById("focus");
    if (focus) focus.scrollIntoView({ block: "center" });
    var edit = document.getElementById("edit");
    if (edit) edit.addEventListener("click", function () { openEditor(true); });
    document.querySelectorAll("[data-confirm]").forEach(function (b) {
      b.addEventListener("click", function (e) {
        if (!window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
      });
    });
    // The keys work from here on (tests wait for this).
    document.body.setAttribute("data-ready", "1");
  });
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
        var ed = document.getElementById("editor");
        if (ed) ed.hidden = true;
        e.target.blur();
      }
      return;
    }
    if (e.key === "e") {
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
    var el = document.querySelector('[data-key="' + e.key + '"]');
    if (!el) return;
    e.preventDefault();
    el.click();
  });
})();
