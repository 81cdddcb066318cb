/*! pay-widget.js: PayWidget.mount(el, {practice, link, onSuccess, ...}) shows the invoice
 * payment widget in an iframe from the payment host; this page never sees card data. Messages:
 * {source: 'paywidget', version: 1, type, payload}, accepted only from our own iframe's window
 * at the host's origin. Styles go through element.style (allowed by a strict style-src CSP).
 * Types: pay-widget.d.ts. Plain ES5, no dependencies. */
(function (window, document) {
  'use strict';
  if (window.PayWidget) return;
  var VERSION = 1;
  var DISPLAY_KEYS = ['theme', 'locale', 'accent', 'radius', 'font_scale'];
  var FRAME_KEYS = ['link', 'invoice', 'host', 'practice'];
  var CALLBACKS = ['onReady', 'onResize', 'onSuccess', 'onDecline', 'onError'];
  // The event fields (paywidget/host_events.hpp); nothing else reaches a callback.
  var READY_KEYS = ['stage', 'invoice_id', 'balance', 'currency', 'exponent', 'invoice_status', 'receipt_url'];
  var SUCCEEDED_KEYS = ['payment_id', 'invoice_id', 'amount', 'currency', 'exponent', 'status', 'balance',
    'invoice_status', 'method', 'receipt_url', 'settles_within_business_days'];
  var LOAD_TIMEOUT_MS = 20000;
  // The loader's own words by language: [loading, frame title, load failed],
  // written in at build time from the message catalogue
  // (tools/messages/loader_strings.py); fr-CA only where it differs from fr.
  var TEXT = {} /* loader strings */;
  var script = document.currentScript;
  var scriptOrigin = script && script.src ? originOf(script.src) : null;
  var live = [];

  function originOf(url) {
    try {
      var u = new URL(url, window.location.href);
      return (u.protocol === 'https:' || u.protocol === 'http:') ? u.origin : null;
    } catch (e) { return null; }
  }

  // The widget's language, chosen as the core chooses it for the widget
  // (paywidget/locale.hpp): options.locale, else the browser's languages in
  // order; a tag matches exactly, else by its language; else English.
  function words(locale) {
    var tags = locale ? [locale] : (navigator.languages || [navigator.language]), i, t;
    for (i = 0; i < tags.length; i++) {
      t = String(tags[i] || '').replace(/_/g, '-').toLowerCase();
      for (var k in TEXT) if (k.toLowerCase() === t) return TEXT[k];
      if (TEXT[t.split('-')[0]]) return TEXT[t.split('-')[0]];
    }
    return TEXT.en;
  }

  function fail(message) { throw new TypeError('PayWidget.mount: ' + message); }

  function has(o, k) { return o[k] !== undefined && o[k] !== null; }

  // Checks every option and answers a copy; the message names the option.
  function validate(o) {
    if (!o || typeof o !== 'object') fail('options must be an object, e.g. { practice: "prc_…", link: "<token>" }');
    var idish = /^[A-Za-z0-9_-]{1,256}$/;
    if (has(o, 'link') === has(o, 'invoice')) {
      fail(has(o, 'link') ? 'give options.link or options.invoice, not both'
        : 'options.link or options.invoice is required (the pay link token, or the invoice id in a portal session)');
    }
    if (has(o, 'link') && !(typeof o.link === 'string' && idish.test(o.link))) fail('options.link must be the token of a pay link (letters, digits, "-" and "_")');
    if (has(o, 'invoice') && !(typeof o.invoice === 'string' && idish.test(o.invoice))) fail('options.invoice must be an invoice id such as "inv_…"');
    var host = has(o, 'host') ? (typeof o.host === 'string' ? originOf(o.host) : null) : scriptOrigin;
    if (!host) fail(has(o, 'host') ? 'options.host must be an http(s) URL such as "https://pay.example.com"' : 'options.host is required when pay-widget.js is not loaded from the payment host');
    // The host's own pages may always frame the widget; another site only
    // when the practice lists its origin, so the host must know the practice.
    if (has(o, 'practice') ? !(typeof o.practice === 'string' && idish.test(o.practice)) : host !== window.location.origin) {
      fail('options.practice is required: your practice id ("prc_…"), which lets the payment host allow this site to show the widget');
    }
    if (has(o, 'theme') && o.theme !== 'light' && o.theme !== 'dark') fail('options.theme must be "light" or "dark"');
    if (has(o, 'accent') && !(typeof o.accent === 'string' && /^#[0-9a-fA-F]{6}$/.test(o.accent))) fail('options.accent must be a color such as "#5147e5"');
    if (has(o, 'radius') && !(typeof o.radius === 'number' && o.radius >= 0 && o.radius <= 24)) fail('options.radius must be a number of pixels from 0 to 24');
    if (has(o, 'font_scale') && !(typeof o.font_scale === 'number' && o.font_scale >= 0.8 && o.font_scale <= 1.5)) fail('options.font_scale must be a number from 0.8 to 1.5');
    if (has(o, 'locale')) {
      var ok = typeof o.locale === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(o.locale);
      try { if (ok && window.Intl && Intl.getCanonicalLocales) Intl.getCanonicalLocales(o.locale); } catch (e) { ok = false; }
      if (!ok) fail('options.locale must be a language tag such as "en-US" or "fr-CA"');
    }
    var out = { host: host };
    for (var k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k) || !has(o, k) || k === 'host') continue;
      if (CALLBACKS.indexOf(k) >= 0) {
        if (typeof o[k] !== 'function') fail('options.' + k + ' must be a function');
      } else if (DISPLAY_KEYS.indexOf(k) < 0 && FRAME_KEYS.indexOf(k) < 0) {
        fail('unknown option "' + k + '"');
      }
      out[k] = o[k];
    }
    return out;
  }

  function element(target) {
    var el = typeof target === 'string' ? document.querySelector(target) : target;
    if (!el || el.nodeType !== 1) fail(typeof target === 'string' ? 'no element matches "' + target + '"' : 'the first argument must be an element or a CSS selector');
    return el;
  }

  function css(el, styles) { for (var k in styles) el.style[k] = styles[k]; return el; }

  function make(tag, styles) { return css(document.createElement(tag), styles || {}); }

  function frameUrl(o) {
    var q = o.practice ? ['practice=' + encodeURIComponent(o.practice)] : [];
    for (var i = 0; i < DISPLAY_KEYS.length; i++) {
      var k = DISPLAY_KEYS[i];
      if (has(o, k)) q.push(k + '=' + encodeURIComponent(String(o[k])));
    }
    q.push('origin=' + encodeURIComponent(window.location.origin));
    // The token goes in the fragment: never sent to a server or a Referer.
    var hash = o.link ? 'link=' + encodeURIComponent(o.link) : 'invoice=' + encodeURIComponent(o.invoice);
    return o.host + '/embed?' + q.join('&') + '#' + hash;
  }

  // A calm placeholder (card, title bar, three rows, a button) until the
  // widget says it is ready; it pulses unless the reader asked for less motion.
  function skeleton(dark, loading) {
    var tone = dark ? '#2a2f45' : '#e9ebf2';
    var box = make('div', {
      position: 'absolute', top: '0', left: '0', right: '0', minHeight: '100%', boxSizing: 'border-box',
      padding: '24px', borderRadius: '8px', background: dark ? '#14161f' : '#ffffff',
    });
    var label = make('span', { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' });
    label.textContent = loading;
    box.appendChild(label);
    var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var bars = [['55%', '22px', '20px'], ['35%', '14px', '28px'], ['100%', '14px', '12px'], ['100%', '14px', '12px'], ['80%', '14px', '32px'], ['100%', '44px', '0']];
    for (var i = 0; i < bars.length; i++) {
      var bar = make('div', { width: bars[i][0], maxWidth: '560px', height: bars[i][1], marginBottom: bars[i][2], borderRadius: '6px', background: tone });
      bar.setAttribute('aria-hidden', 'true');
      box.appendChild(bar);
      // The bars pulse, not the box: it stays opaque over the loading frame.
      if (bar.animate && !still) bar.animate([{ opacity: 1 }, { opacity: 0.5 }, { opacity: 1 }], { duration: 1600, iterations: Infinity });
    }
    return box;
  }

  function Widget(el, o) {
    this.el = el;
    this.o = o;
    this.ready = false;
    this.pending = null;
    this.text = words(o.locale);
    this.start();
  }

  Widget.prototype.start = function () {
    var self = this, o = this.o;
    this.hostOrigin = o.host;
    this.box = make('div', { position: 'relative', width: '100%', minHeight: '420px' });
    this.box.setAttribute('aria-busy', 'true');
    this.sk = skeleton(o.theme === 'dark', this.text[0]);
    this.sk.setAttribute('role', 'status');
    this.box.appendChild(this.sk);
    this.el.appendChild(this.box);
    var create = function () { self.frame(); };
    if (window.IntersectionObserver) {
      this.io = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) if (entries[i].isIntersecting) { self.io.disconnect(); self.io = null; create(); return; }
      }, { rootMargin: '300px' });
      this.io.observe(this.box);
    } else {
      create();
    }
  };

  Widget.prototype.frame = function () {
    var self = this;
    // Transparent (not hidden: Chromium pauses hidden frames) under the
    // placeholder until ready, so a half-loaded or refused frame never peeks out.
    var f = this.iframe = make('iframe', { display: 'block', width: '100%', height: '420px', border: '0', colorScheme: 'normal', opacity: '0', transition: 'opacity .2s ease' });
    f.title = this.text[1];
    f.setAttribute('loading', 'lazy');
    f.setAttribute('referrerpolicy', 'no-referrer');
    f.src = frameUrl(this.o);
    this.box.insertBefore(f, this.sk);
    this.timer = setTimeout(function () {
      if (self.ready) return;
      self.showProblem();
      self.emit('onError', { code: 'load_timeout', message: 'The payment form did not load. Check that this site\'s origin (' + window.location.origin + ') is one of the practice\'s embed origins and that ' + self.hostOrigin + ' is reachable.' });
    }, LOAD_TIMEOUT_MS);
  };

  Widget.prototype.showProblem = function () {
    if (!this.sk) return;
    this.sk.textContent = this.text[2];
    css(this.sk, { position: 'static', font: '16px/1.5 system-ui, sans-serif', color: this.o.theme === 'dark' ? '#e6e8f0' : '#1a1f36' });
    css(this.box, { minHeight: '0' });
    this.iframe.style.display = 'none'; // back if the widget turns up late
    this.sk.setAttribute('role', 'alert');
  };

  Widget.prototype.emit = function (name, payload) {
    var fn = this.o[name];
    if (typeof fn !== 'function') return;
    try { fn(payload); } catch (e) { setTimeout(function () { throw e; }, 0); }
  };

  // A message from this widget's iframe (origin and window already checked).
  Widget.prototype.receive = function (m) {
    var p = m.payload && typeof m.payload === 'object' ? m.payload : {};
    switch (m.type) {
      case 'ready':
        if (this.ready) return;
        this.ready = true;
        clearTimeout(this.timer);
        this.box.removeAttribute('aria-busy');
        css(this.box, { minHeight: '0' });
        if (this.sk) { this.box.removeChild(this.sk); this.sk = null; }
        css(this.iframe, { display: 'block', opacity: '1' });
        if (this.pending) { this.send(this.pending); this.pending = null; }
        return this.emit('onReady', this.withReceiptUrl(pick(p, READY_KEYS)));
      case 'resize':
        var h = Math.ceil(Number(p.height));
        if (!(h > 0 && h < 100000)) return;
        this.iframe.style.height = h + 'px';
        return this.emit('onResize', { height: h });
      case 'payment.succeeded':
        return this.emit('onSuccess', this.withReceiptUrl(pick(p, SUCCEEDED_KEYS)));
      case 'payment.declined':
        return this.emit('onDecline', pick(p, ['payment_id', 'code', 'message']));
      case 'error':
        return this.emit('onError', pick(p, ['code', 'message']));
    }
  };

  // The widget names its receipt page by a path on the payment host; the
  // page gets the full address (anything else is dropped).
  Widget.prototype.withReceiptUrl = function (p) {
    var path = p.receipt_url;
    delete p.receipt_url;
    if (typeof path === 'string' && /^\/[^/\\]/.test(path)) p.receipt_url = this.hostOrigin + path;
    return p;
  };

  Widget.prototype.send = function (display) {
    var w = this.iframe && this.iframe.contentWindow;
    if (w) w.postMessage({ source: 'paywidget', version: VERSION, type: 'options.update', payload: display }, this.hostOrigin);
  };

  Widget.prototype.stop = function () {
    clearTimeout(this.timer);
    if (this.io) this.io.disconnect();
    if (this.box.parentNode) this.box.parentNode.removeChild(this.box);
    this.iframe = this.io = null;
  };

  // Only the listed fields, only strings and finite numbers: whatever the
  // frame sends, callbacks get the documented shape.
  function pick(p, keys) {
    var out = {};
    for (var i = 0; i < keys.length; i++) {
      var v = p[keys[i]];
      if (typeof v === 'string' || (typeof v === 'number' && isFinite(v))) out[keys[i]] = v;
    }
    return out;
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || typeof m !== 'object' || m.source !== 'paywidget' || m.version !== VERSION || typeof m.type !== 'string') return;
    for (var i = 0; i < live.length; i++) {
      var w = live[i];
      if (w.iframe && e.source === w.iframe.contentWindow && e.origin === w.hostOrigin) return w.receive(m);
    }
  });

  function mount(target, options) {
    var el = element(target);
    var w = new Widget(el, validate(options));
    live.push(w);
    var handle = {
      unmount: function () {
        var i = live.indexOf(w);
        if (i < 0) return;
        live.splice(i, 1);
        w.stop();
      },
      // Display options reach the live widget without a reload; a new link,
      // invoice, practice or host loads a new widget in its place.
      update: function (changes) {
        if (live.indexOf(w) < 0) throw new Error('PayWidget: update() after unmount()');
        if (!changes || typeof changes !== 'object') fail('update() needs an object of options');
        var merged = {}, k, reload = false;
        for (k in w.o) merged[k] = w.o[k];
        if (has(changes, 'link')) delete merged.invoice;
        if (has(changes, 'invoice')) delete merged.link;
        for (k in changes) {
          if (!Object.prototype.hasOwnProperty.call(changes, k)) continue;
          merged[k] = changes[k];
          if (FRAME_KEYS.indexOf(k) >= 0 && (k === 'host' ? originOf(changes[k]) : changes[k]) !== w.o[k]) reload = true;
        }
        var next = validate(merged);
        if (reload) {
          live.splice(live.indexOf(w), 1);
          w.stop();
          w = new Widget(el, next);
          live.push(w);
          return handle;
        }
        w.o = next;
        // The frame is named in the widget's language.
        w.text = words(next.locale);
        if (w.iframe) w.iframe.title = w.text[1];
        var display = {};
        for (var i = 0; i < DISPLAY_KEYS.length; i++) if (has(changes, DISPLAY_KEYS[i])) display[DISPLAY_KEYS[i]] = next[DISPLAY_KEYS[i]];
        if (w.ready) w.send(display);
        else if (w.pending) { for (k in display) w.pending[k] = display[k]; } else w.pending = display;
        return handle;
      },
    };
    return handle;
  }

  window.PayWidget = { version: VERSION, mount: mount };
})(window, document);
