// wasm/browser/frame_loop.cpp's counters, read by tests and scripts/bench through
// Module.pwStats(): frames drawn, WebGL draw calls actually issued (counted
// by wrapping the context's draw functions, not by trusting our own code),
// and the CPU time of the last frame.
mergeInto(LibraryManager.library, {
  $pwCounters: { frames: 0, drawCalls: 0, lastFrameMs: 0, totalFrameMs: 0, height: 0, stage: '' },
  pw_stats_install__deps: ['$pwCounters', '$GL'],
  pw_stats_install: function (ctxHandle) {
    var gl = GL.getContext(ctxHandle).GLctx;
    ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced', 'drawRangeElements']
      .forEach(function (name) {
        var original = gl[name];
        if (typeof original !== 'function') return;
        gl[name] = function () { pwCounters.drawCalls++; return original.apply(gl, arguments); };
      });
    Module['pwStats'] = function () {
      return {
        frames: pwCounters.frames, drawCalls: pwCounters.drawCalls,
        lastFrameMs: pwCounters.lastFrameMs, totalFrameMs: pwCounters.totalFrameMs,
        height: pwCounters.height, stage: pwCounters.stage,
      };
    };
  },
  pw_stats_frame__deps: ['$pwCounters'],
  pw_stats_frame: function (ms, height, stagePtr) {
    pwCounters.frames++;
    pwCounters.lastFrameMs = ms;
    pwCounters.totalFrameMs += ms;
    pwCounters.height = height;
    pwCounters.stage = UTF8ToString(stagePtr);
  },
  pw_now_ms: function () { return performance.now(); },
  // A named point of the start-up (performance.mark('pw:<name>')), read by
  // scripts/bench's start-up split; nothing else depends on it.
  pw_mark: function (namePtr) {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark('pw:' + UTF8ToString(namePtr));
  },
});
