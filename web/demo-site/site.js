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
  // bookmarks, screenshots), like the widget itself does.
  function takeLinkToken() {
    var match = /(?:^#|&)link=([A-Za-z0-9_-]+)/.exec(window.location.hash);
    if (window.location.hash && window.history.replaceState) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    return match ? match[1] : '';
  }

  // Minor units as the payer's locale shows them, without floating point.
  function money(minor, currency) {
    try {
      var f = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency });
      var digits = f.resolvedOptions().maximumFractionDigits;
      var s = String(Math.abs(minor));
      while (s.length <= digits) s = '0' + s;
      var decimal = digits ? s.slice(0, s.length - digits) + '.' + s.slice(s.length - digits) : s;
      return f.format((minor < 0 ? '-' : '') + decimal);
    } catch (e) {
      return minor + ' ' + currency + ' (minor units)';
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

  function say(kind, text) {
    result.className = 'pay-result ' + kind;
    result.textContent = text;
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
    onReady: function (e) { record('ready', e); },
    onResize: function (e) { record('resize', e); },
    onSuccess: function (p) {
      record('payment.succeeded', p);
      var paid = money(p.amount, p.currency);
      say('success', 'Thank you — payment ' + p.payment_id + ' of ' + paid + ' received.' +
        (p.balance > 0 ? ' Remaining balance: ' + money(p.balance, p.currency) + '.' : ' Your invoice is paid in full.'));
    },
    onDecline: function (e) { record('payment.declined', e); },
    // The widget shows errors to the payer itself; the page only logs them.
    onError: function (e) { record('error', e); },
  });
})();
