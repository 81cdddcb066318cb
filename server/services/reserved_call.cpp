#include "services/reserved_call.hpp"

namespace pws {

pw::Error release_reservation(Store& store, const std::function<pw::Error(WriteTxn&)>& mark_released,
                              const std::string& idem_scope, const std::string& idem_key) {
    return store.write_transaction([&](WriteTxn& t) -> pw::Error {
        if (pw::Error e = mark_released(t)) return e;
        if (idem_key.empty()) return {};
        return t.drop_idempotency(idem_scope, idem_key);
    });
}

pw::Error release_reserved_payment(Store& store, const PaymentRecord& p, UnixTime now) {
    return release_reservation(
        store,
        [&](WriteTxn& t) {
            PaymentUpdate u;
            u.state = PaymentState::released;
            u.updated_at = now;
            return t.update_payment(p.id, PaymentState::reserved, u);
        },
        p.idem_scope, p.idem_key);
}

}  // namespace pws
