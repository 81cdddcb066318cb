// Render on demand. Nothing is drawn while nothing changes: a frame is
// requested by input, a state change, a response, a resize or an option
// change, and is followed by a few settle frames (ImGui lays out with the
// previous frame's sizes, so a change needs up to two more frames to come to
// rest). An animation (the submit spinner) keeps frames coming only while it
// says so. Counters for tests and scripts/bench: Module.pwStats() in JS
// (frames, WebGL draw calls actually issued, CPU ms per frame).
#pragma once

#include <functional>
#include <string_view>

namespace pwui {

class FrameLoop {
public:
    // `draw` renders one frame.
    explicit FrameLoop(std::function<void()> draw);

    // Installs the WebGL draw-call counter on the context and Module.pwStats.
    void install_stats(int webgl_context);

    // At least one more frame, then `settle` more.
    void request(int settle = 2);
    // True while something animates: one frame per display refresh.
    void set_animating(bool animating);

    // Called by main.cpp after each frame with what tests want to see.
    void note_frame(double cpu_ms, float height, std::string_view stage);

    bool idle() const { return !scheduled_; }

    // The first frame waits for release(), at most `max_ms`. Drawn before
    // the invoice is in, it is a skeleton that costs as much as the real
    // screen (the font atlas, the shaders, and on software WebGL the
    // compositor reading the canvas back), and the invoice's answer, read
    // on the same main thread, waits behind it: then a second full frame.
    // Requests made meanwhile are kept and drawn on release.
    void hold(double max_ms);
    void release();

    // A start-up milestone for scripts/bench (performance.mark 'pw:<name>').
    static void mark(const char* name);

private:
    void schedule();
    static int on_animation_frame(double time, void* self);

    std::function<void()> draw_;
    int pending_ = 0;
    bool animating_ = false;
    bool scheduled_ = false;
    bool in_frame_ = false;
    bool held_ = false;
    bool drawn_ = false;
    long hold_timer_ = 0;
};

}  // namespace pwui
