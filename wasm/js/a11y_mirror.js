// wasm/a11y_mirror.cpp's DOM side: one real, focusable element per
// interactive ImGui item, in visual order, placed exactly over the item so
// the browser's own focus ring (CSS :focus-visible) marks it. The elements
// are transparent and let the mouse through to the canvas; keyboard and
// assistive technology act on them, and an activation reaches the widget as
// _pw_on_a11y_activate(id). Headings and static text are mirrored too (as
// role "heading"/"text") so a screen reader can read the invoice.
mergeInto(LibraryManager.library, {
  $pwA11y: { byId: {}, order: [], seen: {} },
  pw_a11y_item__deps: ['$pwA11y'],
  pw_a11y_item: function (idPtr, rolePtr, namePtr, hrefPtr, x, y, w, h, flags, level) {
    var id = UTF8ToString(idPtr), role = UTF8ToString(rolePtr), name = UTF8ToString(namePtr);
    var key = id;
    var el = pwA11y.byId[key];
    if (el && el.pwRole !== role) { el.remove(); el = null; }
    if (!el) {
      var activate = function () { var a = allocateUTF8(id); _pw_on_a11y_activate(a); _free(a); };
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
      el.pwRole = role;
      el.addEventListener('focus', function () { var a = allocateUTF8(id); _pw_on_a11y_focus(a, 1); _free(a); });
      el.addEventListener('blur', function () { var a = allocateUTF8(id); _pw_on_a11y_focus(a, 0); _free(a); });
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
    }
    if (role === 'button' || role === 'radio' || role === 'checkbox') el.disabled = (flags & 1) !== 0;
    var st = el.style, px = function (v) { return v + 'px'; };
    if (st.left !== px(x)) st.left = px(x);
    if (st.top !== px(y)) st.top = px(y);
    if (st.width !== px(w)) st.width = px(w);
    if (st.height !== px(h)) st.height = px(h);
    pwA11y.seen[key] = pwA11y.order.length;
    pwA11y.order.push(el);
  },
  pw_a11y_commit__deps: ['$pwA11y'],
  pw_a11y_commit: function () {
    var root = document.getElementById('pw-a11y');
    if (root) {
      // DOM order = visual order = Tab order. Only move what is out of place
      // so focus is not lost by re-inserting the focused element.
      for (var i = 0; i < pwA11y.order.length; i++) {
        var el = pwA11y.order[i];
        if (root.children[i] !== el) root.insertBefore(el, root.children[i] || null);
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
    if (!live) return;
    // Clear first so repeating the same sentence is announced again.
    live.textContent = '';
    var text = UTF8ToString(textPtr);
    setTimeout(function () { live.textContent = text; }, 30);
  },
});
