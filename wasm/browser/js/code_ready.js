// Calls from the page into the widget (pointer, mirror, text inputs,
// options, context restore) go through pwWhenCodeReady: web/embed.js holds
// them, in order, until the deferred code has arrived, so an early press
// never reaches a function that is still a placeholder (wasm/README.md
// "Deferred code"). Without that hook they run at once.
mergeInto(LibraryManager.library, {
  $pwWhenCodeReady: function (fn) {
    var when = Module['pwWhenCodeReady'];
    if (when) when(fn); else fn();
  },
});
