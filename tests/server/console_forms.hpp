// Helpers for the console's integration suites: a server with one practice
// (AdminServer), console users written into its database, and the browser's
// side of the console's plain HTML forms (GET with the session cookie; POST
// urlencoded with this host's Origin, or another one).
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "admin_api.hpp"
#include "paywidget/url.hpp"
#include "security/password.hpp"

namespace pws_test {

inline const std::string kConsolePassword = "console secret 1";

struct ConsolePage {
    int status = 0;
    std::string body;
    std::string location;
    std::string content_type;
    std::string disposition;  // Content-Disposition
    std::string set_cookie;   // the pw_console value set ("" when none)
    bool cleared = false;     // the cookie was cleared (Max-Age=0)
};

inline ConsolePage to_console_page(const pwhttp::Result& r) {
    ConsolePage p;
    if (!r) return p;
    p.status = r->status;
    p.body = r->body;
    p.location = r->get_header_value("Location");
    p.content_type = r->get_header_value("Content-Type");
    p.disposition = r->get_header_value("Content-Disposition");
    for (std::size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
        const std::string v = r->get_header_value("Set-Cookie", i);
        if (v.rfind("pw_console=", 0) != 0) continue;
        p.set_cookie = v.substr(11, v.find(';') - 11);
        p.cleared = v.find("Max-Age=0") != std::string::npos;
    }
    return p;
}

using FormFields = std::vector<std::pair<std::string, std::string>>;

inline std::string form_encode(const FormFields& fields) {
    std::string out;
    for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + pw::percent_encode(k) + "=" + pw::percent_encode(v);
    return out;
}

// The value of <input ... name="<name>" value="..."> in a page, unescaped
// as a browser posts it (the entities pages::html writes); "" when absent.
inline std::string input_value(const std::string& page, const std::string& name) {
    const std::size_t at = page.find("name=\"" + name + "\"");
    if (at == std::string::npos) return "";
    const std::size_t v = page.find("value=\"", at);
    if (v == std::string::npos || v > page.find('>', at)) return "";
    const std::string raw = page.substr(v + 7, page.find('"', v + 7) - v - 7);
    static const std::pair<std::string, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < raw.size();) {
        bool matched = false;
        for (const auto& [entity, c] : kEntities)
            if (raw.compare(i, entity.size(), entity) == 0) {
                out += c;
                i += entity.size();
                matched = true;
                break;
            }
        if (!matched) out += raw[i++];
    }
    return out;
}

struct ConsoleServer : AdminServer {
    ConsoleServer() { BOOST_REQUIRE(started); }

    std::string origin() const { return "http://127.0.0.1:" + std::to_string(server.port()); }

    // A console user of `practice_id` with kConsolePassword (test hash cost).
    std::string add_user(const std::string& practice_id, const std::string& email, pws::PracticeRole role) {
        pws::PracticeUser u;
        u.id = pws::random_id("usr_");
        u.practice_id = practice_id;
        u.email = email;
        u.name = email.substr(0, email.find('@'));
        u.role = role;
        u.password_hash = *pws::hash_password(kConsolePassword, pws::PasswordCost::minimum());
        u.created_at = Seeder::now();
        BOOST_REQUIRE_EQUAL(
            seed.store().write_transaction([&](pws::WriteTxn& t) { return t.insert_practice_user(u); }).code, "");
        return u.id;
    }

    ConsolePage get(const std::string& path, const std::string& session = "") {
        pwhttp::Headers h;
        if (!session.empty()) h.emplace("Cookie", "pw_console=" + session);
        return to_console_page(c->Get(path, h));
    }
    // A form post; `from` is the Origin header ("" : none).
    ConsolePage post(const std::string& path, const FormFields& fields, const std::string& session,
                     const std::string& from) {
        pwhttp::Headers h;
        if (!session.empty()) h.emplace("Cookie", "pw_console=" + session);
        if (!from.empty()) h.emplace("Origin", from);
        return to_console_page(c->Post(path, h, form_encode(fields), "application/x-www-form-urlencoded"));
    }
    ConsolePage post(const std::string& path, const FormFields& fields, const std::string& session = "") {
        return post(path, fields, session, origin());
    }
    // Signed in as a new user of `practice_id`: the session cookie's value.
    std::string signed_in(const std::string& practice_id, const std::string& email,
                          pws::PracticeRole role = pws::PracticeRole::owner) {
        add_user(practice_id, email, role);
        ConsolePage p = post("/console/login", {{"email", email}, {"password", kConsolePassword}, {"next", "/console"}},
                             "");
        BOOST_REQUIRE_EQUAL(p.status, 302);
        BOOST_REQUIRE(!p.set_cookie.empty());
        return p.set_cookie;
    }
    // `session`: the cookie the browser comes with ("" : none).
    ConsolePage sign_in(const std::string& email, const std::string& password = kConsolePassword,
                        const std::string& session = "") {
        return post("/console/login", {{"email", email}, {"password", password}, {"next", "/console"}}, session);
    }
    std::string session_of(const std::string& email, const std::string& password = kConsolePassword) {
        ConsolePage p = sign_in(email, password);
        BOOST_REQUIRE_EQUAL(p.status, 302);
        BOOST_REQUIRE(!p.set_cookie.empty());
        return p.set_cookie;
    }
    // Every token in the outbox's links "<link>" (e.g. "/console/invitation?token=") to `to`.
    std::set<std::string> outbox_tokens(const std::string& to, const std::string& link) {
        std::set<std::string> out;
        for (const std::string& m : outbox_messages(dir.path().string())) {
            if (m.find(to) == std::string::npos) continue;
            for (std::size_t at = m.find(link); at != std::string::npos; at = m.find(link, at + 1)) {
                std::size_t end = at + link.size();
                while (end < m.size() &&
                       (std::isalnum(static_cast<unsigned char>(m[end])) || m[end] == '-' || m[end] == '_'))
                    ++end;
                out.insert(m.substr(at + link.size(), end - at - link.size()));
            }
        }
        return out;
    }
    std::string activity(const std::string& session) { return get("/console/activity", session).body; }
};

}  // namespace pws_test
