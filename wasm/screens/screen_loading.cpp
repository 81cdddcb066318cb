// The loading skeleton: the review screen's shapes in a flat placeholder
// color, so nothing jumps when the invoice arrives. Static (no shimmer):
// an idle page draws no frames, and motion-sensitive payers are spared.
#include "imgui.h"
#include "screens.hpp"

namespace pwui {

void draw_loading(Ui& ui) {
    ui.a11y.add(A11yItem{"loading", Role::text, ui.fmt.t("widget.loading"), "",
                         Rect{ui.left, cursor_y(), ui.width, 20}});
    skeleton_bar(ui, ui.width * 0.45f, 16);
    gap(ui, 8);
    skeleton_bar(ui, ui.width * 0.6f, 14);
    gap(ui, 24);
    skeleton_bar(ui, 90, 14);
    gap(ui, 10);
    skeleton_bar(ui, 150, 32);
    gap(ui, 10);
    skeleton_bar(ui, 120, 14);
    gap(ui, 24);
    skeleton_bar(ui, ui.width, kPrimaryHeight);  // Pay Now
    gap(ui, 24);
    Panel p = panel_begin(ui, 16);
    for (int i = 0; i < 3; ++i) {
        if (i) gap(ui, 14);
        skeleton_bar(ui, ui.width * (i == 2 ? 0.5f : 0.7f), 16);
    }
    panel_end(ui, p);
}

}  // namespace pwui
