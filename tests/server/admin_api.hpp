// Helpers for the admin and portal integration suites: a practice with a
// known admin key written into the server's database, and JSON calls with
// the admin key or a portal session cookie.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "server_process.hpp"
#include "services/admin_keys.hpp"

namespace pws_test {

struct AdminPractice {
    std::string id;
    std::string key;  // raw admin key for "Authorization: Bearer"
};

// A practice whose admin key we know (only its hash goes to the store).
inline AdminPractice make_admin_practice(Seeder& seed, const std::string& name = "Dr. Ada Lovelace",
                                         bool allow_card_removal = false) {
    AdminPractice out;
    out.key = "pwk_" + pws::random_token();
    pws::Practice p;
    p.id = pws::random_id("prc_");
    p.name = name;
    p.email = "ada@practice.example";
    p.phone = "+1 555 0100";
    p.settings.allow_card_removal = allow_card_removal;
    p.created_at = Seeder::now();
    pws::AdminKeyRecord k;
    k.id = pws::random_id("key_");
    k.practice_id = p.id;
    k.name = "first key";
    k.key_hash = pws::hash_token(seed.secret(), pws::KeyUse::admin_key, out.key);
    k.hint = pws::admin_key_hint(out.key);
    k.created_at = p.created_at;
    seed.store().write_transaction([&](pws::WriteTxn& t) -> pw::Error {
        if (pw::Error e = t.insert_practice(p)) return e;
        return t.insert_admin_key(k);
    });
    out.id = p.id;
    return out;
}

// A server of its own (per test case) with one practice whose admin key is
// known: limits that count per address (logins, resets, declines) start
// fresh. `started` says whether seeding and start-up worked.
struct AdminServer {
    TempDir dir;
    Seeder seed{dir.path().string()};
    ServerProcess server{dir.path().string()};
    AdminPractice practice;
    std::unique_ptr<pwhttp::Client> c;
    bool started = false;
    explicit AdminServer(bool allow_card_removal = false) {
        practice = make_admin_practice(seed, "Dr. Ada Lovelace", allow_card_removal);
        started = seed.ok() && server.start();
        if (started) c = server.client();
    }
};

// `server <args>` (an operator's command: practice create, secret rotate):
// its exit code and everything it printed.
inline std::pair<int, std::string> run_server_command(const std::string& args) {
    FILE* p = ::popen((std::string(PW_SERVER_BIN) + " " + args + " 2>&1").c_str(), "r");
    if (!p) return {-1, ""};
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    const int status = ::pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline pwhttp::Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

inline Reply admin_post(pwhttp::Client& c, const std::string& key, const std::string& path, const json& body,
                        const std::string& idem_key = "") {
    pwhttp::Headers h = bearer(key);
    if (!idem_key.empty()) h.emplace("Idempotency-Key", idem_key);
    return to_reply(c.Post(path.c_str(), h, body.dump(), "application/json"));
}
inline Reply admin_put(pwhttp::Client& c, const std::string& key, const std::string& path, const json& body) {
    return to_reply(c.Put(path.c_str(), bearer(key), body.dump(), "application/json"));
}
inline Reply admin_patch(pwhttp::Client& c, const std::string& key, const std::string& path, const json& body) {
    return to_reply(c.send("PATCH", path, bearer(key), body.dump(), "application/json"));
}
inline Reply admin_get(pwhttp::Client& c, const std::string& key, const std::string& path) {
    return to_reply(c.Get(path.c_str(), bearer(key)));
}
inline Reply admin_delete(pwhttp::Client& c, const std::string& key, const std::string& path) {
    return to_reply(c.Delete(path.c_str(), bearer(key)));
}

inline json invoice_body(const std::string& client_id, std::int64_t amount = 20000, const std::string& currency = "USD") {
    return json{{"client_id", client_id},
                {"currency", currency},
                {"issue_date", "2025-03-01"},
                {"due_date", "2025-03-31"},
                {"items", json::array({{{"description", "Consultation"}, {"quantity", 1}, {"unit_amount", amount}}})},
                {"partial_payments", {{"enabled", true}, {"minimum", {{"type", "percent"}, {"basis_points", 2500}}}}},
                {"accepted_methods", {{"card", true}, {"bank_debit", json::array()}}}};
}

// Creates a client through the admin API; its id ("" on failure).
inline std::string create_client(pwhttp::Client& c, const std::string& key, const std::string& email,
                                 const std::string& password = "") {
    json body = {{"name", "Grace Hopper"}, {"email", email}};
    if (!password.empty()) body["portal_password"] = password;
    Reply r = admin_post(c, key, "/api/v1/admin/clients", body);
    if (r.status != 201) return "";
    return r.body["client"]["id"].get<std::string>();
}

inline std::string create_invoice(pwhttp::Client& c, const std::string& key, const std::string& client_id,
                                  std::int64_t amount = 20000) {
    Reply r = admin_post(c, key, "/api/v1/admin/invoices", invoice_body(client_id, amount));
    if (r.status != 201) return "";
    return r.body["invoice"]["id"].get<std::string>();
}

// A fresh link's raw token ("" on failure).
inline std::string create_link(pwhttp::Client& c, const std::string& key, const std::string& invoice_id) {
    Reply r = admin_post(c, key, "/api/v1/admin/invoices/" + invoice_id + "/links", json::object());
    if (r.status != 201) return "";
    return r.body["token"].get<std::string>();
}

// The value of a Set-Cookie header's pw_session, "" when absent.
inline std::string session_cookie(const Reply& r) {
    auto range = r.headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        const std::string& v = it->second;
        if (v.rfind("pw_session=", 0) == 0) return v.substr(11, v.find(';') - 11);
    }
    return "";
}
inline std::string set_cookie_header(const Reply& r) {
    auto it = r.headers.find("Set-Cookie");
    return it == r.headers.end() ? "" : it->second;
}

inline pwhttp::Headers cookie(const std::string& session) { return {{"Cookie", "pw_session=" + session}}; }

inline Reply login(pwhttp::Client& c, const std::string& email, const std::string& password) {
    return to_reply(c.Post("/api/v1/session", json{{"email", email}, {"password", password}}.dump(), "application/json"));
}

inline Reply session_get(pwhttp::Client& c, const std::string& session, const std::string& path) {
    return to_reply(c.Get(path.c_str(), cookie(session)));
}

inline Reply session_post(pwhttp::Client& c, const std::string& session, const std::string& path, const json& body,
                          const std::string& idem_key = "") {
    pwhttp::Headers h = cookie(session);
    if (!idem_key.empty()) h.emplace("Idempotency-Key", idem_key);
    return to_reply(c.Post(path.c_str(), h, body.dump(), "application/json"));
}

// Every .eml in the outbox directory, read.
inline std::vector<std::string> outbox_messages(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir + "/outbox", ec))
        if (e.path().extension() == ".eml") out.push_back(read_file(e.path().string()));
    return out;
}

}  // namespace pws_test
