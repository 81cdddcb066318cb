// The widget page's DOM glue, loaded before paywidget.js.
//
// 1. Points the Emscripten module at the canvas and passes the options:
//    window.pwOptions (set by the page that serves /embed), then the query
//    parameters theme, accent, radius, font_scale, locale. Those are moved
//    into Module.pwOptions and removed from the address, so that a later
//    Module.pwSetOptions({...}) (an options.update from the host page) wins
//    over them: the wasm reads query parameters last. Starts the widget's
//    first request (the invoice) before the wasm has arrived (prefetchView),
//    and the payer's language file when it is not en (loadCatalogue), and
//    loads Intl's data meanwhile (warmUpIntl).
// 2. The child side of the embed protocol (web/pay-widget.js is the parent):
//    messages {source: 'paywidget', version: 1, type, payload}.
//      child → parent  ready {stage, invoice_id?, balance?, currency?,
//                      exponent?, invoice_status?, receipt_url?}, resize {height},
//                      payment.succeeded {payment_id, invoice_id, amount,
//                      currency, exponent, status, balance, invoice_status,
//                      method, receipt_url} (paywidget/host_events.hpp), payment.declined
//                      {payment_id, code, message}, error {code, message}
//      parent → child  options.update {theme, locale, accent, radius, font_scale}
//    They are translated from/to the widget's window events (pw:ready,
//    pw:height, pw:succeeded, pw:declined, pw:error) and Module.pwSetOptions.
//    Outgoing messages go to exactly one origin, never '*': the `origin`
//    query parameter when it is a plain http(s) origin, else this page's own
//    origin. Incoming messages count only from the parent window at that
//    origin. Card data never leaves: every payload is rebuilt from a fixed
//    list of fields.
(function () {
  'use strict';
  var PROTOCOL_VERSION = 1;
  var OPTION_KEYS = ['theme', 'accent', 'radius', 'font_scale', 'locale'];
  // The fields of paywidget/host_events.hpp, and nothing else.
  var READY_KEYS = ['stage', 'invoice_id', 'balance', 'currency', 'exponent', 'invoice_status', 'receipt_url'];
  var SUCCEEDED_KEYS = ['payment_id', 'invoice_id', 'amount', 'currency', 'exponent', 'status', 'balance',
    'invoice_status', 'method', 'receipt_url', 'settles_within_business_days'];

  // The languages other than en, each its own file (en's first-visit texts
  // are in the wasm): locale -> [hashed file name, SRI hash], written in by
  // wasm/stage_assets.py; "<locale>.rest" (en's too): the texts a first
  // visit does not show, fetched with the deferred code.
  var CATALOGUES = {/* catalogue files */};
  var catalogueRequests = {}, restRequests = {};
  // The page's own sentences for #pw-fallback, per language: [no WebGL 2,
  // the deferred files could not be had], written in by wasm/stage_assets.py
  // from the catalogue (page.widget_needs_webgl, page.widget_incomplete).
  var SENTENCES = {/* page sentences */};
  var hasRests = Object.keys(CATALOGUES).some(function (k) { return /\.rest$/.test(k); });
  // The fonts' extension (the characters beyond ASCII and the en texts; the
  // base is in the wasm): weight -> [hashed file name, SRI hash], written in
  // by wasm/stage_assets.py.
  var FONTS = {/* font extension files */};
  var fontRequest = null;
  // The widget's deferred code (wasm/README.md "Deferred code"): the
  // functions a first visit does not run until Pay Now is on screen, as a
  // second module, [hashed file name, SRI hash], written in by
  // wasm/stage_assets.py (null: one module, nothing deferred).
  var DEFERRED = null/* deferred code file */;
  var deferred = { ready: !DEFERRED && !hasRests, queue: [], started: false, tries: 0, module: null, linked: !DEFERRED,
    restsIn: !hasRests, early: false };

  var canvas = document.getElementById('pw-canvas');
  var query = new URLSearchParams(window.location.search);
  var options = Object.assign({}, window.pwOptions || {});
  OPTION_KEYS.forEach(function (k) {
    if (query.has(k)) options[k] = query.get(k);
    query.delete(k);
  });
  // The fragment's parameters ("#link=<token>", "#invoice=<id>"), read once
  // here for the widget (Module.pwFragment, wasm/browser/js/fetch_bridge.js) and
  // removed from the address bar (and so from history, bookmarks and
  // screenshots) with the options below, before anything else runs.
  var fragment = {};
  window.location.hash.replace(/^#/, '').split('&').forEach(function (part) {
    var eq = part.indexOf('=');
    if (eq <= 0) return;
    try { fragment[part.substring(0, eq)] = decodeURIComponent(part.substring(eq + 1)); } catch (e) {}
  });
  window.Module = {
    canvas: canvas,
    pwOptions: options,
    pwFragment: fragment,
    pwCatalogue: loadCatalogue,
    pwFontExtension: loadFontExtension,
    pwAcceptLanguage: acceptLanguage,
    pwWhenCodeReady: whenCodeReady,
    pwShowFallback: showFallback,
    // Emscripten's glue calls this only when the primary module calls a
    // deferred function whose code has not been instantiated yet.
    loadSplitModule: deferredCodeNeededNow,
    print: function () {},
    printErr: function (text) { if (window.console) console.warn(text); },
  };
  if (DEFERRED && fragment.code === 'all') window.Module.instantiateWasm = loadAllCodeFirst;
  prefetchView();
  loadCatalogue(likelyLocale());
  setTimeout(warmUpIntl, 0);  // after the requests above are on their way
  if (window.history && window.history.replaceState) {
    var rest = query.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : ''));
  }
  // Context loss (GPU reset): allow the browser to restore the context.
  // Rebuilding GL objects after a restore is not handled yet (reloading
  // would lose the link token, which left the address bar on start).
  canvas.addEventListener('webglcontextlost', function (e) { e.preventDefault(); }, false);

  // The payer's languages as an Accept-Language value for the invoice
  // request (here and in wasm/browser/js/fetch_bridge.js): options.locale, else the
  // browser's languages, the list the widget negotiates its own language
  // from (wasm/kit/js/locale.js), so the server's pw::negotiate_locale picks the
  // same language for the mandate texts. Read when each request is made:
  // an options.update changes it. Only well-formed tags, at most 16.
  function acceptLanguage() {
    var opt = window.Module.pwOptions || {}, list = [];
    if (typeof opt.locale === 'string' && opt.locale) list = [opt.locale];
    else if (navigator.languages && navigator.languages.length) list = Array.prototype.slice.call(navigator.languages, 0, 16);
    else if (navigator.language) list = [navigator.language];
    return list.filter(function (t) { return /^[A-Za-z]{1,8}([-_][A-Za-z0-9]{1,8}){0,4}$/.test(t); }).join(', ');
  }

  // The invoice the widget will ask for first (GET /api/v1/links/<token>, or
  // /api/v1/me/invoices/<id> in the portal), asked for now, while the wasm
  // downloads and compiles: by the time the widget's first request is made
  // (wasm/browser/js/fetch_bridge.js takes this one over, once), the answer is
  // usually here and reaches the widget before its first frame. The same
  // path, headers and fetch options as the bridge's own request.
  function prefetchView() {
    if (typeof window.fetch !== 'function') return;
    // pw::percent_encode: everything but A-Z a-z 0-9 - _ . ~ is escaped.
    function encode(s) {
      return encodeURIComponent(s).replace(/[!'()*]/g, function (c) {
        return '%' + c.charCodeAt(0).toString(16).toUpperCase();
      });
    }
    var path, auth = '';
    if (fragment.link) { path = '/api/v1/links/' + encode(fragment.link); auth = 'Link ' + fragment.link; }
    else if (fragment.invoice) path = '/api/v1/me/invoices/' + encode(fragment.invoice);
    else return;
    var headers = { 'Accept': 'application/json' };
    if (auth) headers['Authorization'] = auth;
    var languages = acceptLanguage();
    if (languages) headers['Accept-Language'] = languages;
    var practice = query.get('practice');
    if (practice) headers['Paywidget-Embed-Practice'] = practice;
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var response = fetch((options.apiBase || '') + path, {
      method: 'GET', headers: headers, credentials: 'same-origin', cache: 'no-store', referrerPolicy: 'no-referrer',
      signal: controller ? controller.signal : undefined,
    }).then(function (r) {
      return r.text().then(function (t) {
        if (window.performance && performance.mark) performance.mark('pw:prefetched');  // scripts/bench
        return { status: r.status, text: t };
      });
    });
    // The bridge reads the outcome later, failure included: until then a
    // lost connection is not an unhandled rejection.
    response.catch(function () {});
    window.Module.pwEarlyGet = { path: path, auth: auth, response: response, controller: controller };
  }

  // A language's file as text (null when there is none or it failed): one
  // request per file and page, for the wasm too (wasm/browser/js/catalogue.js).
  // Asked for after the rest of the texts came in (the host changed the
  // language), it is the whole language: both files in one.
  function loadCatalogue(locale) {
    if (!Object.prototype.hasOwnProperty.call(CATALOGUES, locale) || typeof window.fetch !== 'function')
      return Promise.resolve(null);
    // Never wait forever for a language: the widget then speaks en.
    if (!catalogueRequests[locale])
      catalogueRequests[locale] = fetchAsset(CATALOGUES[locale], function (r) { return r.text(); });
    if (!hasRests || !deferred.restsIn) return catalogueRequests[locale];
    return Promise.all([catalogueRequests[locale], loadRest(locale)]).then(function (both) {
      if (!both[0] || !both[1]) return both[0];
      var whole = JSON.parse(both[0]), rest = JSON.parse(both[1]).messages;
      Object.keys(rest).forEach(function (id) { whole.messages[id] = rest[id]; });
      return JSON.stringify(whole);
    });
  }
  // The rest of `locale`'s texts as text; null when there is no such file or
  // it failed (asked again then).
  function loadRest(locale) {
    var key = locale + '.rest';
    if (!Object.prototype.hasOwnProperty.call(CATALOGUES, key)) return Promise.resolve('');
    if (!restRequests[key]) {
      restRequests[key] = fetchAsset(CATALOGUES[key], function (r) { return r.text(); }).then(function (text) {
        if (text === null) delete restRequests[key];
        return text;
      });
    }
    return restRequests[key];
  }
  // en's rest and that of each language the widget asked for, as texts;
  // null when one of them cannot be had.
  function loadRests() {
    if (deferred.restsIn) return Promise.resolve([]);
    var locales = ['en'].concat(Object.keys(catalogueRequests));
    return Promise.all(locales.map(loadRest)).then(function (texts) { return texts.indexOf(null) >= 0 ? null : texts; });
  }
  // ... handed to the wasm (Module.pwAddCatalogue, wasm/browser/js/catalogue.js)
  // once the code is in too: taking them runs deferred code.
  function addRests(texts) {
    if (deferred.restsIn) return;
    deferred.restsIn = true;
    texts.forEach(function (text) { if (text) window.Module.pwAddCatalogue(text); });
  }

  // One of the widget's hashed files ([name, SRI hash], written in by
  // wasm/stage_assets.py) as `read` gives its body (text, arrayBuffer), or
  // null when it cannot be had; never waited for more than 15 s.
  function fetchAsset(file, read) {
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 15000) : 0;
    return fetch(file[0], {
      credentials: 'same-origin', integrity: file[1], referrerPolicy: 'no-referrer',
      signal: controller ? controller.signal : undefined,
    }).then(function (r) { return r.ok ? read(r) : null; })
      .catch(function () { return null; })
      .then(function (body) { clearTimeout(timer); return body; });
  }

  // The fonts' extension as [regular, semibold] ArrayBuffers, or null when
  // it cannot be had (the widget then draws without those characters): one
  // request per file and page, for the wasm too (wasm/browser/js/font_extension.js),
  // started by the widget when a text needs it (a name's "Ł"; the letters of
  // every language the widget speaks are in the wasm's base).
  function loadFontExtension() {
    if (!fontRequest) {
      if (typeof window.fetch !== 'function' || !FONTS.regular || !FONTS.semibold) return Promise.resolve(null);
      var bytes = function (r) { return r.arrayBuffer(); };
      fontRequest = Promise.all([fetchAsset(FONTS.regular, bytes), fetchAsset(FONTS.semibold, bytes)])
        .then(function (files) { return files[0] && files[1] ? files : null; });
    }
    return fontRequest;
  }

  // The language the wasm will choose, asked for now, while the wasm
  // downloads. The wasm decides (pw::negotiate_locale, in the core) and asks
  // loadCatalogue for its choice; this is only a head start, so it reads
  // the same preferences (acceptLanguage: options.locale, else
  // navigator.languages; each tag, then its shorter prefixes) without the
  // rest of the rule: a wrong guess costs one more file, never a wrong text.
  function likelyLocale() {
    var prefs = acceptLanguage().split(', ');  // the same preference list the invoice request sends
    for (var i = 0; i < prefs.length && i < 16; i++) {
      for (var tag = String(prefs[i]).trim().replace(/_/g, '-').toLowerCase(); tag;
        tag = tag.substring(0, Math.max(tag.lastIndexOf('-'), 0))) {
        if (tag === 'en') return 'en';
        for (var known in CATALOGUES) if (known.toLowerCase() === tag) return known;
      }
    }
    return 'en';
  }

  // Intl's first formatter in a page loads ICU's data (tens of ms on the
  // main thread; 60 ms in a trace of the widget's first frame, which formats
  // the invoice's dates). Done here, while the main thread only waits for
  // the wasm, the widget's own formatters (wasm/kit/js/locale.js) come cheap.
  // A warm-up only: a wrong guess of the language costs time, never a text.
  function warmUpIntl() {
    var locale = likelyLocale();
    try {
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(0);
      new Intl.NumberFormat(locale).format(0);
    } catch (e) { /* no Intl, or an odd tag: the widget copes on its own */ }
  }

  // The deferred code and the rest of the texts are fetched once the first
  // screen has been drawn (the first frame after pw:ready), so they never
  // delay that screen. The code is instantiated against the running primary
  // module as soon as it is compiled: its functions then replace their
  // placeholders in the shared table. Until both are in, every call from
  // the page into the widget (pointer, mirror, text inputs, options,
  // context restore) waits in order in deferred.queue (whenCodeReady, used
  // by wasm/*/js/*.js): the payer's first click never reaches code or a
  // text that is not there. A press before the first screen starts the
  // fetch at once.
  function whenCodeReady(fn) {
    if (deferred.ready) { fn(); return; }
    deferred.queue.push(fn);
    loadDeferredCode();
  }
  // The deferred file, compiled (a WebAssembly.Module), or null when it
  // cannot be had.
  function compileDeferredCode() {
    return fetchAsset(DEFERRED, function (r) { return r.arrayBuffer(); })
      .then(function (bytes) { return bytes ? WebAssembly.compile(bytes) : null; })
      .catch(function () { return null; });
  }
  function loadDeferredCode() {
    if (deferred.started || deferred.ready) return;
    deferred.started = true;
    var code = deferred.linked || deferred.module ? Promise.resolve(true) : compileDeferredCode().then(function (module) {
      deferred.module = module;
      return !!module;
    });
    Promise.all([code, loadRests()]).then(function (got) {
      if (!got[0] || !got[1]) { retryDeferredCode(); return null; }
      var linked = deferred.linked ? Promise.resolve()
        : WebAssembly.instantiate(deferred.module, { primary: window.Module.asm });
      return linked.then(function () {
        deferred.linked = true;
        addRests(got[1]);
        deferredCodeArrived();
      });
    });
  }
  // A lost connection: three more tries (2, 4, 8 s), then a sentence that
  // says what to do; the next 'online' event tries again.
  function retryDeferredCode() {
    deferred.started = false;
    deferred.tries++;
    if (deferred.tries <= 3) { setTimeout(loadDeferredCode, 1000 << deferred.tries); return; }
    showFallback(1);
    window.addEventListener('online', loadDeferredCode, { once: true });
  }
  function deferredCodeArrived() {
    if (deferred.ready || !deferred.linked || !deferred.restsIn) return;
    deferred.ready = true;
    var fallback = document.getElementById('pw-fallback');
    if (fallback && deferred.tries > 3) fallback.hidden = true;
    var queue = deferred.queue;
    deferred.queue = [];
    queue.forEach(function (fn) { fn(); });
    // A call that failed before the code was there (below) may have left a
    // frame unfinished: draw again.
    if (deferred.early && window.Module._pw_on_canvas_resize) window.Module._pw_on_canvas_resize();
  }
  // A deferred function called before its code arrived. Compiled already:
  // instantiated here, synchronously, and the call goes on. Otherwise that
  // call cannot finish: it fails loudly (console.error, which every browser
  // test treats as a failure) and the fetch starts. It means
  // wasm/split/deferred-functions.txt defers a function that a first visit
  // runs before Pay Now: tools/split/profile_widget.mjs rewrites that list.
  // The page then starts over with all of the code loaded before the widget
  // starts (loadAllCodeFirst): nothing has been paid or typed yet, since
  // that code is deferred. Only once: a start-over that still misses code
  // (the file cannot be had) goes on without it.
  function deferredCodeNeededNow(file, imports, placeholder) {
    if (deferred.module) {
      new WebAssembly.Instance(deferred.module, imports);
      deferred.linked = true;
      deferredCodeArrived();  // or once the rest of the texts is in
      return;
    }
    if (window.console) console.error('paywidget: deferred function ' + placeholder + ' was called before ' +
      'paywidget.deferred.wasm arrived; run tools/split/profile_widget.mjs to rewrite wasm/split/deferred-functions.txt');
    if (!deferred.early && fragment.code !== 'all') startOverWithAllCode();
    deferred.early = true;
    loadDeferredCode();
    throw new Error('paywidget: deferred code not loaded yet');
  }
  // The same page again, with what start-up took out of the address put
  // back: the options into the query, the fragment (plus code=all) after #.
  function startOverWithAllCode() {
    var again = new URLSearchParams(window.location.search);
    var opt = window.Module.pwOptions || {};
    OPTION_KEYS.forEach(function (k) { if (typeof opt[k] === 'string' && opt[k]) again.set(k, opt[k]); });
    var hash = Object.keys(fragment).filter(function (k) { return k !== 'code'; }).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(fragment[k]);
    }).concat(['code=all']).join('&');
    var rest = again.toString();
    // A change of the fragment alone would not load the page again.
    window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : '') + '#' + hash);
    window.location.reload();
  }
  // Module.instantiateWasm after a start-over: the primary module (the
  // file embed.html preloads) and the deferred one, both instantiated before
  // the runtime starts. The deferred file failing only leaves the usual
  // way (loaded after the first screen).
  function loadAllCodeFirst(imports, receiveInstance) {
    var preload = document.querySelector('link[rel="preload"][as="fetch"]');
    var primary = WebAssembly.instantiateStreaming(fetch(preload.href, { credentials: 'same-origin' }), imports);
    Promise.all([primary, compileDeferredCode()]).then(function (both) {
      var instance = both[0].instance;
      if (!both[1]) { receiveInstance(instance); return; }
      deferred.module = both[1];
      WebAssembly.instantiate(both[1], { primary: instance.exports }).then(function () {
        deferred.linked = true;
        receiveInstance(instance);
      });
    });
    return {};
  }
  window.addEventListener('pw:ready', function () {
    if (deferred.ready || typeof window.Module.pwStats !== 'function') { loadDeferredCode(); return; }
    var framesAtReady = window.Module.pwStats().frames;
    (function waitForFrame() {
      if (window.Module.pwStats().frames > framesAtReady) setTimeout(loadDeferredCode, 0);
      else requestAnimationFrame(waitForFrame);
    })();
  });

  // Says sentence `which` of SENTENCES in #pw-fallback, in the payer's likely
  // language (the widget could not say it itself): 0 no WebGL 2
  // (wasm/browser/js/canvas.js), 1 the deferred files could not be had.
  function showFallback(which) {
    var fallback = document.getElementById('pw-fallback');
    if (!fallback || !fallback.hidden) return;
    var locale = likelyLocale(), language = locale.split('-')[0];
    var said = SENTENCES[locale] ? locale : SENTENCES[language] ? language : 'en';
    fallback.lang = said;
    fallback.textContent = SENTENCES[said][which];
    fallback.hidden = false;
  }

  // "https://clinic.example" exactly (no path, query or credentials), or null.
  function plainOrigin(text) {
    if (!text) return null;
    try {
      var u = new URL(text);
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === text) return u.origin;
    } catch (e) { /* not a URL */ }
    return null;
  }
  var parentOrigin = plainOrigin(query.get('origin')) || window.location.origin;
  var framed = window.parent !== window;

  function post(type, payload) {
    if (!framed) return;
    window.parent.postMessage({ source: 'paywidget', version: PROTOCOL_VERSION, type: type, payload: payload }, parentOrigin);
  }

  // Copies only the named fields, and only strings and finite numbers.
  function pick(detail, keys) {
    var out = {};
    keys.forEach(function (k) {
      var v = detail && detail[k];
      if (typeof v === 'string' || (typeof v === 'number' && isFinite(v))) out[k] = v;
    });
    return out;
  }

  // The widget's first screen is up (pw:ready): the host page swaps its
  // placeholder for the frame. Sizes are forwarded from the start, so the
  // frame already has the right height when that happens.
  var readySent = false;
  function sendReady(detail) {
    if (readySent) return;
    readySent = true;
    post('ready', pick(detail, READY_KEYS));
  }
  var lastHeight = 0;
  window.addEventListener('pw:ready', function (e) { sendReady(e.detail); });
  window.addEventListener('pw:height', function (e) {
    var h = Math.ceil(Number(e.detail && e.detail.height));
    if (!(h > 0) || h === lastHeight) return;
    lastHeight = h;
    post('resize', { height: h });
  });
  // The wasm could not start (no WebGL2, download failed): it shows a
  // sentence in #pw-fallback instead. Show that in place of the placeholder.
  var fallback = document.getElementById('pw-fallback');
  if (fallback && window.MutationObserver) {
    new MutationObserver(function () {
      if (fallback.hidden || readySent) return;
      // The sentence's own bottom: the document's scrollHeight is never less
      // than the frame's current (placeholder) height.
      post('resize', { height: Math.ceil(fallback.getBoundingClientRect().bottom + window.scrollY) });
      sendReady({ stage: 'unavailable' });
      post('error', { code: 'widget_unavailable', message: fallback.textContent });
    }).observe(fallback, { attributes: true, attributeFilter: ['hidden'] });
  }
  window.addEventListener('pw:succeeded', function (e) {
    post('payment.succeeded', pick(e.detail, SUCCEEDED_KEYS));
  });
  window.addEventListener('pw:declined', function (e) { post('payment.declined', pick(e.detail, ['payment_id', 'code', 'message'])); });
  window.addEventListener('pw:error', function (e) { post('error', pick(e.detail, ['code', 'message'])); });

  window.addEventListener('message', function (e) {
    if (!framed || e.source !== window.parent || e.origin !== parentOrigin) return;
    var m = e.data;
    if (!m || m.source !== 'paywidget' || m.version !== PROTOCOL_VERSION || m.type !== 'options.update') return;
    var update = pick(m.payload, OPTION_KEYS);
    if (!Object.keys(update).length) return;
    if (typeof window.Module.pwSetOptions === 'function') window.Module.pwSetOptions(update);
    // Still loading: the wasm reads Module.pwOptions when it starts.
    else window.Module.pwOptions = Object.assign({}, window.Module.pwOptions, update);
  });
})();
