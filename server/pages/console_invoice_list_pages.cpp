// GET /console/invoices: the practice's drafts (newest change first), then
// its invoices filtered by GET parameters: status (open, partially_paid,
// processing, paid, void), overdue=1, currency (a code). Filters are a
// plain GET form, so a filtered list is a link that can be kept.
#include <set>

#include "pages/console_invoice_pages.hpp"
#include "services/api_records.hpp"
#include "services/invoice_drafts.hpp"

namespace pws::pages {

namespace {

struct ListFilter {
    std::string status;    // "" : any
    bool overdue = false;
    std::string currency;  // "" : any
};

constexpr std::pair<std::string_view, std::string_view> kStatuses[] = {
    {"open", "Open"}, {"partially_paid", "Partially paid"}, {"processing", "Processing"},
    {"paid", "Paid"}, {"void", "Void"}};

ListFilter filter_of(const http::Request& req) {
    ListFilter f;
    auto param = [&](const char* name) { return req.has_param(name) ? req.get_param_value(name) : std::string(); };
    for (const auto& [id, label] : kStatuses)
        if (param("status") == id) f.status = id;
    f.overdue = param("overdue") == "1";
    const std::string c = param("currency");
    if (c.size() == 3) f.currency = c;
    return f;
}

bool unpaid(const pw::Invoice& i) {
    return i.status == pw::InvoiceStatus::open || i.status == pw::InvoiceStatus::partially_paid;
}

bool keep(const pw::Invoice& i, const ListFilter& f, const pw::Date& today) {
    if (!f.status.empty() && pw::status_id(i.status) != f.status) return false;
    if (f.overdue && !(unpaid(i) && i.due_date < today)) return false;
    return f.currency.empty() || i.currency == f.currency;
}

std::string option(std::string_view value, std::string_view label, bool selected) {
    return "<option value=\"" + html(value) + "\"" + (selected ? " selected" : "") + ">" + html(label) + "</option>";
}

std::string filter_form(const ListFilter& f, const std::set<std::string>& currencies) {
    std::string out = "<form class=\"filters\" method=\"get\" action=\"/console/invoices\" role=\"search\" "
                      "aria-label=\"Filter invoices\"><div class=\"field\"><label for=\"status\">Status</label>"
                      "<select id=\"status\" name=\"status\">" + option("", "Any status", f.status.empty());
    for (const auto& [id, label] : kStatuses) out += option(id, label, f.status == id);
    out += "</select></div><div class=\"field\"><label for=\"currency\">Currency</label><select id=\"currency\" "
           "name=\"currency\">" + option("", "Any currency", f.currency.empty());
    for (const std::string& c : currencies) out += option(c, c, f.currency == c);
    out += "</select></div><div class=\"field field-check\"><input type=\"checkbox\" id=\"overdue\" name=\"overdue\" "
           "value=\"1\"" + std::string(f.overdue ? " checked" : "") + "><label for=\"overdue\">Overdue only</label></div>"
           "<button type=\"submit\" class=\"button button-small\">Filter</button></form>";
    return out;
}

std::string invoice_rows(const std::vector<InvoiceView>& rows, const pw::Date& today) {
    if (rows.empty()) return "<p class=\"empty\">No invoices match.</p>";
    std::string out = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Invoices table\"><table><caption class=\"visually-hidden\">Invoices, newest first"
                      "</caption><thead><tr><th scope=\"col\">Invoice</th><th scope=\"col\">Client</th>"
                      "<th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Total"
                      "</th><th scope=\"col\" class=\"num\">Balance</th></tr></thead><tbody>";
    for (const InvoiceView& v : rows) {
        const pw::Invoice& i = v.invoice;
        std::string due = html(date_text(i.due_date));
        if (unpaid(i) && i.due_date < today) due += " <span class=\"badge badge-overdue\">Overdue</span>";
        out += "<tr><td class=\"nowrap\"><a href=\"/console/invoices/" + html(i.id) + "\">" + html(i.number) +
               "</a></td><td>" + html(i.client.name) + "</td><td class=\"nowrap\">" + due + "</td><td>" +
               status_badge(i.status) + "</td><td class=\"num\">" + html(money(i.total, i.currency)) +
               "</td><td class=\"num\">" + html(money(i.balance, i.currency)) + "</td></tr>";
    }
    return out + "</tbody></table></div>";
}

std::string draft_rows(const std::vector<InvoiceDraft>& drafts, const std::vector<Client>& clients) {
    std::string out = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Drafts table\"><table><caption class=\"visually-hidden\">Drafts</caption><thead>"
                      "<tr><th scope=\"col\">Client</th><th scope=\"col\">Last changed</th><th scope=\"col\">"
                      "<span class=\"visually-hidden\">Action</span></th></tr></thead><tbody>";
    for (const InvoiceDraft& d : drafts) {
        std::string who = "No client yet";
        for (const Client& c : clients)
            if (c.id == d.client_id) who = c.name;
        out += "<tr><td>" + html(who) + "</td><td class=\"nowrap\">" +
               html(instant_date_text(rec::format_instant(d.updated_at))) + "</td><td><a href=\"/console/invoices/drafts/" +
               html(d.id) + "\">Continue the draft<span class=\"visually-hidden\"> for " + html(who) +
               "</span></a></td></tr>";
    }
    return out + "</tbody></table></div>";
}

void list_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    const ListFilter f = filter_of(req);
    std::vector<InvoiceView> invoices;
    std::vector<Client> clients;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.practice_invoices(user->practice.id, InvoiceFilter::all);
        if (!found) return found.error;
        invoices = std::move(found.value);
        auto cs = t.practice_clients(user->practice.id);
        if (!cs) return cs.error;
        clients = std::move(cs.value);
        return {};
    });
    auto drafts = list_invoice_drafts(app, user->practice.id);
    if (e || !drafts)
        return send_console_page(res, 503, *user, ConsoleSection::invoices, "Try again",
                                 "<section class=\"card message\"><h1>This page could not be loaded</h1><p>The server "
                                 "is busy right now. Reload the page in a moment.</p></section>");
    std::set<std::string> currencies;
    std::vector<InvoiceView> shown;
    for (InvoiceView& v : invoices) {
        currencies.insert(v.invoice.currency);
        if (keep(v.invoice, f, app.today())) shown.push_back(std::move(v));
    }
    std::string body = "<div class=\"page-head\"><h1 class=\"page-title\">Invoices</h1><a class=\"button "
                       "button-primary\" href=\"/console/invoices/new\">New invoice</a></div>";
    if (req.has_param("deleted")) body += console_notice("The draft was deleted.");
    if (!drafts.value.empty())
        body += "<section class=\"card\" aria-labelledby=\"drafts-heading\"><h2 id=\"drafts-heading\" "
                "class=\"card-title\">Drafts</h2>" + draft_rows(drafts.value, clients) + "</section>";
    body += "<section class=\"card\" aria-labelledby=\"invoices-heading\"><h2 id=\"invoices-heading\" "
            "class=\"card-title\">Issued invoices</h2>" + filter_form(f, currencies) + invoice_rows(shown, app.today()) +
            "</section>";
    send_console_page(res, 200, *user, ConsoleSection::invoices, "Invoices", body);
}

}  // namespace

void register_console_invoice_list_page(http::Router& server, App& app) {
    server.Get("/console/invoices", [&app](const http::Request& req, http::Response& res) { list_page(app, req, res); });
}

}  // namespace pws::pages
