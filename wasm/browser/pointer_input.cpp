// See pointer_input.hpp.
#include "pointer_input.hpp"

#include <cfloat>
#include <deque>
#include <utility>

#include <emscripten/emscripten.h>

#include "imgui.h"

extern "C" void pw_set_cursor(int pointer);
extern "C" void pw_pointer_listen(const char* selector);

namespace pwui {

namespace {
struct PointerEvent {
    float x = 0, y = 0;
    int button_change = 0;  // +1 down, -1 up, 0 move
};

std::deque<PointerEvent> g_queue;
std::function<void()> g_on_event;
bool g_down = false;
int g_cursor = -1;

void push(float x, float y, int change) {
    // Consecutive moves collapse into the latest: only clicks must be kept.
    if (change == 0 && !g_queue.empty() && g_queue.back().button_change == 0) g_queue.back() = {x, y, 0};
    else g_queue.push_back({x, y, change});
    if (g_on_event) g_on_event();
}

}  // namespace

// js/pointer_input.js: a position in CSS pixels from the canvas's top left
// corner; change +1 press, -1 release, 0 move, 2 the pointer left.
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_pointer(int change, float x, float y) {
    if (change == 2) push(-FLT_MAX, -FLT_MAX, 0);
    else push(x, y, change);
}

void pointer_input_init(const char* selector, std::function<void()> on_event) {
    g_on_event = std::move(on_event);
    pw_pointer_listen(selector);
}

void pointer_input_apply() {
    ImGuiIO& io = ImGui::GetIO();
    if (g_queue.empty()) {
        io.MouseDown[0] = g_down;
        return;
    }
    const PointerEvent e = g_queue.front();
    g_queue.pop_front();
    io.MousePos = ImVec2(e.x, e.y);
    if (e.button_change > 0) g_down = true;
    if (e.button_change < 0) g_down = false;
    io.MouseDown[0] = g_down;
}

bool pointer_input_pending() { return !g_queue.empty(); }

void pointer_input_update_cursor() {
    const int pointer = ImGui::GetMouseCursor() == ImGuiMouseCursor_Hand ? 1 : 0;
    if (pointer == g_cursor) return;
    g_cursor = pointer;
    pw_set_cursor(pointer);
}

}  // namespace pwui
