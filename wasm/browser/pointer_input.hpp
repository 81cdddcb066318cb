// Mouse and touch on the canvas, fed to ImGui 1.86 (which has no event
// queue: it samples io.MousePos / io.MouseDown once per frame). A press and
// release that arrive between two frames would be lost, so transitions are
// queued and applied one per frame; more_pending() tells the frame loop to
// keep going until the queue is empty. Keyboard input never goes to ImGui:
// text lives in DOM inputs and Tab/Enter/Space act on the accessibility
// mirror's DOM elements. Browser only.
#pragma once

#include <functional>

namespace pwui {

// Starts listening on `selector`; `on_event` requests a frame.
void pointer_input_init(const char* selector, std::function<void()> on_event);
// Applies the next queued transition (or the latest position) to ImGui's io.
void pointer_input_apply();
bool pointer_input_pending();
// Shows ImGui's wanted cursor (arrow, hand over buttons) on the canvas.
void pointer_input_update_cursor();

}  // namespace pwui
