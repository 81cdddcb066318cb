// The console's CSV export of payments for bookkeeping (GET
// /console/payments.csv): UTF-8, RFC 4180 (CRLF, fields quoted when they
// hold a comma, quote or line break), one row per payment and one per
// succeeded refund, newest payment first with its refunds after it.
// Columns: type, date (ISO 8601 UTC), invoice, client, method, status,
// amount, currency, payment_id, refund_reason. The amount is the core's
// canonical decimal in the invoice currency (pw::format_money, no symbol,
// no grouping), negative for a refund.
//
// Spreadsheet formula injection: a text cell starting with = + - @ (or a
// tab or carriage return) gets a leading apostrophe so a spreadsheet shows
// it as text; the amount column is ours and numeric, so it is left alone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/records.hpp"

namespace pws {

// The most payments one export holds; the page asks for narrower filters
// beyond it (the whole file is built in memory: about 15 MB at this cap).
inline constexpr std::size_t kCsvMaxPayments = 100'000;

// The header row and every row, CRLF-terminated.
std::string payments_csv(const std::vector<HistoryEntry>& rows);

// One field as RFC 4180 writes it, neutralised against formula injection
// unless `numeric` (our own amounts).
std::string csv_field(std::string_view text, bool numeric = false);

}  // namespace pws
