#include "services/client_cards.hpp"

#include "paywidget/api.hpp"

namespace pws {

pw::Error remove_client_card(App& app, const Client& client, std::string_view method_id, const Actor& actor,
                             std::string_view reason) {
    const UnixTime now = app.now();
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto m = t.saved_method(method_id);
        if (!m) return m.error;
        if (m.value.client_id != client.id || m.value.removed_at) return pw::make_error("not_found", "payment_method", "");
        if (pw::Error e = t.remove_saved_method(client.id, method_id, now)) return e;
        // The label payers read everywhere (the core's), never more of the card.
        std::string detail = "Removed " + pw::method_label({m.value.kind, m.value.brand, m.value.last4}) + " from " +
                             client.name + "'s saved cards";
        if (!reason.empty()) detail += ". Reason: " + std::string(reason);
        return record_activity(t, app, client.practice_id, actor, "payment_method.removed", m.value.id, detail);
    });
}

}  // namespace pws
