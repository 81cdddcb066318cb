// wasm/browser/canvas.cpp's DOM side: the canvas's CSS width (from its container),
// its CSS height (set by the widget to its content height), and the
// notifications that require a new layout: container resize and
// devicePixelRatio changes (zoom, moving the window to another screen).
mergeInto(LibraryManager.library, {
  pw_canvas_css_width: function () {
    var c = Module['canvas'];
    var parent = c && c.parentElement;
    return parent ? parent.clientWidth : 360;
  },
  pw_canvas_set_css_height: function (h) {
    var c = Module['canvas'];
    if (!c) return;
    c.style.height = h + 'px';
    var overlay = document.getElementById('pw-overlay');
    if (overlay) overlay.style.height = h + 'px';
    // The host page (or the iframe glue in web/embed.js) listens for this
    // to size the iframe; the widget never scrolls internally.
    window.dispatchEvent(new CustomEvent('pw:height', { detail: { height: h } }));
  },
  pw_canvas_observe__deps: ['$pwWhenCodeReady'],
  pw_canvas_observe: function () {
    var c = Module['canvas'];
    if (!c || !c.parentElement) return;
    var notify = function () { _pw_on_canvas_resize(); };
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(notify).observe(c.parentElement);
    window.addEventListener('resize', notify);
    // A media query on the current ratio fires once when it changes; re-arm.
    var watchRatio = function () {
      var mq = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
      mq.addEventListener('change', function () { notify(); watchRatio(); }, { once: true });
    };
    watchRatio();
    // GPU reset or too many contexts: prevent the default so the browser
    // restores the context, then rebuild every GL object (shaders, buffers,
    // the font texture) and draw again. The checkout and what the payer
    // typed live in wasm memory and the DOM: nothing is lost.
    c.addEventListener('webglcontextlost', function (e) { e.preventDefault(); }, false);
    c.addEventListener('webglcontextrestored', function () { pwWhenCodeReady(function () { _pw_on_context_restored(); }); }, false);
  },
});
mergeInto(LibraryManager.library, {
  pw_set_cursor: function (pointer) {
    var c = Module['canvas'];
    if (c) c.style.cursor = pointer ? 'pointer' : 'default';
  },
});
mergeInto(LibraryManager.library, {
  // The page around the canvas takes the theme too: background (no seam
  // where the canvas ends), focus ring color and radius for the mirror.
  pw_canvas_set_theme: function (bgPtr, accentPtr, radius, dark) {
    var root = document.documentElement;
    root.style.setProperty('--pw-bg', UTF8ToString(bgPtr));
    root.style.setProperty('--pw-accent', UTF8ToString(accentPtr));
    root.style.setProperty('--pw-radius', radius + 'px');
    root.style.colorScheme = dark ? 'dark' : 'light';
  },
  // In the payer's language by web/embed.js (Module.pwShowFallback: the
  // catalogue's page.widget_needs_webgl); the English given here without it.
  pw_show_fallback: function (msgPtr) {
    if (Module['pwShowFallback']) { Module['pwShowFallback'](0); return; }
    var el = document.getElementById('pw-fallback');
    if (el) { el.textContent = UTF8ToString(msgPtr); el.hidden = false; }
  },
});
