// wasm/browser/pointer_input.cpp's DOM side: the mouse on the canvas (touch
// arrives as the mouse events browsers synthesize after a tap). Left button
// only; a release anywhere in the document ends a press. Never swallows an
// event: text selection and focus stay the browser's. Each event waits for
// the widget's code like every call from the page (js/code_ready.js).
mergeInto(LibraryManager.library, {
  pw_pointer_listen__deps: ['$pwWhenCodeReady'],
  pw_pointer_listen: function (selectorPtr) {
    var c = document.querySelector(UTF8ToString(selectorPtr));
    if (!c) return;
    var send = function (change, e) {
      var r = c.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top;
      pwWhenCodeReady(function () { _pw_on_pointer(change, x, y); });
    };
    c.addEventListener('mousemove', function (e) { send(0, e); });
    c.addEventListener('mousedown', function (e) { if (e.button === 0) send(1, e); });
    document.addEventListener('mouseup', function (e) { if (e.button === 0) send(-1, e); });
    c.addEventListener('mouseleave', function (e) { send(2, e); });
  },
});
