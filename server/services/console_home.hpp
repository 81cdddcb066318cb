// What the console's Home page shows, read in one snapshot:
//   due           money still due (open + partially paid), per currency
//   paid_month    payments that succeeded this calendar month (UTC), per currency
//   recent        the latest payments (any state)
//   attention     unpaid invoices overdue or due within kDueSoonDays, soonest first
// Amounts are integer minor units in each invoice's currency; the page
// formats them with the one money formatter.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/app.hpp"

namespace pws {

inline constexpr int kDueSoonDays = 7;
inline constexpr std::size_t kRecentPayments = 5;

struct ConsoleHome {
    std::map<std::string, std::int64_t> due;         // currency -> minor units
    std::map<std::string, std::int64_t> paid_month;  // currency -> minor units
    std::vector<HistoryEntry> recent;
    std::vector<InvoiceView> attention;  // overdue first (by due date)
};

pw::Result<ConsoleHome> console_home(App& app, std::string_view practice_id);

}  // namespace pws
