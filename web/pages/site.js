// The payment host's pages (/pay, /portal): small behaviours on top of
// server-rendered HTML. No inline script anywhere (CSP script-src 'self').
//   * forms with data-api: sent as JSON to the API; the catalogue's words
//     for the answer's code (in the page's language, data-messages) are
//     shown next to the field it names (error.field) or above the button;
//   * tokens in the fragment (#token=… on /portal/invite and /portal/reset):
//     read once, then removed from the address bar and history;
//   * [data-print]: print the receipt;
//   * [data-remove-ask]: asks in its row's <dialog>, whose [data-remove]
//     removes the saved card (DELETE /api/v1/me/payment-methods/{id});
//   * #pay-widget: mounted once with PayWidget.mount when the loader is
//     present, otherwise the server's plain iframe (in <noscript>) is used;
//     a payment made in it updates the invoice summary's balance and status
//     badge and the note about payments already made; while it shows the
//     invoice, the summary's parts that it repeats are hidden.
(function () {
  'use strict';

  // ---------------------------------------------------------------- fragment token
  var fragmentToken = (function () {
    var m = /(?:^#|&)token=([^&]+)/.exec(location.hash || '');
    if (!m) return '';
    // Out of the address bar, the history and any later Referer.
    history.replaceState(null, '', location.pathname + location.search);
    try { return decodeURIComponent(m[1]); } catch (e) { return ''; }
  })();

  // A token link opened over the same page only changes the fragment (no
  // new load): load it afresh so the step above reads it.
  window.addEventListener('hashchange', function () {
    if (/(?:^#|&)token=/.test(location.hash)) location.reload();
  });

  // ---------------------------------------------------------------- words
  // Every sentence this script shows is the server's, from the catalogue in
  // the page's language, in this script tag's data-messages
  // (server/pages/site_script_texts.hpp): required.<input name>, field,
  // network, server, rejected, and errors.<API error code> on pages with
  // API forms.
  var TEXTS = (function () {
    var el = document.currentScript;
    try { return (el && JSON.parse(el.getAttribute('data-messages') || '{}')) || {}; } catch (e) { return {}; }
  })();
  var REQUIRED = TEXTS.required || {};
  var ERRORS = TEXTS.errors || {};

  // ---------------------------------------------------------------- forms

  function fieldError(form, name) {
    return form.querySelector('#' + name + '-error');
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error').forEach(function (p) { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (i) { i.removeAttribute('aria-invalid'); });
    var top = form.querySelector('[data-form-error]');
    if (top) top.textContent = '';
  }

  // Shows `message` next to the input named by the API's field ("password"
  // for the set-password forms' "new-password" input), else above the button.
  function showError(form, field, message) {
    var input = field && (form.querySelector('[name="' + field + '"]') ||
      (field === 'password' && form.querySelector('[name="new-password"]')));
    if (input) {
      var slot = fieldError(form, input.name);
      input.setAttribute('aria-invalid', 'true');
      if (slot) slot.textContent = message;
      input.focus();
      return;
    }
    var top = form.querySelector('[data-form-error]');
    if (top) top.textContent = message;
  }

  // The API's answer in the page's language: the catalogue's words for its
  // code, else the page's general ones (its English message only when the
  // page sent no words at all).
  function apiMessage(body, status) {
    var error = body && body.error && typeof body.error === 'object' ? body.error : null;
    var field = error && typeof error.field === 'string' ? error.field : '';
    var known = error && typeof error.code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, error.code);
    if (known) return { message: ERRORS[error.code], field: field };
    var general = status >= 500 ? TEXTS.server : error ? TEXTS.rejected : TEXTS.network;
    return { message: general || (error && error.message) || '', field: field };
  }

  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: res.status, body: json };
      });
    });
  }

  // Same rule as the server's safe_next: a path inside the portal only.
  function safeNext(next) {
    return /^\/portal(?:[/?][A-Za-z0-9\/_\-.~%?=&]*)?$/.test(next || '') && next.indexOf('//') < 0 ? next : '/portal';
  }

  var FORMS = {
    'login-form': {
      body: function (f) { return { email: f.email.value.trim(), password: f.password.value }; },
      done: function (f) { location.assign(safeNext(f.getAttribute('data-next'))); },
    },
    'invite-form': {
      body: function (f) { return { token: fragmentToken, password: f.password.value }; },
      done: function () { location.assign('/portal'); },
    },
    'reset-request-form': {
      body: function (f) { return { email: f.email.value.trim() }; },
      done: function (f) {
        f.hidden = true;
        var sent = document.querySelector('[data-reset-sent]');
        if (sent) { sent.hidden = false; sent.setAttribute('tabindex', '-1'); sent.focus(); }
      },
    },
    'reset-choose-form': {
      body: function (f) { return { token: fragmentToken, password: f['new-password'].value }; },
      done: function () { location.assign('/portal'); },
    },
  };

  function wireForm(form) {
    var spec = FORMS[form.id];
    if (!spec) return;
    if (form.hasAttribute('data-needs-token') && !fragmentToken) {
      var missing = form.parentNode.querySelector('[data-token-missing]');
      if (missing) missing.hidden = false;
      form.hidden = true;
      return;
    }
    var busy = false;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (busy) return;  // a double click sends once
      clearErrors(form);
      var empty = Array.prototype.find.call(form.querySelectorAll('input[required]'), function (i) { return !i.value.trim(); });
      if (empty) return showError(form, empty.name, REQUIRED[empty.name] || TEXTS.field);
      var button = form.querySelector('button[type="submit"]');
      busy = true;
      if (button) button.disabled = true;
      send('POST', form.getAttribute('data-api'), spec.body(form)).then(function (r) {
        if (r.status >= 200 && r.status < 300) return spec.done(form);
        var err = apiMessage(r.body, r.status);
        showError(form, err.field, err.message);
      }, function () {
        showError(form, '', TEXTS.network);
      }).then(function () {
        busy = false;
        if (button) button.disabled = false;
      });
    });
  }

  document.querySelectorAll('form[data-api]').forEach(wireForm);

  // The reset page holds both steps: with a token, the second one.
  if (document.querySelector('[data-reset-step]') && fragmentToken) {
    document.querySelector('[data-reset-step="request"]').hidden = true;
    document.querySelector('[data-reset-step="choose"]').hidden = false;
  }

  // ---------------------------------------------------------------- receipts
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });

  // ---------------------------------------------------------------- saved cards
  // Remove asks first: its row's <dialog> names the card and says that
  // payments in progress are not affected; only "Remove card" there sends
  // the DELETE. "Keep card" or Escape closes it and changes nothing.
  var methodsStatus = document.querySelector('[data-methods-status]');
  document.querySelectorAll('[data-remove-ask]').forEach(function (ask) {
    var row = ask.closest('[data-method-row]');
    var dialog = row && row.querySelector('[data-remove-dialog]');
    if (!dialog || typeof dialog.showModal !== 'function') return;
    ask.addEventListener('click', function () {
      var error = row.querySelector('[data-method-error]');
      if (error) error.textContent = '';
      dialog.showModal();
    });
    dialog.querySelector('[data-dialog-close]').addEventListener('click', function () { dialog.close(); });
    var confirm = dialog.querySelector('[data-remove]');
    confirm.addEventListener('click', function () {
      var error = row.querySelector('[data-method-error]');
      confirm.disabled = true;
      send('DELETE', confirm.getAttribute('data-remove')).then(function (r) {
        confirm.disabled = false;
        dialog.close();
        if (r.status === 204) {
          if (methodsStatus) methodsStatus.textContent = methodsStatus.getAttribute('data-status-text');
          var next = row.nextElementSibling || row.previousElementSibling;
          row.remove();
          // Keep the keyboard where it was: the next card's button, or the page.
          var target = (next && next.querySelector('[data-remove-ask], a')) || document.getElementById('main');
          target.focus();
          return;
        }
        if (error) error.textContent = apiMessage(r.body, r.status).message;
      }, function () {
        confirm.disabled = false;
        dialog.close();
        if (error) error.textContent = TEXTS.network;
      });
    });
  });

  // Minor units as the canonical decimal string ("123456", 3 -> "123.456"):
  // string arithmetic only, an amount is never divided.
  function minorToDecimal(minor, exponent) {
    var digits = String(Math.abs(minor));
    while (digits.length <= exponent) digits = '0' + digits;
    var whole = exponent ? digits.slice(0, digits.length - exponent) + '.' + digits.slice(digits.length - exponent) : digits;
    return (minor < 0 ? '-' : '') + whole;
  }

  // ---------------------------------------------------------------- widget
  // With web/pay-widget.js on the page (kWidgetLoaderScript), the loader
  // replaces the plain iframe: it resizes it to its content and reports
  // the payment. Without it, the server's iframe stays as it is.
  var STATUS_BADGES = {
    open: 'badge-open',
    partially_paid: 'badge-partial',
    processing: 'badge-processing',
    paid: 'badge-paid',
  };

  function updateSummary(p) {
    if (!p || typeof p.balance !== 'number' || typeof p.currency !== 'string') return;
    var summary = document.querySelector('.invoice-summary');
    if (!summary) return;
    var balance = summary.querySelector('.fact-main dd');
    var exponent = Number(summary.getAttribute('data-exponent'));
    // Only for the page's own invoice currency, whose ISO 4217 exponent the
    // server wrote (the core's table; CLDR's digits differ, e.g. IQD).
    if (balance && p.currency === summary.getAttribute('data-currency') && Number.isSafeInteger(p.balance) &&
        Number.isInteger(exponent) && exponent >= 0 && exponent <= 4) {
      try {
        // Formatted from the exact decimal string, in the page's language
        // (<html lang>, the server's page_locale).
        var format = new Intl.NumberFormat(document.documentElement.lang || 'en-US', {
          style: 'currency', currency: p.currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent,
        });
        balance.textContent = format.format(minorToDecimal(p.balance, exponent));
      } catch (e) { /* an unknown currency: keep the server's text */ }
    }
    // The invoice's status is the core's (a balance covered by a bank debit
    // that has not settled is "processing", not "paid"); this only names it
    // as the server's badge does (page_kit status_badge).
    var badge = summary.querySelector('.title-row .badge');
    var pill = STATUS_BADGES[p.invoice_status];
    // The server wrote the words in the page's language (data-label-<status>).
    var label = summary.getAttribute('data-label-' + p.invoice_status);
    if (badge && pill && label) {
      badge.className = 'badge ' + pill;
      badge.textContent = label;
    }
    updatePaymentNote(p);
  }

  // The server wrote one sentence per invoice status (payment_note_html);
  // show the one for the status the widget reports now, linked to this
  // payment's receipt: a remainder paid in full reads "This invoice is
  // paid", never "You have already paid part".
  function updatePaymentNote(p) {
    var note = document.querySelector('[data-payment-note]');
    if (!note || typeof p.invoice_status !== 'string' || typeof p.payment_id !== 'string') return;
    var href = note.getAttribute('data-receipt-base') + encodeURIComponent(p.payment_id);
    var shown = p.status === 'processing' ? 'processing' : p.invoice_status;
    note.querySelectorAll('[data-note]').forEach(function (sentence) {
      sentence.hidden = sentence.getAttribute('data-note') !== shown;
      var link = sentence.querySelector('[data-receipt-link]');
      if (link) link.setAttribute('href', href);
    });
  }

  // One statement of the invoice on screen: the server's summary is the
  // whole invoice for a payer without JS or WebGL (and on paper, site.css),
  // but once the widget shows the invoice (its ready event names it) the
  // summary keeps only its title (number, status) and the practitioner,
  // balance, due date and lines are the widget's (fragments.cpp marks them). `hidden`, not a class:
  // screen readers must not hear the invoice twice either. Any error (no
  // WebGL: widget_unavailable; the invoice did not load; the frame did not
  // load in time) brings the summary back.
  function showRepeatedSummary(shown) {
    document.querySelectorAll('[data-widget-repeats]').forEach(function (el) { el.hidden = !shown; });
  }

  function widgetReady(p) {
    if (p && typeof p.invoice_id === 'string' && p.invoice_id) showRepeatedSummary(false);
  }

  var mount = document.getElementById('pay-widget');
  if (mount && window.PayWidget && typeof window.PayWidget.mount === 'function') {
    // A payment made in the widget also updates the summary above it, so
    // the page never says "Open" next to the widget's "Payment successful".
    var options = {
      host: '',
      onReady: widgetReady,
      onError: function () { showRepeatedSummary(true); },
      onSuccess: updateSummary,
    };
    if (mount.getAttribute('data-link')) options.link = mount.getAttribute('data-link');
    if (mount.getAttribute('data-invoice')) options.invoice = mount.getAttribute('data-invoice');
    // The page's language (the server negotiated it), so page and widget agree.
    if (mount.getAttribute('data-locale')) options.locale = mount.getAttribute('data-locale');
    try {
      window.PayWidget.mount(mount, options);
    } catch (e) {
      // A loader that refuses the options must not cost the payer the form.
      showPlainFrame(mount);
      if (window.console) console.warn(e);
    }
  } else if (mount) {
    showPlainFrame(mount);
  }

  // The server's plain iframe sits in <noscript> so that the browser does
  // not load the widget twice (once plain, once by the loader); without
  // the loader it is taken out and used as it is.
  function showPlainFrame(el) {
    var noscript = el.querySelector('noscript');
    if (!noscript) return;
    var template = document.createElement('template');
    template.innerHTML = noscript.textContent;
    el.replaceChild(template.content, noscript);
  }
})();
