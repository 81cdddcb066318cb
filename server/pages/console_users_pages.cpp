// The owner's Users page (GET /console/users: users with their role and
// status, pending invitations, the invite form) and the invitation's
// set-password page (GET /console/invitation?token=…, public: the person
// has no account yet). The token arrives in the query so the page works
// without script; the access log redacts it (http/access_log.hpp) and the
// form posts it back in its body. The forms post to routes/console_users.cpp.
#include "pages/console_pages.hpp"
#include "paywidget/api.hpp"
#include "services/api_records.hpp"
#include "services/practice_invitations.hpp"

namespace pws::pages {

namespace {

std::string role_name(PracticeRole r) { return r == PracticeRole::owner ? "Owner" : "Staff"; }

std::string date_of(UnixTime t) { return instant_date_text(rec::format_instant(t)); }

std::string users_table(const std::vector<PracticeUser>& users, const ConsoleUser& me) {
    std::string out = "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">Console users</caption>"
                      "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Email</th><th scope=\"col\">Role</th>"
                      "<th scope=\"col\">Status</th><th scope=\"col\"><span class=\"visually-hidden\">Action</span>"
                      "</th></tr></thead><tbody>";
    for (const PracticeUser& u : users) {
        out += "<tr><td>" + html(u.name) + (u.id == me.user.id ? " (you)" : "") + "</td><td class=\"break-anywhere\">" +
               html(u.email) + "</td><td class=\"nowrap\">" + role_name(u.role) + "</td><td>" +
               (u.disabled_at ? "Disabled on <span class=\"nowrap\">" + html(date_of(*u.disabled_at)) + "</span>"
                              : std::string("<span class=\"nowrap\">Active</span>")) + "</td><td>";
        if (u.role == PracticeRole::staff && !u.disabled_at)
            out += "<form method=\"post\" action=\"/console/users/" + html(u.id) + "/disable\" class=\"inline-form\">"
                   "<button type=\"submit\" class=\"button button-small\" aria-label=\"Disable " + html(u.name) +
                   "\">Disable</button></form>";
        out += "</td></tr>";
    }
    return out + "</tbody></table></div>";
}

std::string invitations_table(const std::vector<PracticeInvitation>& pending) {
    if (pending.empty()) return "<p class=\"empty\">No pending invitations.</p>";
    std::string out = "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">Pending invitations"
                      "</caption><thead><tr><th scope=\"col\">Email</th><th scope=\"col\">Invitation</th></tr></thead>"
                      "<tbody>";
    for (const PracticeInvitation& i : pending)
        // Role, dates and the Revoke button in one cell, not four columns: the table fits 320 px.
        out += "<tr><td class=\"break-anywhere\">" + html(i.email) + "</td><td><span class=\"nowrap\">" +
               role_name(i.role) + "</span><br><span class=\"nowrap\">sent " + html(date_of(i.created_at)) +
               "</span><br><span class=\"nowrap\">expires " + html(date_of(i.expires_at)) +
               "</span><form method=\"post\" action=\"/console/users/invitations/" + html(i.id) +
               "/revoke\" class=\"inline-form row-action\"><button type=\"submit\" class=\"button button-small\" "
               "aria-label=\"Revoke the invitation of " + html(i.email) + "\">Revoke</button></form></td></tr>";
    return out + "</tbody></table></div>";
}

std::string invite_form(const InviteFormValues& v, const pw::Error& error) {
    const auto err = [&](std::string_view f) { return error && error.field == f ? error.message : std::string(); };
    std::string form = "<form class=\"form\" method=\"post\" action=\"/console/users/invite\">";
    form += console_alert(error ? "The invitation was not sent: " + error.message : "");
    form += console_field("name", "Name", "text", "off", v.name, err("name"));
    form += console_field("email", "Email", "email", "off", v.email, err("email"));
    form += "<div class=\"field\"><label for=\"role\">Role</label><select id=\"role\" name=\"role\" "
            "aria-describedby=\"role-hint\"><option value=\"staff\"" +
            std::string(v.role == "owner" ? "" : " selected") + ">Staff</option><option value=\"owner\"" +
            (v.role == "owner" ? " selected" : "") + ">Owner</option></select><p class=\"hint\" id=\"role-hint\">"
            "Staff work with clients, invoices, payments and refunds. Owners also change settings, users and API "
            "keys.</p></div>";
    form += "<button type=\"submit\" class=\"button button-primary\">Send invitation</button></form>";
    return form;
}

void users_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_owner(app, req, res);
    if (!user) return;
    std::string notice;
    if (req.has_param("invited")) notice = "The invitation was emailed.";
    if (req.has_param("revoked")) notice = "The invitation was withdrawn.";
    if (req.has_param("disabled")) notice = "The user was disabled and signed out.";
    send_console_users(app, res, 200, *user, notice, {}, {});
}

std::string invitation_problem(std::string_view heading, std::string_view text) {
    return "<section class=\"card auth-card\" aria-labelledby=\"auth-heading\"><h1 id=\"auth-heading\">" +
           html(heading) + "</h1><p role=\"alert\">" + html(text) + "</p><p><a href=\"/console/login\">Go to the "
           "sign-in page</a></p></section>";
}

void invitation_page(App& app, const http::Request& req, http::Response& res) {
    send_console_invitation(app, res, 200, req.has_param("token") ? req.get_param_value("token") : std::string(), "");
}

}  // namespace

void send_console_users(App& app, http::Response& res, int status, const ConsoleUser& user, std::string_view notice,
                        const InviteFormValues& values, const pw::Error& error) {
    std::vector<PracticeUser> users;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.practice_users(user.practice.id);
        if (!found) return found.error;
        users = std::move(found.value);
        return {};
    });
    auto pending = pending_invitations(app, user.practice.id);
    if (e || !pending) return send_console_unavailable(res, user, ConsoleSection::users);
    std::string body = "<h1 class=\"page-title\">Users</h1>";
    if (!notice.empty()) body += console_notice(notice);
    if (error && error.field == "user") body += console_alert(error.message);
    body += console_card("users-heading", "People who sign in", users_table(users, user));
    body += console_card("pending-heading", "Pending invitations", invitations_table(pending.value));
    body += console_card("invite-heading", "Invite someone",
                         invite_form(values, error && error.field != "user" ? error : pw::Error{}));
    send_console_page(res, status, user, ConsoleSection::users, "Users", body);
}

void send_console_invitation(App& app, http::Response& res, int status, const std::string& token,
                             std::string_view error) {
    auto inv = find_practice_invitation(app, token);
    if (!inv && inv.error.code != "not_found")
        return send_console_public_page(res, 503, "Try again",
                                        invitation_problem("This page could not be loaded",
                                                           "The server is busy right now. Reload the page in a moment."));
    if (inv && inv.value.used_at)
        return send_console_public_page(res, 410, "Invitation used",
                                        invitation_problem("This invitation was already used",
                                                           "This invitation was already used; sign in with your email "
                                                           "and password."));
    if (!inv || inv.value.revoked_at || app.now() >= inv.value.expires_at)
        return send_console_public_page(res, 410, "Invitation not valid",
                                        invitation_problem("This invitation link does not work",
                                                           "The link is incomplete, has expired, or was withdrawn. "
                                                           "Ask the practice owner to invite you again."));
    std::string practice_name;
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto p = t.practice(inv.value.practice_id);
        if (p.ok()) practice_name = p.value.name;
        return p.error;
    });
    const PracticeInvitation& i = inv.value;
    std::string inner = "<section class=\"card auth-card\" aria-labelledby=\"auth-heading\"><h1 id=\"auth-heading\">"
                        "Welcome, " + html(i.name) + "</h1>";
    inner += "<p class=\"lead\">You are invited to the practitioner console of " + html(practice_name) + " as " +
             (i.role == PracticeRole::owner ? "an owner" : "staff") + ". Choose a password; you will sign in with <span "
             "class=\"break-anywhere\">" + html(i.email) + "</span> and this password.</p>";
    inner += "<form class=\"form\" method=\"post\" action=\"/console/invitation\">";
    inner += "<input type=\"hidden\" name=\"token\" value=\"" + html(token) + "\">";
    // The username field lets password managers store the right account.
    inner += "<input type=\"hidden\" name=\"username\" autocomplete=\"username\" value=\"" + html(i.email) + "\">";
    inner += console_alert(error);
    inner += "<div class=\"field\"><label for=\"password\">New password</label><p class=\"hint\" id=\"password-hint\">"
             "At least " + std::to_string(pw::kMinPasswordChars) + " characters.</p><input id=\"password\" "
             "name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"" +
             std::to_string(pw::kMinPasswordChars) + "\" aria-describedby=\"password-hint\"></div>";
    inner += console_field("confirm", "Repeat the password", "password", "new-password");
    inner += "<button type=\"submit\" class=\"button button-primary button-block\">Set password and sign in</button>"
             "</form></section>";
    send_console_public_page(res, status, "Join the console", inner);
}

void register_console_users_pages(http::Router& server, App& app) {
    server.Get("/console/users", [&app](const http::Request& req, http::Response& res) { users_page(app, req, res); });
    server.Get("/console/invitation",
               [&app](const http::Request& req, http::Response& res) { invitation_page(app, req, res); });
}

}  // namespace pws::pages
