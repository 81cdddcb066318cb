#include "services/recovery.hpp"

#include <cstdio>

#include "services/payments.hpp"
#include "services/reserved_call.hpp"
#include "services/settlement.hpp"

namespace pws {

RecoveryReport recover_reserved_payments(App& app) {
    RecoveryReport report;
    std::vector<PaymentRecord> reserved;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<std::vector<PaymentRecord>> r = t.payments_in_state(PaymentState::reserved, 100000);
        if (!r.ok()) return r.error;
        reserved = std::move(r.value);
        return {};
    });
    if (e) {
        std::fprintf(stderr, "recovery: cannot list reserved payments: %s\n", e.code.c_str());
        return report;
    }
    for (const PaymentRecord& p : reserved) {
        pw::Result<std::optional<ChargeOutcome>> seen = app.processor->lookup(p.charge_key);
        if (!seen.ok()) {
            std::fprintf(stderr, "recovery: payment %s left reserved: lookup failed (%s)\n", p.id.c_str(),
                         seen.error.code.c_str());
            ++report.left;
            continue;
        }
        pw::Error we;
        if (seen.value) {
            we = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
                pw::Result<nlohmann::json> r = settle_reserved(app, t, p, *seen.value);
                return r.ok() ? pw::Error{} : r.error;
            });
            if (!we) ++report.settled;
        } else {
            we = release_reserved_payment(*app.store, p, app.now());
            if (!we) ++report.released;
        }
        if (we) {
            std::fprintf(stderr, "recovery: payment %s: %s\n", p.id.c_str(), we.code.c_str());
            ++report.left;
        }
    }
    reconcile_processing_payments(app);
    std::fprintf(stderr, "recovery: %zu settled, %zu released, %zu left\n", report.settled, report.released,
                 report.left);
    return report;
}

}  // namespace pws
