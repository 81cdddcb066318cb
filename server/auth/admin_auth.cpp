#include "auth/admin_auth.hpp"

#include "routes/respond.hpp"
#include "security/keyed_hash.hpp"
#include "services/admin_keys.hpp"

namespace pws {

namespace {

constexpr std::string_view kBearer = "Bearer ";
// last_used_at is kept to the minute: a busy integration must not turn
// every admin read into a write.
constexpr UnixTime kUseRecordSeconds = 60;

void refuse(http::Response& res) {
    res.set_header("WWW-Authenticate", "Bearer");
    respond::code(res, "unauthorized");
}

// Best effort: the request is already authenticated; failing to note the
// use (storage busy) must not fail it. The next use tries again.
void record_use(App& app, const AdminKeyRecord& used, std::string_view key) {
    const std::string current_hash = hash_token(app.secret, KeyUse::admin_key, key);
    const std::string hint = admin_key_hint(key);
    const UnixTime now = app.now();
    const bool stale = !used.last_used_at || now - *used.last_used_at >= kUseRecordSeconds;
    if (!stale && used.key_hash == current_hash && used.hint == hint) return;
    (void)app.store->write_transaction(
        [&](WriteTxn& t) { return t.record_admin_key_use(used.id, current_hash, hint, now); });
}

}  // namespace

std::optional<Practice> require_admin(App& app, const http::Request& req, http::Response& res,
                                      std::string* key_name) {
    const std::string header = req.get_header_value("Authorization");
    if (header.size() <= kBearer.size() || header.size() > 512 || header.compare(0, kBearer.size(), kBearer) != 0) {
        refuse(res);
        return std::nullopt;
    }
    const std::string_view key = std::string_view(header).substr(kBearer.size());
    std::optional<Practice> found;
    AdminKeyRecord used;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto k = find_by_token(app.secret, KeyUse::admin_key, key, "not_found",
                               [&](const std::string& hash) { return t.active_admin_key(hash); });
        if (!k) return k.error;
        auto p = t.practice(k.value.practice_id);
        if (!p) return p.error;
        used = std::move(k.value);
        found = std::move(p.value);
        return {};
    });
    if (found) {
        record_use(app, used, key);
        if (key_name != nullptr) *key_name = used.name;
        return found;
    }
    if (e.code == "not_found" || e.code.empty()) refuse(res);
    else respond::error(res, e);
    return std::nullopt;
}

}  // namespace pws
