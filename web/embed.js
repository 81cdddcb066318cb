// The widget page's DOM glue, loaded before paywidget.js: points the
// Emscripten module at the canvas and passes the options. Options come from
// window.pwOptions (set by the page that serves /embed), overridden by query
// parameters (?theme=dark&accent=%23635bff&radius=6&font_scale=1.1&locale=de-DE);
// Module.pwSetOptions({...}) changes them at run time without a reload.
(function () {
  'use strict';
  var canvas = document.getElementById('pw-canvas');
  window.Module = {
    canvas: canvas,
    pwOptions: window.pwOptions || {},
    print: function () {},
    printErr: function (text) { if (window.console) console.warn(text); },
  };
  // Context loss (GPU reset): allow the browser to restore the context.
  // Rebuilding GL objects after a restore is not handled yet (reloading
  // would lose the link token, which left the address bar on start).
  canvas.addEventListener('webglcontextlost', function (e) { e.preventDefault(); }, false);
})();
