#include "auth/console_session.hpp"

#include "auth/session_cookie.hpp"
#include "http/cookie.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"

namespace pws {

namespace {

// Our tokens are 43 characters; anything far longer is not ours and is not
// worth hashing.
constexpr std::size_t kMaxTokenChars = 256;
// The idle expiry is moved at most this often (one write per minute per
// active user, not one per request).
constexpr UnixTime kTouchEverySeconds = 60;

std::string console_token(const App& app, const http::Request& req) {
    std::string v = request_cookie(req, console_cookie_name(app.config));
    return v.size() <= kMaxTokenChars ? v : std::string();
}

std::string cookie_attributes(const App& app) { return session_cookie_attributes(app.config); }

void delete_sessions(App& app, const std::string& token) {
    if (token.empty()) return;
    // Under whichever key it was made (a session may predate a rotation).
    const std::vector<std::string> hashes = hash_candidates(app.secret, KeyUse::console_session, token);
    app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        for (const std::string& h : hashes)
            if (pw::Error e = t.delete_console_session(h)) return e;
        return {};
    });
}

}  // namespace

std::string console_cookie_name(const AppConfig& config) {
    return config.public_url.rfind("https:", 0) == 0 ? std::string("__Host-") + kConsoleCookie : kConsoleCookie;
}

std::optional<ConsoleUser> console_user(App& app, const http::Request& req) {
    const std::string token = console_token(app, req);
    if (token.empty()) return std::nullopt;
    const UnixTime now = app.now();
    std::optional<ConsoleUser> found;
    ConsoleSession session;
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto s = find_by_token(app.secret, KeyUse::console_session, token, "not_found",
                               [&](const std::string& h) { return t.console_session(h, now); });
        if (!s) return s.error;
        session = s.value;
        auto u = t.practice_user(s.value.user_id);
        if (!u) return u.error;
        if (u.value.disabled_at) return pw::make_error("not_found", "user", "");
        auto p = t.practice(u.value.practice_id);
        if (!p) return p.error;
        found = ConsoleUser{std::move(u.value), std::move(p.value)};
        return {};
    });
    if (found && session.idle_expires_at - kConsoleIdleSeconds + kTouchEverySeconds <= now) {
        app.store->write_transaction(
            [&](WriteTxn& t) { return t.touch_console_session(session.id_hash, now + kConsoleIdleSeconds); });
    }
    return found;
}

pw::Error start_console_session(App& app, const http::Request& req, const PracticeUser& user,
                                http::Response& res) {
    delete_sessions(app, console_token(app, req));
    const std::string token = random_token();
    ConsoleSession s;
    s.id_hash = hash_token(app.secret, KeyUse::console_session, token);
    s.user_id = user.id;
    s.created_at = app.now();
    s.idle_expires_at = s.created_at + kConsoleIdleSeconds;
    s.expires_at = s.created_at + kConsoleAbsoluteSeconds;
    if (pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.insert_console_session(s); })) return e;
    // Max-Age is the absolute limit; the idle one is the server's to enforce.
    res.set_header("Set-Cookie", console_cookie_name(app.config) + "=" + token + "; Max-Age=" +
                                     std::to_string(kConsoleAbsoluteSeconds) + cookie_attributes(app));
    return {};
}

void end_console_session(App& app, const http::Request& req, http::Response& res) {
    delete_sessions(app, console_token(app, req));
    res.set_header("Set-Cookie", console_cookie_name(app.config) + "=; Max-Age=0" + cookie_attributes(app));
}

}  // namespace pws
