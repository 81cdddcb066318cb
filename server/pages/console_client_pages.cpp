// The console's Clients: the list with a search box (GET /console/clients?q=,
// over name and email), the new-client form (GET /console/clients/new) and
// a client's page (GET /console/clients/<id>): contact, portal status and
// its invitation button, invoices, payments and saved cards with their
// removal form. The forms post to routes/console_clients.cpp. Every read is
// scoped to the user's practice; another practice's client is a 404.
#include "pages/console_pages.hpp"
#include "pages/console_payment_pages.hpp"
#include "pages/fragments.hpp"
#include "services/api_records.hpp"
#include "services/client_cards.hpp"
#include "services/console_clients.hpp"

namespace pws::pages {

namespace {

std::string clients_table(const std::vector<Client>& clients) {
    std::string out = "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">Clients</caption>"
                      "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Email</th><th scope=\"col\">Portal</th>"
                      "</tr></thead><tbody>";
    for (const Client& c : clients)
        out += "<tr><td><a href=\"/console/clients/" + html(c.id) + "\">" + html(c.name) + "</a></td><td class=\"break-anywhere\">" +
               html(c.email) + "</td><td>" + (c.portal_activated() ? "Activated" : "Not activated") + "</td></tr>";
    return out + "</tbody></table></div>";
}

void clients_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    const std::string q =
        (req.has_param("q") ? req.get_param_value("q") : std::string()).substr(0, kMaxClientSearchChars);
    auto clients = search_clients(app, user->practice.id, q);
    if (!clients) return send_console_unavailable(res, *user, ConsoleSection::clients);
    std::string body = "<div class=\"page-head\"><h1 class=\"page-title\">Clients</h1>"
                       "<a class=\"button button-primary\" href=\"/console/clients/new\">New client</a></div>";
    if (req.has_param("created")) body += console_notice("The client was added.");
    std::string search = "<form class=\"form search-form\" method=\"get\" action=\"/console/clients\" role=\"search\">"
                         "<div class=\"field\"><label for=\"q\">Search by name or email</label><input id=\"q\" "
                         "name=\"q\" type=\"search\" maxlength=\"" + std::to_string(kMaxClientSearchChars) +
                         "\" autocomplete=\"off\" value=\"" + html(q) + "\"></div><button type=\"submit\" "
                         "class=\"button\">Search</button></form>";
    std::string list;
    if (clients.value.empty())
        list = q.empty() ? "<p class=\"empty\">No clients yet. Add one with New client.</p>"
                         : "<p class=\"empty\">No client matches “" + html(q) + "”. Check the spelling, or search "
                           "by part of the name or email.</p>";
    else
        list = clients_table(clients.value);
    if (clients.value.size() >= kMaxClientResults)
        list += "<p class=\"hint\">Showing the first " + std::to_string(kMaxClientResults) +
                " clients. Search to find others.</p>";
    body += console_card("clients-heading", q.empty() ? "All clients" : "Search results", search + list);
    send_console_page(res, 200, *user, ConsoleSection::clients, "Clients", body);
}

std::string field_error(const std::vector<pw::Error>& errors, std::string_view field) {
    for (const pw::Error& e : errors)
        if (e.field == field) return e.message.empty() ? std::string("Check this field.") : e.message;
    return {};
}

void new_client_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    send_console_new_client(res, 200, *user, {}, {});
}

// "Not invited", "Invited on Jan 5, 2026", or "Activated".
std::string portal_status(const ClientOverview& o) {
    if (o.client.portal_activated()) return "Activated: the client signs in to the portal.";
    if (o.invited_at) return "Invited on " + instant_date_text(rec::format_instant(*o.invited_at)) + ", not activated yet.";
    return "Not invited.";
}

std::string invoices_of(const std::vector<InvoiceView>& rows) {
    if (rows.empty()) return "<p class=\"empty\">No invoices for this client.</p>";
    std::string out = "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">Invoices of this client"
                      "</caption><thead><tr><th scope=\"col\">Invoice</th><th scope=\"col\">Due</th>"
                      "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Balance</th></tr></thead><tbody>";
    for (const InvoiceView& v : rows) {
        const pw::Invoice& i = v.invoice;
        out += "<tr><td class=\"nowrap\"><a href=\"/console/invoices/" + html(i.id) + "\">" + html(i.number) +
               "</a></td><td class=\"nowrap\">" + html(date_text(i.due_date)) + "</td><td>" + status_badge(i.status) +
               "</td><td class=\"num\">" + html(money(i.balance, i.currency)) + "</td></tr>";
    }
    return out + "</tbody></table></div>";
}

std::string card_name(const SavedMethodRecord& m) { return method_text({m.kind, m.brand, m.last4}); }

// Each card with its own removal form: a reason is required, because a
// practitioner removes a card only when the client asked.
std::string cards_of(const std::vector<SavedMethodRecord>& cards, const std::string& client_id,
                     const pw::Error& error) {
    if (cards.empty()) return "<p class=\"empty\">No saved cards.</p>";
    std::string out = "<p>Remove a card only when the client asks you to. Write down what they asked: it is kept "
                      "in Activity.</p><ul class=\"card-list\">";
    for (const SavedMethodRecord& m : cards) {
        char expiry[16];
        std::snprintf(expiry, sizeof expiry, "%02d/%04d", m.exp_month, m.exp_year);
        const std::string id = "reason-" + m.id;
        const std::string err = error && error.field == m.id ? error.message : std::string();
        out += "<li class=\"saved-card\"><p><strong>" + html(card_name(m)) + "</strong>, expires " + expiry + "</p>";
        out += "<form class=\"form\" method=\"post\" action=\"/console/clients/" + html(client_id) + "/cards/" +
               html(m.id) + "/remove\"><div class=\"field\"><label for=\"" + id + "\">Why is " + html(card_name(m)) +
               " removed? (the client's request)</label><textarea id=\"" + id + "\" name=\"reason\" rows=\"2\" "
               "required maxlength=\"" + std::to_string(kMaxRemovalReasonChars) + "\" aria-describedby=\"" + id +
               "-error\"" + (err.empty() ? "" : " aria-invalid=\"true\"") + "></textarea><p class=\"field-error\" "
               "id=\"" + id + "-error\"" + (err.empty() ? "" : " role=\"alert\"") + ">" + html(err) +
               "</p></div><button type=\"submit\" class=\"button button-small\">Remove " + html(card_name(m)) +
               "</button></form></li>";
    }
    return out + "</ul>";
}

void client_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    std::string notice;
    if (req.has_param("invited")) notice = "The portal invitation was emailed to the client.";
    if (req.has_param("removed")) notice = "The card was removed, and the reason was written to Activity.";
    if (req.has_param("created")) notice = "The client was added.";
    send_console_client(app, res, 200, *user, req.matches[1].str(), notice, {});
}

}  // namespace

void send_console_new_client(http::Response& res, int status, const ConsoleUser& user, const ClientFormValues& values,
                             const std::vector<pw::Error>& errors) {
    std::string body = "<p class=\"breadcrumb\"><a href=\"/console/clients\">Clients</a></p>"
                       "<h1 class=\"page-title\">New client</h1>";
    std::string form = "<form class=\"form\" method=\"post\" action=\"/console/clients\">";
    std::string summary;
    if (errors.size() == 1 && !errors[0].message.empty())
        summary = "The client was not added: " + errors[0].message;
    else if (!errors.empty())
        summary = "The client was not added: correct the marked fields.";
    form += console_alert(summary);
    form += console_field("name", "Name", "text", "off", values.name, field_error(errors, "name"));
    form += console_field("email", "Email", "email", "off", values.email, field_error(errors, "email"));
    form += console_field("phone", "Phone (optional)", "tel", "off", values.phone, field_error(errors, "phone"), false);
    form += "<button type=\"submit\" class=\"button button-primary\">Add client</button></form>";
    body += console_card("new-client-heading", "Contact details", form);
    send_console_page(res, status, user, ConsoleSection::clients, "New client", body);
}

void send_console_client(App& app, http::Response& res, int status, const ConsoleUser& user,
                         std::string_view client_id, std::string_view notice, const pw::Error& error) {
    auto o = client_overview(app, user.practice.id, client_id);
    if (!o && o.error.code == "not_found")
        return send_console_not_found(res, user, ConsoleSection::clients, "No such client", "/console/clients",
                                      "Clients");
    if (!o) return send_console_unavailable(res, user, ConsoleSection::clients);
    const Client& c = o.value.client;
    std::string body = "<p class=\"breadcrumb\"><a href=\"/console/clients\">Clients</a></p>"
                       "<div class=\"page-head\"><h1 class=\"page-title\">" + html(c.name) + "</h1>"
                       "<a class=\"button button-primary\" href=\"/console/invoices/new?client=" + html(c.id) +
                       "\">New invoice</a></div>";
    if (!notice.empty()) body += console_notice(notice);
    if (error && error.field.empty()) body += console_alert(error.message);
    std::string contact = "<dl class=\"facts\"><div class=\"fact\"><dt>Email</dt><dd class=\"break-anywhere\"><a href=\"mailto:" +
                          html(c.email) + "\">" + html(c.email) + "</a></dd></div>";
    if (!c.phone.empty())
        contact += "<div class=\"fact\"><dt>Phone</dt><dd><a href=\"" + html(tel_href(c.phone)) + "\">" + html(c.phone) +
                   "</a></dd></div>";
    contact += "</dl>";
    body += console_card("contact-heading", "Contact", contact);
    std::string portal = "<p>" + html(portal_status(o.value)) + "</p>";
    if (!c.portal_activated())
        portal += "<form method=\"post\" action=\"/console/clients/" + html(c.id) + "/invite\"><p class=\"hint\">"
                  "The client gets an email with a link to choose a password; the link is never shown here.</p>"
                  "<button type=\"submit\" class=\"button\">Email a portal invitation</button></form>";
    body += console_card("portal-heading", "Client portal", portal);
    body += console_card("invoices-heading", "Invoices", invoices_of(o.value.invoices));
    body += console_card("payments-heading", "Payments",
                         console_payments_table(o.value.payments, "Payments of this client", false));
    body += console_card("cards-heading", "Saved cards", cards_of(o.value.cards, c.id, error));
    send_console_page(res, status, user, ConsoleSection::clients, c.name, body);
}

void register_console_client_pages(http::Router& server, App& app) {
    server.Get("/console/clients",
               [&app](const http::Request& req, http::Response& res) { clients_page(app, req, res); });
    server.Get("/console/clients/new",
               [&app](const http::Request& req, http::Response& res) { new_client_page(app, req, res); });
    server.Get("/console/clients/([A-Za-z0-9_-]{1,128})",
               [&app](const http::Request& req, http::Response& res) { client_page(app, req, res); });
}

}  // namespace pws::pages
