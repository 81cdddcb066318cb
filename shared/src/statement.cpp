#include "paywidget/statement.hpp"

#include "paywidget/money.hpp"

namespace pw {

Statement statement_rows(const Invoice& inv) {
    Statement out;
    out.lines.reserve(inv.items.size());
    for (const LineItem& item : inv.items) {
        const Result<std::int64_t> line = checked_mul(item.quantity, item.unit_amount);
        out.lines.push_back({item.description, item.quantity, item.unit_amount,
                             line.ok() ? line.value : kMaxAmountMinor, item.tax});
    }
    out.totals.push_back({"subtotal", "Subtotal", inv.subtotal});
    if (inv.tax > 0) out.totals.push_back({"tax", "Tax", inv.tax});
    if (inv.discount > 0) out.totals.push_back({"discount", "Discount", -inv.discount});
    out.totals.push_back({"total", "Total", inv.total});
    return out;
}

}  // namespace pw
