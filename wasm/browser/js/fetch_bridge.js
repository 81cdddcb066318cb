// wasm/browser/fetch_bridge.cpp's DOM side: fetch() with callbacks (no ASYNCIFY).
// Every request ends in exactly one call of _pw_fetch_done(id, status, body):
// status 0 means no response at all (network failure, timeout), which the
// checkout treats as "outcome unknown".
mergeInto(LibraryManager.library, {
  // The ?practice= this page was opened with ('' when none), read once: the
  // loader puts it there, and the page's own scripts never change it.
  $pwEmbedPractice: function () {
    if (pwEmbedPractice.value === undefined) {
      var v = '';
      try { v = new URLSearchParams(window.location.search).get('practice') || ''; } catch (e) {}
      pwEmbedPractice.value = v;
    }
    return pwEmbedPractice.value;
  },
  pw_fetch__deps: ['$pwEmbedPractice'],
  pw_fetch: function (id, methodPtr, pathPtr, authPtr, keyPtr, bodyPtr, timeoutMs) {
    var method = UTF8ToString(methodPtr), path = UTF8ToString(pathPtr);
    var auth = UTF8ToString(authPtr), key = UTF8ToString(keyPtr), body = UTF8ToString(bodyPtr);
    var headers = { 'Accept': 'application/json' };
    if (auth) headers['Authorization'] = auth;
    if (key) headers['Idempotency-Key'] = key;
    if (method !== 'GET' && method !== 'HEAD') headers['Content-Type'] = 'application/json';
    // The invoice's mandate texts come in the widget's language (web/embed.js).
    var languages = typeof Module['pwAcceptLanguage'] === 'function' ? Module['pwAcceptLanguage']() : '';
    if (languages && method === 'GET') headers['Accept-Language'] = languages;
    // Framed on a practice's site (/embed?practice=<id>): name that practice,
    // so the server refuses a link of another practice (auth/embed_practice.hpp).
    var practice = pwEmbedPractice();
    if (practice) headers['Paywidget-Embed-Practice'] = practice;
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, timeoutMs) : 0;
    var done = false;
    var finish = function (status, text) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      var p = allocateUTF8(text);
      _pw_fetch_done(id, status, p);
      _free(p);
    };
    // web/embed.js asked for this very request while the wasm was loading:
    // take its answer (once) instead of asking again.
    var early = Module['pwEarlyGet'];
    if (early && method === 'GET' && early.path === path && early.auth === auth) {
      Module['pwEarlyGet'] = null;
      if (controller) controller.signal.addEventListener('abort', function () {
        if (early.controller) early.controller.abort();
        finish(0, '');
      });
      early.response.then(function (r) { finish(r.status, r.text); }, function () { finish(0, ''); });
      return;
    }
    var base = (Module['pwOptions'] && Module['pwOptions']['apiBase']) || '';
    fetch(base + path, {
      method: method, headers: headers, credentials: 'same-origin', cache: 'no-store',
      referrerPolicy: 'no-referrer', body: (method === 'GET' || method === 'HEAD') ? undefined : body,
      signal: controller ? controller.signal : undefined,
    }).then(function (r) {
      return r.text().then(function (t) { finish(r.status, t); });
    }).catch(function () { finish(0, ''); });
  },
  // Parameters of the URL fragment ("#link=<token>", "#invoice=<id>"):
  // web/embed.js read them (Module.pwFragment) and removed the fragment
  // from the address bar before this script ran.
  pw_take_fragment_param: function (namePtr) {
    var params = Module['pwFragment'] || {};
    var v = params[UTF8ToString(namePtr)];
    return allocateUTF8(typeof v === 'string' ? v : '');
  },
  pw_navigate: function (urlPtr, newTab) {
    var url = UTF8ToString(urlPtr);
    // Same-origin paths only (login_url, receipt pages); mailto:/tel: hand
    // over to the system. Never a script URL or another origin.
    if (/^(mailto|tel):/.test(url)) { window.location.href = url; return; }
    if (url.charAt(0) !== '/' || url.charAt(1) === '/' || url.charAt(1) === '\\') return;
    if (newTab) { window.open(url, '_blank', 'noopener'); return; }
    try { (window.top || window).location.assign(url); } catch (e) { window.location.assign(url); }
  },
  // Events for the page around the widget: web/embed.js forwards them to the
  // embedding site by postMessage (with its origin checks).
  pw_notify_page: function (typePtr, jsonPtr) {
    var detail = {};
    try { detail = JSON.parse(UTF8ToString(jsonPtr)); } catch (e) {}
    window.dispatchEvent(new CustomEvent('pw:' + UTF8ToString(typePtr), { detail: detail }));
  },
});
mergeInto(LibraryManager.library, {
  pw_random_bytes: function (ptr, n) {
    crypto.getRandomValues(HEAPU8.subarray(ptr, ptr + n));
  },
});
