// "Copy link" next to a pay link shown once on an invoice's page. Without
// this script the button stays hidden and the read-only field is selected
// when focused, ready for the keyboard's copy.
(function () {
  'use strict';
  document.querySelectorAll('[data-copy-source]').forEach(function (input) {
    input.addEventListener('focus', function () { input.select(); });
  });
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    var status = document.querySelector('[data-copy-status]');
    if (!input) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      input.focus();
      input.select();
      var done = function () { if (status) status.textContent = 'The link was copied.'; };
      var fallback = function () {
        // Older browsers, or a page without clipboard permission: the text
        // is selected, the keyboard's copy works.
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        if (ok) done();
        else if (status) status.textContent = 'Press Ctrl+C (or Command+C) to copy the selected link.';
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
})();
