// wasm/locale_format.cpp's DOM side: Intl formatting for the payer's locale.
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
  $pwLocale__deps: ['$pwOptions'],
  $pwLocale: function () {
    var opt = pwOptions();
    return opt['locale'] || (navigator.languages && navigator.languages[0]) || navigator.language || 'en-US';
  },
  pw_format_amount__deps: ['$pwLocale'],
  pw_format_amount: function (canonicalPtr, currencyPtr, exponent) {
    var canonical = UTF8ToString(canonicalPtr), currency = UTF8ToString(currencyPtr);
    var out = '';
    try {
      out = new Intl.NumberFormat(pwLocale(), {
        style: 'currency', currency: currency, currencyDisplay: 'symbol',
        minimumFractionDigits: exponent, maximumFractionDigits: exponent,
      }).format(canonical);
    } catch (e) { out = ''; }
    return allocateUTF8(out);
  },
  pw_format_date__deps: ['$pwLocale'],
  pw_format_date: function (y, m, d) {
    var out = '';
    try {
      out = new Intl.DateTimeFormat(pwLocale(), { dateStyle: 'medium', timeZone: 'UTC' })
        .format(new Date(Date.UTC(y, m - 1, d)));
    } catch (e) { out = ''; }
    return allocateUTF8(out);
  },
  // "<decimal>\n<grouping>" of the locale, for the core's parse_amount.
  pw_locale_separators__deps: ['$pwLocale'],
  pw_locale_separators: function () {
    var dec = '.', grp = ',';
    try {
      new Intl.NumberFormat(pwLocale()).formatToParts(1234567.5).forEach(function (p) {
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
  pw_options_install: function () {
    Module['pwSetOptions'] = function (o) {
      Module['pwOptions'] = Object.assign({}, Module['pwOptions'] || {}, o);
      _pw_on_options_changed();
    };
  },
});
