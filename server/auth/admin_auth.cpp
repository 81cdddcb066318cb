#include "auth/admin_auth.hpp"

#include "routes/respond.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"

namespace pws {

namespace {
constexpr std::string_view kBearer = "Bearer ";
constexpr const char* kAdminKeyPrefix = "pwk_";
}  // namespace

std::optional<Practice> require_admin(App& app, const http::Request& req, http::Response& res) {
    const std::string header = req.get_header_value("Authorization");
    if (header.size() <= kBearer.size() || header.size() > 512 || header.compare(0, kBearer.size(), kBearer) != 0) {
        res.set_header("WWW-Authenticate", "Bearer");
        respond::code(res, "unauthorized");
        return std::nullopt;
    }
    const std::string hash = hash_token(app.secret, std::string_view(header).substr(kBearer.size()));
    std::optional<Practice> found;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto p = t.practice_by_api_key_hash(hash);
        if (!p) return p.error;
        found = std::move(p.value);
        return {};
    });
    if (found) return found;
    if (e.code == "not_found" || e.code.empty()) {
        res.set_header("WWW-Authenticate", "Bearer");
        respond::code(res, "unauthorized");
    } else {
        respond::error(res, e);
    }
    return std::nullopt;
}

AdminKey new_admin_key(const App& app) {
    AdminKey k;
    k.key = kAdminKeyPrefix + random_token();
    k.hash = hash_token(app.secret, k.key);
    return k;
}

}  // namespace pws
