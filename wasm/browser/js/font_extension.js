// wasm/browser/font_extension.cpp's DOM side: the fonts' extension through
// web/embed.js's Module.pwFontExtension() (one request per file and page,
// started early when the payer's language needs it). Always ends in exactly
// one call of _pw_font_extension_done: both files' bytes copied into the
// wasm's memory (the C++ side owns them from then on), or zeros when they
// could not be had. Module.pwFontExtensionState says where it stands
// ('loading', 'loaded', 'failed'; unset while nothing asked for it), for
// tests and scripts/bench.
mergeInto(LibraryManager.library, {
  pw_fetch_font_extension: function () {
    Module['pwFontExtensionState'] = 'loading';
    var finish = function (files) {
      var ok = !!files && files.length === 2;
      Module['pwFontExtensionState'] = ok ? 'loaded' : 'failed';
      if (!ok) { _pw_font_extension_done(0, 0, 0, 0); return; }
      var ptrs = files.map(function (buffer) {
        var bytes = new Uint8Array(buffer);
        var p = _malloc(bytes.length);
        HEAPU8.set(bytes, p);
        return [p, bytes.length];
      });
      _pw_font_extension_done(ptrs[0][0], ptrs[0][1], ptrs[1][0], ptrs[1][1]);
    };
    var load = Module['pwFontExtension'];
    if (typeof load !== 'function') { finish(null); return; }
    Promise.resolve(load()).then(finish, function () { finish(null); });
  },
});
