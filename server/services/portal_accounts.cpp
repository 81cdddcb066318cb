#include "services/portal_accounts.hpp"

#include <cstdio>

#include "auth/password_cost.hpp"
#include "services/one_time_tokens.hpp"
#include "services/portal_emails.hpp"

namespace pws {

namespace {

pw::Result<std::vector<Client>> accounts_with_email(App& app, const std::string& email) {
    using R = pw::Result<std::vector<Client>>;
    std::vector<Client> found;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto list = t.clients_by_email(email);
        if (!list) return list.error.code == "not_found" ? pw::Error{} : list.error;
        found = std::move(list.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(found));
}

// A hash made at a lower cost (the test cost, or an older default) is
// replaced now that the password is at hand. Compare-and-set: a password
// changed meanwhile wins. A failure is logged; the login still succeeds.
void upgrade_password_hash(App& app, const Client& c, const std::string& password) {
    const PasswordCost cost = password_cost(app);
    if (!password_cost_below(*c.password_hash, cost)) return;
    std::optional<std::string> stronger = hash_password(password, cost);
    if (!stronger) return;
    pw::Error e = app.store->write_transaction(
        [&](WriteTxn& t) { return t.replace_client_password_hash(c.id, *c.password_hash, *stronger); });
    if (e && e.code != "state_conflict") std::fprintf(stderr, "password rehash: %s\n", e.code.c_str());
}

}  // namespace

std::optional<Client> verify_login(App& app, const std::string& email, const std::string& password,
                                   pw::Error& error) {
    auto clients = accounts_with_email(app, email);
    if (!clients) {
        error = clients.error;
        return std::nullopt;
    }
    bool any_account = false;
    for (const Client& c : clients.value) {
        if (!c.password_hash) continue;
        any_account = true;
        if (verify_password(*c.password_hash, password)) {
            upgrade_password_hash(app, c, password);
            return c;
        }
    }
    if (!any_account) burn_password_verify(password, password_cost(app));
    return std::nullopt;
}

pw::Result<int> request_password_reset(App& app, const std::string& email) {
    using R = pw::Result<int>;
    auto clients = accounts_with_email(app, email);
    if (!clients) return R::failure(clients.error);
    int sent = 0;
    for (const Client& c : clients.value) {
        if (!c.portal_activated()) continue;
        Practice practice;
        pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            auto p = t.practice(c.practice_id);
            if (!p) return p.error;
            practice = std::move(p.value);
            return {};
        });
        if (e) return R::failure(e);
        auto issued = issue_one_time_token(app, c.id, OneTimePurpose::password_reset, kPasswordResetSeconds);
        if (!issued) return R::failure(issued.error);
        const std::string url = app.url("/portal/reset#token=" + issued.value.token);
        auto delivered = send_portal_email(app, practice, c, PortalEmail::password_reset, url);
        if (!delivered) return R::failure(delivered.error);
        ++sent;
    }
    return R::success(sent);
}

}  // namespace pws
