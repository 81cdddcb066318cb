// The console's read-only pages: Home (money due, paid this month, recent
// payments, invoices needing attention), the practice's clients and invoices
// lists, and the Activity log (Payments: console_payment_pages.cpp). Every query is scoped to the
// signed-in user's practice.
#include "pages/console_pages.hpp"
#include "pages/console_payment_pages.hpp"
#include "pages/fragments.hpp"
#include "services/activity.hpp"
#include "services/api_records.hpp"
#include "services/console_home.hpp"

namespace pws::pages {

namespace {

constexpr std::size_t kActivityPage = 25;

// "$1,200.00 · CA$90.00", or "None" when nothing.
std::string per_currency(const std::map<std::string, std::int64_t>& amounts) {
    std::string out;
    for (const auto& [currency, minor] : amounts) {
        if (minor == 0) continue;
        out += (out.empty() ? "" : "<br>") + html(money(minor, currency));
    }
    return out.empty() ? std::string("<span class=\"muted\">None</span>") : out;
}

std::string invoices_table(const std::vector<InvoiceView>& rows, std::string_view caption, const pw::Date& today) {
    if (rows.empty()) return "<p class=\"empty\">No invoices.</p>";
    std::string out = "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">" + html(caption) +
                      "</caption><thead><tr><th scope=\"col\">Invoice</th><th scope=\"col\">Client</th>"
                      "<th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">"
                      "Balance</th></tr></thead><tbody>";
    for (const InvoiceView& v : rows) {
        const pw::Invoice& i = v.invoice;
        const bool unpaid = i.status == pw::InvoiceStatus::open || i.status == pw::InvoiceStatus::partially_paid;
        std::string due = html(date_text(i.due_date));
        if (unpaid && i.due_date < today) due += " <span class=\"badge badge-overdue\">Overdue</span>";
        out += "<tr><td class=\"nowrap\"><a href=\"/console/invoices/" + html(v.record.id) + "\">" + html(i.number) +
               "</a></td><td>" + html(i.client.name) +
               "</td><td class=\"nowrap\">" + due + "</td><td>" + status_badge(i.status) +
               "</td><td class=\"num\">" + html(money(i.balance, i.currency)) + "</td></tr>";
    }
    return out + "</tbody></table></div>";
}

void home_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    auto home = console_home(app, user->practice.id);
    if (!home) return send_console_unavailable(res, *user, ConsoleSection::home);
    std::string body = "<h1 class=\"page-title\">Home</h1>";
    body += "<section class=\"card\" aria-labelledby=\"totals-heading\"><h2 id=\"totals-heading\" "
            "class=\"visually-hidden\">Totals</h2><dl class=\"facts\">";
    body += "<div class=\"fact\"><dt>Money due</dt><dd class=\"amount-lg\">" + per_currency(home.value.due) +
            "</dd></div>";
    body += "<div class=\"fact\"><dt>Paid this month</dt><dd class=\"amount-lg\">" +
            per_currency(home.value.paid_month) + "</dd></div></dl></section>";
    body += console_card("attention-heading", "Due soon or overdue",
                    invoices_table(home.value.attention, "Invoices due within a week or overdue", app.today()));
    body += console_card("recent-heading", "Recent payments", console_payments_table(home.value.recent, "Recent payments", false));
    send_console_page(res, 200, *user, ConsoleSection::home, "Home", body);
}

std::string actor_text(const std::string& actor, const std::vector<PracticeUser>& users) {
    for (const PracticeUser& u : users)
        if (u.id == actor) return u.name;
    return actor;  // "api key <name>", "client", or a user no longer known
}

void activity_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    const std::size_t page = console_page_number(req);
    // One more than a page: is there a next one?
    auto entries = list_activity(app, user->practice.id, kActivityPage + 1, (page - 1) * kActivityPage);
    std::vector<PracticeUser> users;
    pw::Error e = entries.error;
    if (!e) e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.practice_users(user->practice.id);
        if (!found) return found.error;
        users = std::move(found.value);
        return {};
    });
    if (e) return send_console_unavailable(res, *user, ConsoleSection::activity);
    const bool more = entries.value.size() > kActivityPage;
    if (more) entries.value.pop_back();
    std::string table;
    if (entries.value.empty()) {
        table = "<p class=\"empty\">Nothing has happened yet.</p>";
    } else {
        table = "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">Activity, newest first"
                "</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">"
                "What</th></tr></thead><tbody>";
        for (const ActivityEntry& a : entries.value)
            table += "<tr><td class=\"nowrap\">" + html(rec::format_instant(a.at)) + "</td><td>" +
                     html(actor_text(a.actor, users)) + "</td><td>" + html(a.detail.empty() ? a.action : a.detail) +
                     "</td></tr>";
        table += "</tbody></table></div>";
    }
    std::string pager;
    if (page > 1 || more) {
        pager = "<nav class=\"pager\" aria-label=\"Activity pages\">";
        if (page > 1) pager += "<a href=\"/console/activity?page=" + std::to_string(page - 1) + "\">Newer</a>";
        if (more) pager += "<a href=\"/console/activity?page=" + std::to_string(page + 1) + "\">Older</a>";
        pager += "</nav>";
    }
    send_console_page(res, 200, *user, ConsoleSection::activity, "Activity",
                      "<h1 class=\"page-title\">Activity</h1>" +
                          console_card("activity-heading", "Who did what", table + pager));
}

}  // namespace

void register_console_home_pages(http::Router& server, App& app) {
    server.Get("/console", [&app](const http::Request& req, http::Response& res) { home_page(app, req, res); });
    server.Get("/console/activity",
               [&app](const http::Request& req, http::Response& res) { activity_page(app, req, res); });
}

}  // namespace pws::pages
