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
    t.token_hash = hash_token(app.secret, KeyUse::one_time_token, out.token);
    t.client_id = client_id;
    t.purpose = purpose;
    t.created_at = app.now();
    t.expires_at = t.created_at + lifetime;
    out.expires_at = t.expires_at;
    pw::Error e = app.store->write_transaction([&](WriteTxn& w) -> pw::Error {
        // Only the newest invitation works. Reset links are not voided here:
        // anyone who knows the email can ask for one, and must not be able
        // to kill the link the owner is about to use; they all die when the
        // password changes (redeem_one_time_token).
        if (purpose == OneTimePurpose::invitation)
            if (pw::Error v = w.void_one_time_tokens(client_id, purpose, t.created_at)) return v;
        return w.insert_one_time_token(t);
    });
    if (e) return R::failure(e);
    return R::success(std::move(out));
}

pw::Result<Client> redeem_one_time_token(App& app, const std::string& token, OneTimePurpose purpose,
                                         const std::string& password) {
    using R = pw::Result<Client>;
    if (token.empty() || token.size() > 256) return R::failure("invitation_invalid", "token", "");
    // The hash it is stored under (current key, or one from before a
    // rotation), found by the lookup below.
    std::string token_hash;
    // Look the token up first: a guessed, used or expired token must not
    // cost a 64 MiB Argon2id hash. The write transaction checks it again.
    if (pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            auto found = find_by_token(app.secret, KeyUse::one_time_token, token, "not_found",
                                       [&](const std::string& h) {
                                           token_hash = h;
                                           return t.one_time_token(h);
                                       });
            if (!found) return found.error.code == "not_found" ? pw::make_error("invitation_invalid", "token", "")
                                                               : found.error;
            const OneTimeToken& ott = found.value;
            if (ott.purpose != purpose || ott.used_at || app.now() >= ott.expires_at)
                return pw::make_error("invitation_invalid", "token", "");
            return {};
        }))
        return R::failure(e);
    // Hash before the write transaction: Argon2id must not run inside it.
    std::optional<std::string> hash = hash_password(password, password_cost(app));
    if (!hash) return R::failure("invalid_value", "password", "This password cannot be used. Choose another.");
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
        // A new password means the old one (or an older link) may be known
        // to someone else: end every session it opened and void every
        // pending link. The caller then opens the one new session.
        if (pw::Error d = t.delete_client_sessions(used.value.client_id)) return d;
        if (pw::Error v = t.void_one_time_tokens(used.value.client_id, std::nullopt, now)) return v;
        auto c = t.client(used.value.client_id);
        if (!c) return c.error;
        client = std::move(c.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(client));
}

}  // namespace pws
