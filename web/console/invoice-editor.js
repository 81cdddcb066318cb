// The invoice editor's live totals (/console/invoices/new and drafts).
// The page works without this script: "Update totals" asks the server.
// With it, the totals region (aria-live="polite") is refreshed while
// typing: the form is POSTed as it is to /console/invoices/preview (same
// session, same Origin check, same size limits as any console form), which
// answers with the region's HTML, computed by the core like the invoice's.
(function () {
  'use strict';
  var form = document.querySelector('form[data-preview]');
  var region = document.getElementById('invoice-totals');
  if (!form || !region || !window.fetch || !window.URLSearchParams) return;

  var timer = 0;
  var latest = 0;  // answers arriving out of order: only the last one counts

  function refresh() {
    var asked = ++latest;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute('data-preview'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      // The server's own fragment, escaped there like every page.
      if (html !== null && asked === latest) region.innerHTML = html;
    }).catch(function () { /* offline: "Update totals" still works */ });
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
})();
