// See pointer_input.hpp.
#include "pointer_input.hpp"

#include <cfloat>
#include <deque>
#include <utility>

#include <emscripten/html5.h>

#include "imgui.h"

extern "C" void pw_set_cursor(int pointer);

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

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    const float x = static_cast<float>(e->targetX), y = static_cast<float>(e->targetY);
    switch (type) {
        case EMSCRIPTEN_EVENT_MOUSEMOVE: push(x, y, 0); break;
        case EMSCRIPTEN_EVENT_MOUSEDOWN:
            if (e->button == 0) push(x, y, +1);
            break;
        case EMSCRIPTEN_EVENT_MOUSEUP:
            if (e->button == 0) push(x, y, -1);
            break;
        case EMSCRIPTEN_EVENT_MOUSELEAVE: push(-FLT_MAX, -FLT_MAX, 0); break;
        default: break;
    }
    return EM_FALSE;  // never swallow: text selection and focus stay the browser's
}
}  // namespace

void pointer_input_init(const char* selector, std::function<void()> on_event) {
    g_on_event = std::move(on_event);
    emscripten_set_mousemove_callback(selector, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mousedown_callback(selector, nullptr, EM_FALSE, on_mouse);
    // Releases outside the canvas still end the press.
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_FALSE, on_mouse);
    emscripten_set_mouseleave_callback(selector, nullptr, EM_FALSE, on_mouse);
    // Touch: browsers synthesize mousedown/mouseup/click after a tap, which
    // the queue above turns into one ImGui click.
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
