// An invoice as a statement: its lines and the totals under them, the rows
// every rendering shows (the widget's review, the payment pages' invoice
// table, the invoice email), so the rules for which rows appear and what a
// line's amount is live once. No I/O, no errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "paywidget/invoice.hpp"

namespace pw {

struct StatementLine {
    std::string description;
    std::int64_t quantity = 1;
    std::int64_t unit_amount = 0;  // minor units
    std::int64_t amount = 0;       // quantity × unit_amount, before tax (tax has its own total row)
    std::int64_t tax = 0;          // this line's tax, shown next to it when > 0
};

struct StatementTotal {
    std::string_view id;     // "subtotal", "tax", "discount", "total"
    std::string_view label;  // "Subtotal", "Tax", "Discount", "Total"
    std::int64_t amount = 0; // signed: the discount is negative (it reduces the total)
};

struct Statement {
    std::vector<StatementLine> lines;
    // Subtotal; Tax only when the invoice has tax (> 0); Discount only when
    // it has one (> 0); Total.
    std::vector<StatementTotal> totals;
};

// The rows of `inv` (a decoded invoice: its sums are consistent and every
// quantity × unit_amount fits; a product that would not is clamped to the
// largest amount rather than wrapped).
Statement statement_rows(const Invoice& inv);

}  // namespace pw
