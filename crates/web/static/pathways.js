// Pathways: sends the CSRF token with every htmx request (plain forms carry it as a hidden field).
document.addEventListener("htmx:configRequest", function (e) {
  var m = document.querySelector('meta[name="csrf-token"]');
  if (m) { e.detail.headers["X-CSRF-Token"] = m.content; }
});

// The content security policy allows no inline handlers, so behaviour is attached here, from data
// attributes. A form with data-confirm asks before it is sent (deleting, say); it listens in the
// capture phase so that htmx never sends a form the user declined.
document.addEventListener("submit", function (e) {
  var f = e.target;
  if (f instanceof HTMLFormElement && f.dataset.confirm && !window.confirm(f.dataset.confirm)) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}, true);

// A select with data-autosubmit sends its form when it changes (a <noscript> button does it
// without JavaScript).
document.addEventListener("change", function (e) {
  var t = e.target;
  if (t instanceof HTMLSelectElement && t.hasAttribute("data-autosubmit") && t.form) {
    t.form.requestSubmit();
  }
});

// A save refused because the session expired (401) leaves the page as it is — the answer typed
// stays in its field — and shows how to sign in again in another tab; when the user comes back
// to this tab, the refused save is sent again.
var pendingSave = null;
document.addEventListener("htmx:responseError", function (e) {
  if (!e.detail.xhr || e.detail.xhr.status !== 401) { return; }
  pendingSave = e.detail.elt;
  var note = document.getElementById("session-expired");
  if (!note) {
    note = document.createElement("div");
    note.id = "session-expired";
    note.className = "flash error";
    note.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = document.body.dataset.sessionExpired || "";
    var link = document.createElement("a");
    link.href = "/login?next=" + encodeURIComponent("/account");
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = document.body.dataset.sessionSignin || "";
    note.appendChild(text);
    note.appendChild(link);
    var main = document.getElementById("main") || document.body;
    main.insertBefore(note, main.firstChild);
  }
});
window.addEventListener("focus", function () {
  if (!pendingSave || !document.body.contains(pendingSave)) { return; }
  // The new session has a new CSRF token: read it from a page of the account before resending.
  fetch("/account", { credentials: "same-origin" }).then(function (r) {
    return r.ok && r.url.indexOf("/login") < 0 ? r.text() : null;
  }).then(function (html) {
    var m = html && html.match(/<meta name="csrf-token" content="([^"]+)"/);
    if (!m || !pendingSave) { return; }
    document.querySelector('meta[name="csrf-token"]').content = m[1];
    document.querySelectorAll('input[name="csrf_token"]').forEach(function (i) { i.value = m[1]; });
    var elt = pendingSave;
    pendingSave = null;
    var note = document.getElementById("session-expired");
    if (note) { note.remove(); }
    htmx.trigger(elt, "change");
  });
});

// Menu groups are <details> (they open without JavaScript); with it, one opens at a time and a
// click elsewhere or Escape closes them, as a menu does.
function closeMenus(except) {
  document.querySelectorAll("details.menu[open]").forEach(function (d) {
    if (d !== except) { d.removeAttribute("open"); }
  });
}
document.addEventListener("toggle", function (e) {
  var d = e.target;
  if (d instanceof HTMLDetailsElement && d.classList.contains("menu") && d.open) { closeMenus(d); }
}, true);
document.addEventListener("click", function (e) {
  if (!(e.target instanceof Element) || !e.target.closest("details.menu")) { closeMenus(null); }
});
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape") { closeMenus(null); }
});
