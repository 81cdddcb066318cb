// wasm/kit/text_inputs.cpp's DOM side: real <input> elements over the canvas.
// The DOM owns the text, the caret and the selection; the widget draws the
// field's frame, label and validation state around the element and gets the
// value on every input event. Inputs not placed in a frame are hidden (but
// keep their value, so going back to a screen restores what was typed).
mergeInto(LibraryManager.library, {
  $pwInputs: { byId: {}, placed: {} },
  pw_text_input_place__deps: ['$pwInputs', '$pwWhenCodeReady'],
  pw_text_input_place: function (idPtr, x, y, w, h, autocompletePtr, inputmodePtr, labelPtr, typePtr,
                                 maxLength, flags) {
    var id = UTF8ToString(idPtr);
    var el = pwInputs.byId[id];
    if (!el) {
      el = document.createElement('input');
      el.id = 'pw-input-' + id;
      el.className = 'pw-input';
      el.spellcheck = false;
      var send = function () {
        pwWhenCodeReady(function () {
          var a = allocateUTF8(id), b = allocateUTF8(el.value);
          _pw_on_text_input(a, b);
          _free(a); _free(b);
        });
      };
      el.addEventListener('input', send);
      el.addEventListener('change', send);  // autofill fills without input events in some browsers
      var focus = function (on) {
        return function () { pwWhenCodeReady(function () { var a = allocateUTF8(id); _pw_on_text_focus(a, on); _free(a); }); };
      };
      el.addEventListener('focus', focus(1));
      el.addEventListener('blur', focus(0));
      el.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') pwWhenCodeReady(function () { var a = allocateUTF8(id); _pw_on_text_enter(a); _free(a); });
      });
      var overlay = document.getElementById('pw-overlay');
      (overlay || document.body).appendChild(el);
      pwInputs.byId[id] = el;
    }
    var set = function (name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
    set('type', UTF8ToString(typePtr) || 'text');
    set('autocomplete', UTF8ToString(autocompletePtr) || 'off');
    var mode = UTF8ToString(inputmodePtr);
    if (mode) set('inputmode', mode); else el.removeAttribute('inputmode');
    set('aria-label', UTF8ToString(labelPtr));
    if (maxLength > 0) set('maxlength', String(maxLength)); else el.removeAttribute('maxlength');
    el.disabled = (flags & 1) !== 0;
    set('aria-invalid', (flags & 2) ? 'true' : 'false');
    var st = el.style;
    var px = function (v) { return v + 'px'; };
    if (st.left !== px(x)) st.left = px(x);
    if (st.top !== px(y)) st.top = px(y);
    if (st.width !== px(w)) st.width = px(w);
    if (st.height !== px(h)) st.height = px(h);
    if (st.display !== 'block') st.display = 'block';
    pwInputs.placed[id] = true;
  },
  pw_text_input_commit__deps: ['$pwInputs'],
  pw_text_input_commit: function () {
    for (var id in pwInputs.byId) {
      if (!pwInputs.placed[id] && pwInputs.byId[id].style.display !== 'none') pwInputs.byId[id].style.display = 'none';
    }
    pwInputs.placed = {};
  },
  pw_text_input_set_value__deps: ['$pwInputs'],
  pw_text_input_set_value: function (idPtr, valuePtr) {
    var el = pwInputs.byId[UTF8ToString(idPtr)];
    var v = UTF8ToString(valuePtr);
    if (!el || el.value === v) return;
    // Keep the caret at the same distance from the end (reformatting a card
    // number inserts spaces before the caret, never after it).
    var fromEnd = el.value.length - (el.selectionEnd || 0);
    el.value = v;
    if (document.activeElement === el) {
      var pos = Math.max(0, v.length - fromEnd);
      try { el.setSelectionRange(pos, pos); } catch (e) {}
    }
  },
  pw_text_input_focus__deps: ['$pwInputs'],
  pw_text_input_focus: function (idPtr) {
    var el = pwInputs.byId[UTF8ToString(idPtr)];
    if (!el) return;
    // After this frame's commits: the mirror's commit may still move the
    // input into visual order, and moving a focused element drops focus.
    Promise.resolve().then(function () {
      if (!el.disabled && el.style.display !== 'none') el.focus({ preventScroll: false });
    });
  },
});
