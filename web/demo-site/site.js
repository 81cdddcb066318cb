// Harbor Wellness Clinic's page script: mounts the payment widget with the
// pay link from the address (#link=<token>, as an invoice email would link
// here) and shows what the widget reports. Everything the loader says is
// also kept in window.harborEvents (the browser tests read it).
(function () {
  'use strict';
  var mountPoint = document.getElementById('pay-widget');
  var result = document.getElementById('pay-result');
  var log = document.getElementById('event-log');
  var events = window.harborEvents = [];

  // The token from "#link=…", then out of the address bar (history,
  // bookmarks, screenshots), like the widget itself does. It is kept for
  // this tab only (sessionStorage), so a reload still shows the invoice and,
  // once paid, its paid state and receipt.
  var STORED = 'harbor.payLink';
  function takeLinkToken() {
    var match = /(?:^#|&)link=([A-Za-z0-9_-]+)/.exec(window.location.hash);
    if (window.location.hash && window.history.replaceState) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    var stored = '';
    try {
      if (match) window.sessionStorage.setItem(STORED, match[1]);
      stored = window.sessionStorage.getItem(STORED) || '';
    } catch (e) { /* storage off: this load only */ }
    return match ? match[1] : stored;
  }

  // Minor units as the payer's locale shows them, exactly: the widget sends
  // the currency's ISO 4217 exponent (Intl's own digits are CLDR's, which
  // differ for some currencies, e.g. IQD: 3 vs 0), and the decimal string
  // is cut from the integer's digits; nothing is divided in floating point.
  function money(minor, currency, exponent) {
    if (!Number.isSafeInteger(minor) || !Number.isInteger(exponent) || exponent < 0 || exponent > 4) return '';
    var digits = String(Math.abs(minor));
    while (digits.length <= exponent) digits = '0' + digits;
    var decimal = (minor < 0 ? '-' : '') +
      (exponent ? digits.slice(0, digits.length - exponent) + '.' + digits.slice(digits.length - exponent) : digits);
    try {
      return new Intl.NumberFormat(undefined, {
        style: 'currency', currency: currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent,
      }).format(decimal);
    } catch (e) {
      return decimal + ' ' + currency;
    }
  }

  function record(type, payload) {
    events.push({ type: type, payload: payload });
    var item = document.createElement('li');
    var name = document.createElement('code');
    name.textContent = type;
    item.appendChild(name);
    item.appendChild(document.createTextNode(' ' + JSON.stringify(payload)));
    log.appendChild(item);
  }

  // A sentence, and the receipt on the payment host when there is one.
  function say(kind, text, receiptUrl) {
    result.className = 'pay-result ' + kind;
    result.textContent = text;
    if (receiptUrl) {
      var a = document.createElement('a');
      a.href = receiptUrl;
      a.textContent = 'View your receipt';
      result.appendChild(document.createTextNode(' '));
      result.appendChild(a);
    }
  }

  if (!window.PayWidget) {
    say('problem', 'The payment form could not be loaded. Please try again in a few minutes, or call us at +1 555 0142.');
    return;
  }
  var token = takeLinkToken();
  if (!token) {
    say('info', 'To pay, open the “Pay Invoice” link in your invoice email: it brings you back here with your invoice.');
    return;
  }

  window.harborWidget = window.PayWidget.mount(mountPoint, {
    practice: mountPoint.getAttribute('data-practice'),
    link: token,
    accent: '#1f6f66', // the clinic's sea green on the widget's buttons and focus rings
    // Back after a reload (or a later visit in this tab): what the invoice
    // already says, from the widget's own answer.
    onReady: function (e) {
      record('ready', e);
      if (e.invoice_status === 'paid') {
        say('success', 'Your invoice is paid. Thank you!', e.receipt_url);
      } else if (e.invoice_status === 'processing') {
        // Nothing is due, but a bank debit has not settled: not "paid" yet.
        say('info', 'Your bank debit is processing: nothing more is due now. If your bank returns it, the amount is ' +
          'due again.', e.receipt_url);
      } else if (e.invoice_status === 'partially_paid') {
        say('info', 'You have paid part of this invoice. Balance due: ' + money(e.balance, e.currency, e.exponent) + '.',
          e.receipt_url);
      }
    },
    onResize: function (e) { record('resize', e); },
    onSuccess: function (p) {
      record('payment.succeeded', p);
      var paid = money(p.amount, p.currency, p.exponent);
      // A bank debit is submitted, not paid, until the bank settles it.
      if (p.status === 'processing') {
        say('info', 'Thank you — your bank debit of ' + paid + ' from your ' + p.method + ' was submitted. ' +
          'It usually settles within ' + p.settles_within_business_days + ' business days; until then nothing more ' +
          'is due. If your bank returns it, the amount is due again.', p.receipt_url);
        return;
      }
      var rest = p.balance > 0 ? ' Remaining balance: ' + money(p.balance, p.currency, p.exponent) + '.'
        : ' Your invoice is paid in full.';
      say('success', 'Thank you — your payment of ' + paid + ' by ' + p.method + ' was received.' + rest,
        p.receipt_url);
    },
    onDecline: function (e) { record('payment.declined', e); },
    // The widget shows errors to the payer itself; the page only logs them.
    onError: function (e) { record('error', e); },
  });
})();
