// The colour of each invoice status, everywhere a status is shown as a
// pill: the widget's header (wasm/screens/screen_common.cpp) and the pages' badges
// (web/pages/site.css --status-<id>-text / -bg, checked against this table
// by tests/unit/test_status_colors.cpp). "Partially paid" is amber in both,
// never amber in one and purple in the other; "Processing" (a bank debit
// covers the balance but has not settled) is blue, never the paid green. 0xRRGGBB; text on background
// has a contrast of at least 4.5:1.
#pragma once

#include <cstdint>

#include "paywidget/invoice.hpp"

namespace pw {

struct StatusColors {
    std::uint32_t text = 0;
    std::uint32_t background = 0;
};

// `dark`: the widget's dark theme (the pages have only the light one).
StatusColors status_colors(InvoiceStatus s, bool dark = false);

}  // namespace pw
