#include "services/console_clients.hpp"

namespace pws {

pw::Result<std::vector<Client>> search_clients(App& app, std::string_view practice_id, std::string_view text) {
    using R = pw::Result<std::vector<Client>>;
    text = text.substr(0, kMaxClientSearchChars);
    std::vector<Client> out;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.search_practice_clients(practice_id, text, kMaxClientResults);
        if (!found) return found.error;
        out = std::move(found.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(out));
}

namespace {

// The client, when it is the practice's: read inside the caller's snapshot.
pw::Error read_practice_client(ReadTxn& t, std::string_view practice_id, std::string_view id, Client& out) {
    auto c = t.client(id);
    if (!c) return c.error;
    if (c.value.practice_id != practice_id) return pw::make_error("not_found", "client", "");
    out = std::move(c.value);
    return {};
}

}  // namespace

pw::Result<Client> practice_client(App& app, std::string_view practice_id, std::string_view id) {
    using R = pw::Result<Client>;
    Client found;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) { return read_practice_client(t, practice_id, id, found); });
    if (e) return R::failure(e);
    return R::success(std::move(found));
}

pw::Result<ClientOverview> client_overview(App& app, std::string_view practice_id, std::string_view id) {
    using R = pw::Result<ClientOverview>;
    ClientOverview o;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        if (pw::Error c = read_practice_client(t, practice_id, id, o.client)) return c;
        auto invited = t.last_portal_invitation(o.client.id);
        if (!invited) return invited.error;
        o.invited_at = invited.value;
        auto invoices = t.client_invoices(o.client.id, InvoiceFilter::all);
        if (!invoices) return invoices.error;
        o.invoices = std::move(invoices.value);
        auto payments = t.client_payments(o.client.id);
        if (!payments) return payments.error;
        o.payments = std::move(payments.value);
        auto cards = t.saved_methods(o.client.id);
        if (!cards) return cards.error;
        o.cards = std::move(cards.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(o));
}

}  // namespace pws
