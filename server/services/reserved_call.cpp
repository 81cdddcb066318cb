#include "services/reserved_call.hpp"

#include "services/reservation_lease.hpp"

namespace pws {

pw::Error release_reservation(Store& store, const std::function<pw::Error(WriteTxn&)>& mark_released,
                              const std::string& idem_scope, const std::string& idem_key) {
    return store.write_transaction([&](WriteTxn& t) -> pw::Error {
        if (pw::Error e = mark_released(t)) return e;
        if (idem_key.empty()) return {};
        return t.drop_idempotency(idem_scope, idem_key);
    });
}

namespace {

pw::Error mark_payment_released(WriteTxn& t, const PaymentRecord& p, UnixTime now) {
    PaymentUpdate u;
    u.state = PaymentState::released;
    u.updated_at = now;
    return t.update_payment(p.id, PaymentState::reserved, u);
}

}  // namespace

pw::Error release_reserved_payment(Store& store, const PaymentRecord& p, UnixTime now) {
    return release_reservation(
        store, [&](WriteTxn& t) { return mark_payment_released(t, p, now); }, p.idem_scope, p.idem_key);
}

pw::Error release_lapsed_payment(Store& store, const PaymentRecord& p, UnixTime now) {
    return release_reservation(
        store,
        [&](WriteTxn& t) -> pw::Error {
            Result<PaymentRecord> cur = t.payment(p.id);
            if (!cur.ok()) return cur.error;
            if (!lease_lapsed(cur.value.lease, now))
                return pw::make_error("state_conflict", "payment", "Its owner renewed the lease.");
            return mark_payment_released(t, p, now);
        },
        p.idem_scope, p.idem_key);
}

}  // namespace pws
