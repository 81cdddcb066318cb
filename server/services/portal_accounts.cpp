#include "services/portal_accounts.hpp"

#include "auth/password_cost.hpp"
#include "services/one_time_tokens.hpp"
#include "services/outbox.hpp"

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
        if (verify_password(*c.password_hash, password)) return c;
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
        EmailMessage m;
        m.practice_id = practice.id;
        m.from_name = practice.name;
        m.from_email = practice.email;
        m.to_name = c.name;
        m.to_email = c.email;
        m.subject = "Reset your client portal password";
        m.text = "Hello " + c.name + ",\n\nSomeone asked to reset the password of your client portal account with " +
                 practice.name + ".\nChoose a new password here (the link works for one hour, once):\n\n" + url +
                 "\n\nIf you did not ask for this, ignore this email; your password stays the same.\n";
        m.html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>Hello " + html_escape(c.name) +
                 ",</p><p>Someone asked to reset the password of your client portal account with " +
                 html_escape(practice.name) +
                 ".</p><p><a href=\"" + html_escape(url) +
                 "\" style=\"display:inline-block;padding:12px 24px;background:#1f5fbf;color:#ffffff;"
                 "text-decoration:none;border-radius:6px\">Choose a new password</a></p>"
                 "<p>The link works for one hour, once. If you did not ask for this, ignore this email; your "
                 "password stays the same.</p></body></html>";
        auto delivered = deliver_email(app, m);
        if (!delivered) return R::failure(delivered.error);
        ++sent;
    }
    return R::success(sent);
}

}  // namespace pws
