// wasm/kit/locale_format.cpp's DOM side: what the payer prefers (options.locale,
// else navigator.languages; the core negotiates), Intl formatting in the
// locale the core chose, and the document's lang attribute.
// Amounts arrive as the core's canonical decimal string ("1234.50") and are
// formatted as a decimal string (exact, no binary floating point), with the
// fraction digits forced to the core's ISO 4217 exponent (CLDR differs for
// some currencies, e.g. IQD).
mergeInto(LibraryManager.library, {
  // Module.pwOptions (set by the page or, later, by postMessage from the
  // embedding script) overridden by query parameters. apiBase is never
  // taken from the address bar.
  $pwOptions: function () {
    var opt = Object.assign({}, Module['pwOptions'] || {});
    try {
      new URLSearchParams(window.location.search).forEach(function (v, k) {
        if (['theme', 'accent', 'radius', 'font_scale', 'locale'].indexOf(k) >= 0) opt[k] = v;
      });
    } catch (e) {}
    return opt;
  },
  // The payer's preferences as a JSON array of language tags, most
  // preferred first, for pw::negotiate_locale.
  pw_locale_preferences__deps: ['$pwOptions'],
  pw_locale_preferences: function () {
    var opt = pwOptions(), list = [];
    if (typeof opt['locale'] === 'string' && opt['locale']) list.push(opt['locale']);
    else if (navigator.languages && navigator.languages.length) list = Array.prototype.slice.call(navigator.languages, 0, 16);
    else if (navigator.language) list.push(navigator.language);
    return allocateUTF8(JSON.stringify(list));
  },
  // Screen readers pronounce the frame in its language; the landmark's name
  // is said in it too.
  pw_set_document_lang: function (localePtr, labelPtr) {
    document.documentElement.setAttribute('lang', UTF8ToString(localePtr));
    var root = document.getElementById('pw-root');
    if (root) root.setAttribute('aria-label', UTF8ToString(labelPtr));
  },
  pw_format_amount: function (localePtr, canonicalPtr, currencyPtr, exponent) {
    var locale = UTF8ToString(localePtr), canonical = UTF8ToString(canonicalPtr), currency = UTF8ToString(currencyPtr);
    var out = '';
    try {
      out = new Intl.NumberFormat(locale, {
        style: 'currency', currency: currency, currencyDisplay: 'symbol',
        minimumFractionDigits: exponent, maximumFractionDigits: exponent,
      }).format(canonical);
    } catch (e) { out = ''; }
    return allocateUTF8(out);
  },
  pw_format_date: function (localePtr, y, m, d) {
    var out = '';
    try {
      out = new Intl.DateTimeFormat(UTF8ToString(localePtr), { dateStyle: 'medium', timeZone: 'UTC' })
        .format(new Date(Date.UTC(y, m - 1, d)));
    } catch (e) { out = ''; }
    return allocateUTF8(out);
  },
  // "<decimal>\n<grouping>" of the locale, for the core's parse_amount.
  pw_locale_separators: function (localePtr) {
    var dec = '.', grp = ',';
    try {
      new Intl.NumberFormat(UTF8ToString(localePtr)).formatToParts(1234567.5).forEach(function (p) {
        if (p.type === 'decimal') dec = p.value;
        if (p.type === 'group') grp = p.value;
      });
    } catch (e) {}
    return allocateUTF8(dec + '\n' + grp);
  },
  // The options as JSON for theme.cpp.
  pw_options_json__deps: ['$pwOptions'],
  pw_options_json: function () {
    return allocateUTF8(JSON.stringify(pwOptions()));
  },
  pw_options_install__deps: ['$pwWhenCodeReady'],
  pw_options_install: function () {
    Module['pwSetOptions'] = function (o) {
      Module['pwOptions'] = Object.assign({}, Module['pwOptions'] || {}, o);
      pwWhenCodeReady(function () { _pw_on_options_changed(); });
    };
  },
});
