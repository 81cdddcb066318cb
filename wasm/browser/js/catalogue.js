// wasm/browser/catalogue_loader.cpp's DOM side: a language's catalogue file through
// web/embed.js's Module.pwCatalogue(locale) (one request per file and page,
// usually started before the wasm arrived). Always ends in exactly one call
// of _pw_catalogue_done(id, text), text 0 (null) when there is no file.
mergeInto(LibraryManager.library, {
  // Module.pwAddCatalogue(text) for web/embed.js: a rest file handed to the
  // core (wasm/browser/catalogue_loader.hpp); true when it was taken.
  pw_fetch_catalogue__postset: "Module['pwAddCatalogue'] = function (text) {" +
    " var p = allocateUTF8(text); var ok = _pw_catalogue_add(p); _free(p); return ok === 1; };",
  pw_fetch_catalogue: function (id, localePtr) {
    var locale = UTF8ToString(localePtr);
    var finish = function (text) {
      var p = typeof text === 'string' ? allocateUTF8(text) : 0;
      _pw_catalogue_done(id, p);
      if (p) _free(p);
    };
    var load = Module['pwCatalogue'];
    if (typeof load !== 'function') { finish(null); return; }
    Promise.resolve(load(locale)).then(finish, function () { finish(null); });
  },
  // tools/split/profile_widget.mjs sets window.pwMessagesAsked = [] to
  // learn which texts first visits ask for.
  pw_tracing_messages: function () { return Array.isArray(window['pwMessagesAsked']) ? 1 : 0; },
  pw_message_asked: function (id, size) { window['pwMessagesAsked'].push(UTF8ToString(id, size)); },
  // A text asked for before its file arrived: the first-visit list
  // (wasm/split/first-visit-messages.txt) lacks it. Shown as its id until
  // the file is in (then drawn again); loud, so the browser tests fail.
  pw_message_missing: function (id, size) {
    var name = UTF8ToString(id, size);
    if (pwMissingSeen[name]) return;
    pwMissingSeen[name] = true;
    console.error('paywidget: the text ' + name + ' was asked for before its file arrived; run ' +
      'tools/split/profile_widget.mjs to rewrite wasm/split/first-visit-messages.txt');
    var when = Module['pwWhenCodeReady'];
    if (when) when(function () {});  // starts the deferred fetch now
  },
  pw_message_missing__deps: ['$pwMissingSeen'],
  $pwMissingSeen: {},
});
