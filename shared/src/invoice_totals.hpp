// Internal to invoice*.cpp: the one place where an invoice's totals are
// derived, used both to recompute them and to verify stated ones.
#pragma once

#include "paywidget/invoice.hpp"

namespace pw::detail {

// Derives subtotal, tax, total, amount_paid, balance and status, in that
// order. verify = false: overwrites them in `inv`. verify = true: leaves
// `inv` unchanged and reports the first stated value that differs
// (inconsistent_total / inconsistent_status, field = that total). Both
// modes report amount_overflow, discount_too_large, overpaid and
// refund_too_large.
Error settle_totals(Invoice& inv, bool verify);

}  // namespace pw::detail
