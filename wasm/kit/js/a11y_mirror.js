// wasm/kit/a11y_mirror.cpp's DOM side: one real, focusable element per
// interactive ImGui item, in visual order, placed exactly over the item so
// the browser's own focus ring (CSS :focus-visible) marks it. The elements
// are transparent and let the mouse through to the canvas; keyboard and
// assistive technology act on them, and an activation reaches the widget as
// _pw_on_a11y_activate(id). Headings and static text are mirrored too (as
// role "heading"/"text") so a screen reader can read the invoice.
mergeInto(LibraryManager.library, {
  $pwA11y: { byId: {}, order: [], seen: {} },
  pw_a11y_item__deps: ['$pwA11y', '$pwWhenCodeReady'],
  pw_a11y_item: function (idPtr, rolePtr, namePtr, hrefPtr, x, y, w, h, flags, level) {
    var id = UTF8ToString(idPtr), role = UTF8ToString(rolePtr), name = UTF8ToString(namePtr);
    var key = id;
    var el = pwA11y.byId[key];
    if (el && el.pwRole !== role) { el.remove(); el = null; }
    if (!el) {
      var activate = function () {
        pwWhenCodeReady(function () { var a = allocateUTF8(id); _pw_on_a11y_activate(a); _free(a); });
      };
      if (role === 'button') {
        el = document.createElement('button');
        el.type = 'button';
        el.addEventListener('click', function (e) { e.preventDefault(); activate(); });
      } else if (role === 'link') {
        el = document.createElement('a');
        el.target = '_top';
        el.rel = 'noopener';
      } else if (role === 'radio' || role === 'checkbox') {
        el = document.createElement('input');
        el.type = role;
        el.addEventListener('change', activate);
      } else if (role === 'heading') {
        el = document.createElement('h' + Math.min(Math.max(level, 1), 6));
      } else {
        el = document.createElement('p');
      }
      el.className = 'pw-a11y pw-a11y-' + role;
      el.id = 'pw-a11y-' + id;
      el.pwRole = role;
      var focus = function (on) {
        return function () { pwWhenCodeReady(function () { var a = allocateUTF8(id); _pw_on_a11y_focus(a, on); _free(a); }); };
      };
      el.addEventListener('focus', focus(1));
      el.addEventListener('blur', focus(0));
      pwA11y.byId[key] = el;
    }
    if (role === 'radio' || role === 'checkbox') {
      if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      var group = UTF8ToString(hrefPtr);
      if (group && el.name !== group) el.name = group;
      el.checked = (flags & 2) !== 0;
    } else if (el.textContent !== name) {
      el.textContent = name;
    }
    if (role === 'link') {
      var href = UTF8ToString(hrefPtr);
      if (el.getAttribute('href') !== href) el.setAttribute('href', href);
      var target = (flags & 4) ? '_blank' : '_top';
      if (el.target !== target) el.target = target;
    }
    if (role === 'button' || role === 'radio' || role === 'checkbox') el.disabled = (flags & 1) !== 0;
    if (role === 'button') {
      // Another mirrored item that says why the button is disabled.
      var describedBy = UTF8ToString(hrefPtr);
      if (describedBy) { if (el.getAttribute('aria-describedby') !== 'pw-a11y-' + describedBy) el.setAttribute('aria-describedby', 'pw-a11y-' + describedBy); }
      else if (el.hasAttribute('aria-describedby')) el.removeAttribute('aria-describedby');
    }
    var st = el.style, px = function (v) { return v + 'px'; };
    if (st.left !== px(x)) st.left = px(x);
    if (st.top !== px(y)) st.top = px(y);
    if (st.width !== px(w)) st.width = px(w);
    if (st.height !== px(h)) st.height = px(h);
    pwA11y.seen[key] = pwA11y.order.length;
    pwA11y.order.push(el);
  },
  pw_a11y_commit__deps: ['$pwA11y', '$pwInputs'],
  pw_a11y_commit: function () {
    var root = document.getElementById('pw-a11y');
    if (root) {
      // One container, DOM order = visual order = Tab order, for the mirror
      // AND the text inputs (wasm/kit/js/text_inputs.js places those): each shown
      // input goes before the first mirror element below it (or on its row,
      // to its right).
      var order = pwA11y.order.slice();
      var inputs = [];
      for (var iid in pwInputs.byId) {
        var input = pwInputs.byId[iid];
        if (input.style.display !== 'none') inputs.push(input);
      }
      var top = function (el) { return parseFloat(el.style.top) || 0; };
      var left = function (el) { return parseFloat(el.style.left) || 0; };
      var before = function (a, b) {  // a is visually before b
        var dy = top(a) - top(b);
        return Math.abs(dy) > 4 ? dy < 0 : left(a) < left(b);
      };
      inputs.sort(function (a, b) { return before(a, b) ? -1 : (before(b, a) ? 1 : 0); });
      inputs.forEach(function (input) {
        var at = order.length;
        for (var k = 0; k < order.length; k++) {
          if (order[k].pwRole !== 'input' && before(input, order[k])) { at = k; break; }
        }
        // Keep inputs that are already ordered among themselves.
        input.pwRole = 'input';
        order.splice(at, 0, input);
      });
      // Walk the wanted order with a cursor over the DOM. The focused element
      // is never moved (moving it drops focus, and a payer typing in it
      // would type into nothing): what stands before it goes to the end
      // instead, to be put in place later in the walk (or to stay there
      // hidden, or be removed below).
      var focused = document.activeElement;
      var cursor = root.firstChild;
      for (var i = 0; i < order.length; i++) {
        var el = order[i];
        if (el === cursor) { cursor = cursor.nextSibling; continue; }
        if (el === focused && el.parentNode === root) {
          while (cursor && cursor !== el) { var next = cursor.nextSibling; root.appendChild(cursor); cursor = next; }
          cursor = el.nextSibling;
          continue;
        }
        root.insertBefore(el, cursor);
      }
    }
    for (var key in pwA11y.byId) {
      if (!(key in pwA11y.seen)) { pwA11y.byId[key].remove(); delete pwA11y.byId[key]; }
    }
    pwA11y.order = [];
    pwA11y.seen = {};
  },
  pw_a11y_focus__deps: ['$pwA11y'],
  pw_a11y_focus: function (idPtr) {
    var el = pwA11y.byId[UTF8ToString(idPtr)];
    if (el && el.focus) el.focus();
  },
  pw_announce: function (textPtr, assertive) {
    var live = document.getElementById(assertive ? 'pw-alert' : 'pw-status');
    var other = document.getElementById(assertive ? 'pw-status' : 'pw-alert');
    if (!live) return;
    // The other region's sentence is stale now (a decline message must not
    // linger after the retry succeeded).
    if (other) other.textContent = '';
    // Clear first so repeating the same sentence is announced again.
    live.textContent = '';
    var text = UTF8ToString(textPtr);
    setTimeout(function () { live.textContent = text; }, 30);
  },
});
