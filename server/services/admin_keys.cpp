#include "services/admin_keys.hpp"

#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "services/api_records.hpp"

namespace pws {

IssuedAdminKey make_admin_key(const App& app, std::string_view practice_id, std::string_view name) {
    IssuedAdminKey out;
    out.key = std::string(kAdminKeyPrefix) + random_token();
    AdminKeyRecord& k = out.record;
    k.id = random_id("key_");
    k.practice_id = practice_id;
    k.name = name;
    k.key_hash = hash_token(app.secret, KeyUse::admin_key, out.key);
    k.hint = admin_key_hint(out.key);
    k.created_at = app.now();
    return out;
}

std::string admin_key_hint(std::string_view key) {
    const std::size_t underscore = key.find('_');
    const std::string_view prefix = underscore < 8 ? key.substr(0, underscore + 1) : std::string_view();
    const std::string_view last4 = key.size() >= prefix.size() + 8 ? key.substr(key.size() - 4) : std::string_view();
    return std::string(prefix) + "..." + std::string(last4);
}

pw::Result<IssuedAdminKey> create_admin_key(App& app, std::string_view practice_id, std::string_view name,
                                            const Actor& actor) {
    return create_admin_key(app, practice_id, name, actor, "");
}

pw::Result<IssuedAdminKey> create_admin_key(App& app, std::string_view practice_id, std::string_view name,
                                            const Actor& actor, std::string_view form_nonce) {
    using R = pw::Result<IssuedAdminKey>;
    IssuedAdminKey made = make_admin_key(app, practice_id, name);
    if (pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
            if (!form_nonce.empty()) {
                // Any earlier claim of this nonce (done, or racing in another
                // instance) means the form was already posted.
                const std::string scope = "console_key:" + std::string(practice_id);
                auto claim = t.claim_idempotency(scope, form_nonce, "create_key", app.now());
                if (!claim) return claim.error;
                if (claim.value.kind != IdempotencyClaim::Kind::claimed)
                    return pw::make_error("already_done", "form_nonce", "");
                if (pw::Error f = t.finish_idempotency(scope, form_nonce, 201, made.record.id, app.now())) return f;
            }
            if (pw::Error k = t.insert_admin_key(made.record)) return k;
            return record_activity(t, app, practice_id, actor, "api_key.created", made.record.id,
                                   "Created API key \"" + made.record.name + "\" (" + made.record.hint + ")");
        }))
        return R::failure(e);
    return R::success(std::move(made));
}

pw::Result<std::vector<AdminKeyRecord>> list_admin_keys(App& app, std::string_view practice_id) {
    using R = pw::Result<std::vector<AdminKeyRecord>>;
    std::vector<AdminKeyRecord> keys;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.admin_keys(practice_id);
        if (!found) return found.error;
        keys = std::move(found.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(keys));
}

pw::Error revoke_admin_key(App& app, std::string_view practice_id, std::string_view id, const Actor& actor) {
    const UnixTime now = app.now();
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        Result<std::vector<AdminKeyRecord>> keys = t.admin_keys(practice_id);
        if (!keys.ok()) return keys.error;
        const AdminKeyRecord* key = nullptr;
        for (const AdminKeyRecord& k : keys.value)
            if (k.id == id) key = &k;
        // Revoking a revoked key changes nothing, so it logs nothing either.
        const bool was_active = key != nullptr && !key->revoked_at;
        if (pw::Error e = t.revoke_admin_key(practice_id, id, now)) return e;
        if (!was_active) return {};
        return record_activity(t, app, practice_id, actor, "api_key.revoked", id,
                               "Revoked API key \"" + key->name + "\"");
    });
}

pw::AdminKeyInfo admin_key_info(const AdminKeyRecord& k) {
    pw::AdminKeyInfo info;
    info.id = k.id;
    info.name = k.name;
    info.hint = k.hint;
    info.created_at = rec::format_instant(k.created_at);
    if (k.last_used_at) info.last_used_at = rec::format_instant(*k.last_used_at);
    if (k.revoked_at) info.revoked_at = rec::format_instant(*k.revoked_at);
    return info;
}

}  // namespace pws
