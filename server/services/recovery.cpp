#include "services/recovery.hpp"

#include <cstdio>

#include "services/payments.hpp"
#include "services/refunds.hpp"
#include "services/reserved_call.hpp"

namespace pws {

RecoveryReport recover_reserved_payments(App& app) {
    RecoveryReport report;
    std::vector<PaymentRecord> lapsed;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<std::vector<PaymentRecord>> r = t.payments_with_lapsed_lease(app.now(), kRecoveryBatch);
        if (!r.ok()) return r.error;
        lapsed = std::move(r.value);
        return {};
    });
    if (e) {
        std::fprintf(stderr, "recovery: cannot list reserved payments: %s\n", e.code.c_str());
        return report;
    }
    for (const PaymentRecord& p : lapsed) {
        // No call: whoever reserved it charged or not; only what the
        // processor recorded under the charge key decides.
        const ReservedCallEnd<nlohmann::json> end = run_reserved_call(ReservedCallSteps<ChargeOutcome, nlohmann::json>{
            .call = {},
            .lookup = [&] { return app.processor->lookup(p.charge_key); },
            .settle = [&](const ChargeOutcome& outcome) { return settle_reserved(app, p, outcome); },
            .release = [&] { return release_lapsed_payment(*app.store, p, app.now()); },
        });
        if (end.lookup_error) {
            std::fprintf(stderr, "recovery: payment %s left reserved: lookup failed (%s)\n", p.id.c_str(),
                         end.lookup_error.code.c_str());
            ++report.left;
        } else if (end.end == CallEnd::released) {
            ++report.released;
        } else if (end.end == CallEnd::settled && end.settled.ok()) {
            ++report.settled;
        } else {
            const pw::Error& we = end.end == CallEnd::settled ? end.settled.error : end.release_error;
            std::fprintf(stderr, "recovery: payment %s: %s\n", p.id.c_str(), we.code.c_str());
            ++report.left;
        }
    }
    return report;
}

void recover_lapsed_reservations(App& app) {
    const RecoveryReport r = recover_reserved_payments(app);
    if (r.settled + r.released + r.left > 0)
        std::fprintf(stderr, "recovery: %zu settled, %zu released, %zu left\n", r.settled, r.released, r.left);
    if (auto refunds = recover_refunds(app); !refunds)
        std::fprintf(stderr, "recovery: refunds: %s\n", refunds.error.code.c_str());
    else if (refunds.value > 0)
        std::fprintf(stderr, "recovery: %d refunds resolved\n", refunds.value);
}

}  // namespace pws
