#include "services/one_time_tokens.hpp"

#include "auth/password_cost.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"

namespace pws {

pw::Result<IssuedToken> issue_one_time_token(App& app, const std::string& client_id, OneTimePurpose purpose,
                                             UnixTime lifetime) {
    using R = pw::Result<IssuedToken>;
    IssuedToken out;
    out.token = random_token();
    OneTimeToken t;
    t.token_hash = hash_token(app.secret, out.token);
    t.client_id = client_id;
    t.purpose = purpose;
    t.created_at = app.now();
    t.expires_at = t.created_at + lifetime;
    out.expires_at = t.expires_at;
    if (pw::Error e = app.store->write_transaction([&](WriteTxn& w) { return w.insert_one_time_token(t); }))
        return R::failure(e);
    return R::success(std::move(out));
}

pw::Result<Client> redeem_one_time_token(App& app, const std::string& token, OneTimePurpose purpose,
                                         const std::string& password) {
    using R = pw::Result<Client>;
    if (token.empty() || token.size() > 256) return R::failure("invitation_invalid", "token", "");
    // Hash first: Argon2id must not run inside the write transaction.
    std::optional<std::string> hash = hash_password(password, password_cost(app));
    if (!hash) return R::failure("invalid_value", "password", "This password cannot be used. Choose another.");
    const std::string token_hash = hash_token(app.secret, token);
    const UnixTime now = app.now();
    Client client;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto used = t.consume_one_time_token(token_hash, purpose, now);
        if (!used) {
            const std::string& c = used.error.code;
            if (c == "token_unknown" || c == "token_used" || c == "token_expired")
                return pw::make_error("invitation_invalid", "token", "");
            return used.error;
        }
        if (pw::Error s = t.set_client_password(used.value.client_id, *hash)) return s;
        // A reset means the old password may be known to someone else: end
        // every session it opened.
        if (purpose == OneTimePurpose::password_reset)
            if (pw::Error d = t.delete_client_sessions(used.value.client_id)) return d;
        auto c = t.client(used.value.client_id);
        if (!c) return c.error;
        client = std::move(c.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(client));
}

}  // namespace pws
