// See paywidget/status_colors.hpp.
#include "paywidget/status_colors.hpp"

namespace pw {

StatusColors status_colors(InvoiceStatus s, bool dark) {
    switch (s) {
        case InvoiceStatus::open: return dark ? StatusColors{0xc9c6ff, 0x2a2850} : StatusColors{0x4037c9, 0xeeedfd};
        case InvoiceStatus::partially_paid:
            return dark ? StatusColors{0xf5c26b, 0x3a2a10} : StatusColors{0x8a4b00, 0xfdf3e1};
        case InvoiceStatus::processing:
            return dark ? StatusColors{0x8cc8f2, 0x13263a} : StatusColors{0x1d5a8c, 0xe7f0f8};
        case InvoiceStatus::paid: return dark ? StatusColors{0x4cd69b, 0x12291f} : StatusColors{0x0e6245, 0xe6f4ee};
        case InvoiceStatus::void_: return dark ? StatusColors{0xa3a9bc, 0x1c1f2b} : StatusColors{0x5b6478, 0xf6f8fa};
    }
    return {};
}

}  // namespace pw
