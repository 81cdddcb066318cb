// See frame_loop.hpp. Counters live in js/frame_loop.js.
#include "frame_loop.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

extern "C" {
void pw_stats_install(int ctx);
void pw_stats_frame(double ms, float height, const char* stage);
void pw_mark(const char* name);
}

namespace pwui {

FrameLoop::FrameLoop(std::function<void()> draw) : draw_(std::move(draw)) {}

void FrameLoop::install_stats(int webgl_context) { pw_stats_install(webgl_context); }

void FrameLoop::mark(const char* name) { pw_mark(name); }

void FrameLoop::request(int settle) {
    pending_ = std::max(pending_, 1 + settle);
    schedule();
}

void FrameLoop::set_animating(bool animating) {
    animating_ = animating;
    if (animating_) schedule();
}

void FrameLoop::hold(double max_ms) {
    held_ = true;
    hold_timer_ = emscripten_set_timeout([](void* self) { static_cast<FrameLoop*>(self)->release(); }, max_ms, this);
}

void FrameLoop::release() {
    if (!held_) return;
    held_ = false;
    emscripten_clear_timeout(hold_timer_);
    if (pending_ > 0 || animating_) schedule();
}

void FrameLoop::schedule() {
    // A request made while drawing is picked up at the end of that frame.
    if (scheduled_ || in_frame_ || held_) return;
    scheduled_ = true;
    emscripten_request_animation_frame(&FrameLoop::on_animation_frame, this);
}

int FrameLoop::on_animation_frame(double, void* p) {
    auto* self = static_cast<FrameLoop*>(p);
    self->scheduled_ = false;
    self->in_frame_ = true;
    if (self->pending_ > 0) --self->pending_;
    if (!self->drawn_) mark("frame");  // scripts/bench: the first frame starts
    self->drawn_ = true;
    self->draw_();
    self->in_frame_ = false;
    if (self->pending_ > 0 || self->animating_) self->schedule();
    return 0;  // one-shot: the next frame is requested explicitly
}

void FrameLoop::note_frame(double cpu_ms, float height, std::string_view stage) {
    const std::string s(stage);
    pw_stats_frame(cpu_ms, height, s.c_str());
}

}  // namespace pwui
