#include "services/clients.hpp"

#include "auth/password_cost.hpp"
#include "security/random.hpp"

namespace pws {

pw::Result<Client> create_client(App& app, const Practice& practice, const pw::CreateClientRequest& req,
                                 const std::string& phone) {
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
        return t.insert_client(c);
    });
    if (e.code == "already_exists") return R::failure("email_taken", "email", "");
    if (e) return R::failure(e);
    return R::success(std::move(c));
}

}  // namespace pws
