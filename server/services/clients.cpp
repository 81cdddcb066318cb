#include "services/clients.hpp"

#include "auth/password_cost.hpp"
#include "security/random.hpp"

namespace pws {

namespace {

pw::Result<Client> create_client_logged(App& app, const Practice& practice, const pw::CreateClientRequest& req,
                                        const std::string& phone, const Actor* actor) {
    using R = pw::Result<Client>;
    Client c;
    c.id = random_id("cli_");
    c.practice_id = practice.id;
    c.name = req.name;
    c.email = req.email;
    c.phone = phone;
    c.locale = req.locale;  // the codec took only a supported locale
    c.created_at = app.now();
    if (!req.portal_password.empty()) {
        // Hash before the transaction: Argon2id is deliberately slow.
        std::optional<std::string> hash = hash_password(req.portal_password, password_cost(app));
        if (!hash) return R::failure("invalid_value", "portal_password", "This password cannot be used. Choose another.");
        c.password_hash = std::move(*hash);
    }
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        // The UNIQUE rule decides under concurrency; the lookup gives the
        // clear answer in the common case.
        if (auto existing = t.client_by_email(practice.id, c.email); existing.ok())
            return pw::make_error("email_taken", "email", "");
        if (pw::Error i = t.insert_client(c)) return i;
        if (!actor) return {};
        return record_activity(t, app, practice.id, *actor, "client.created", c.id,
                               "Added client " + c.name + " (" + c.email + ")");
    });
    if (e.code == "already_exists") return R::failure("email_taken", "email", "");
    if (e) return R::failure(e);
    return R::success(std::move(c));
}

}  // namespace

pw::Result<Client> create_client(App& app, const Practice& practice, const pw::CreateClientRequest& req,
                                 const std::string& phone) {
    return create_client_logged(app, practice, req, phone, nullptr);
}

pw::Result<Client> create_client(App& app, const Practice& practice, const pw::CreateClientRequest& req,
                                 const std::string& phone, const Actor& actor) {
    return create_client_logged(app, practice, req, phone, &actor);
}

}  // namespace pws
