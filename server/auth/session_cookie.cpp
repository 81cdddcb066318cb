#include "auth/session_cookie.hpp"

#include <string_view>

#include "auth/embed_practice.hpp"
#include "http/cookie.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"

namespace pws {

namespace {

constexpr UnixTime kSessionSeconds = 12 * 3600;

std::string session_token(const App& app, const http::Request& req) {
    return request_cookie(req, session_cookie_name(app.config));
}

std::string cookie_attributes(const App& app) { return session_cookie_attributes(app.config); }

}  // namespace

std::string session_cookie_attributes(const AppConfig& config) {
    const bool secure = config.public_url.rfind("https:", 0) == 0;
    return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

std::string session_cookie_name(const AppConfig& config) {
    return config.public_url.rfind("https:", 0) == 0 ? std::string("__Host-") + kSessionCookie : kSessionCookie;
}

std::optional<Client> session_client(App& app, const http::Request& req) {
    const std::string token = session_token(app, req);
    // Our tokens are 43 characters; anything far longer is not ours and
    // is not worth hashing.
    if (token.empty() || token.size() > 256) return std::nullopt;
    std::optional<Client> found;
    const UnixTime now = app.now();
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto s = find_by_token(app.secret, KeyUse::session, token, "not_found",
                               [&](const std::string& id_hash) { return t.session(id_hash, now); });
        if (!s) return s.error;
        auto c = t.client(s.value.client_id);
        if (!c) return c.error;
        if (!embed_practice_allows(req, c.value.practice_id)) return {};
        found = std::move(c.value);
        return {};
    });
    return found;
}

pw::Error start_session(App& app, const Client& client, http::Response& res) {
    const std::string token = random_token();
    PortalSession s;
    s.id_hash = hash_token(app.secret, KeyUse::session, token);
    s.client_id = client.id;
    s.created_at = app.now();
    s.expires_at = s.created_at + kSessionSeconds;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.insert_session(s); });
    if (e) return e;
    res.set_header("Set-Cookie", session_cookie_name(app.config) + "=" + token + "; Max-Age=" +
                                     std::to_string(kSessionSeconds) + cookie_attributes(app));
    return {};
}

void end_session(App& app, const http::Request& req, http::Response& res) {
    const std::string token = session_token(app, req);
    if (!token.empty() && token.size() <= 256) {
        // Under whichever key it was made (a session may predate a rotation).
        const std::vector<std::string> hashes = hash_candidates(app.secret, KeyUse::session, token);
        app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
            for (const std::string& id_hash : hashes)
                if (pw::Error e = t.delete_session(id_hash)) return e;
            return {};
        });
    }
    res.set_header("Set-Cookie", session_cookie_name(app.config) + "=; Max-Age=0" + cookie_attributes(app));
}

}  // namespace pws
