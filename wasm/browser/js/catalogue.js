// wasm/browser/catalogue_loader.cpp's DOM side: a language's catalogue file through
// web/embed.js's Module.pwCatalogue(locale) (one request per file and page,
// usually started before the wasm arrived). Always ends in exactly one call
// of _pw_catalogue_done(id, text), text 0 (null) when there is no file.
mergeInto(LibraryManager.library, {
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
});
