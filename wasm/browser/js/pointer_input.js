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
    // While the code is not in yet, one whole click waits; more presses are
    // dropped: a payer who clicks again on a control that did not answer
    // means the same thing, and replayed later those clicks would land on
    // whatever the next screen draws there.
    var clickWaiting = false;
    var send = function (change, e) {
      if (change !== 0 && change !== 2 && clickWaiting) return;
      var r = c.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top, ran = false;
      pwWhenCodeReady(function () {
        ran = true;
        if (change === -1) clickWaiting = false;
        _pw_on_pointer(change, x, y);
      });
      if (!ran && change === -1) clickWaiting = true;
    };
    c.addEventListener('mousemove', function (e) { send(0, e); });
    c.addEventListener('mousedown', function (e) { if (e.button === 0) send(1, e); });
    document.addEventListener('mouseup', function (e) { if (e.button === 0) send(-1, e); });
    c.addEventListener('mouseleave', function (e) { send(2, e); });
  },
});
