#include "services/console_home.hpp"

#include <algorithm>

namespace pws {

namespace {

// The first second of the current calendar month (UTC).
UnixTime month_start(const App& app) {
    pw::Date d = app.today();
    d.day = 1;
    return static_cast<UnixTime>(pw::days_from_civil(d)) * 86400;
}

}  // namespace

pw::Result<ConsoleHome> console_home(App& app, std::string_view practice_id) {
    using R = pw::Result<ConsoleHome>;
    ConsoleHome home;
    const pw::Date today = app.today();
    const pw::Date soon = pw::civil_from_days(pw::days_from_civil(today) + kDueSoonDays);
    const UnixTime since = month_start(app);
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto paid = t.practice_paid_since(practice_id, since);
        if (!paid) return paid.error;
        for (const pw::Money& m : paid.value) home.paid_month[m.currency] += m.minor;
        // Only invoices that may still have something due: the core decides.
        auto invoices = t.practice_unpaid_invoices(practice_id);
        if (!invoices) return invoices.error;
        for (InvoiceView& v : invoices.value) {
            const pw::InvoiceStatus s = v.invoice.status;
            if (s != pw::InvoiceStatus::open && s != pw::InvoiceStatus::partially_paid) continue;
            home.due[v.invoice.currency] += v.invoice.balance;
            if (!(soon < v.invoice.due_date)) home.attention.push_back(std::move(v));
        }
        std::stable_sort(home.attention.begin(), home.attention.end(), [](const InvoiceView& a, const InvoiceView& b) {
            return a.invoice.due_date < b.invoice.due_date;
        });
        auto recent = t.practice_payments(practice_id, kRecentPayments);
        if (!recent) return recent.error;
        home.recent = std::move(recent.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(home));
}

}  // namespace pws
