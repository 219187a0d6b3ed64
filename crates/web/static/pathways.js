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
