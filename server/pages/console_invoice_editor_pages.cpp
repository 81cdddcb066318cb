// The invoice editor (/console/invoices/new, /console/invoices/drafts/<id>):
// a plain form that works without JavaScript ("Add line", "Remove line",
// "Update totals" are submit buttons the server answers), with the totals
// the core computes shown on every answer; web/console/invoice-editor.js
// refreshes them while typing through POST /console/invoices/preview.
//
// The first submit button in the form is "Update totals": pressing Enter in
// any input submits with it, never with a line's "Remove".
#include <map>

#include "pages/console_invoice_pages.hpp"
#include "paywidget/money.hpp"
#include "paywidget/partial_plan.hpp"
#include "services/invoice_drafts.hpp"
#include "services/invoices.hpp"

namespace pws::pages {

namespace {

using Errors = std::map<std::string, std::string, std::less<>>;

// "items[0].unit_amount" -> "items-0-unit_amount": ids that CSS selectors
// and fragment links take as they are.
std::string input_id(std::string_view name) {
    std::string id;
    for (char c : name) id += (c == '[' || c == ']' || c == '.') ? '-' : c;
    while (id.find("--") != std::string::npos) id.erase(id.find("--"), 1);
    if (!id.empty() && id.back() == '-') id.pop_back();
    return id;
}

std::string error_slot(const std::string& id, const Errors& errors, std::string_view name) {
    auto it = errors.find(name);
    return "<p class=\"field-error\" id=\"" + id + "-error\">" + (it == errors.end() ? "" : html(it->second)) + "</p>";
}

// A labelled text input named `name`. `extra`: attributes such as
// inputmode; `hint` shown under the label.
std::string input(std::string_view name, std::string_view label, std::string_view value, const Errors& errors,
                  std::string_view extra = "", std::string_view type = "text", std::string_view hint = "") {
    const std::string id = input_id(name);
    const bool bad = errors.count(name) > 0;
    std::string out = "<div class=\"field\"><label for=\"" + id + "\">" + html(label) + "</label>";
    std::string described = id + "-error";
    if (!hint.empty()) {
        out += "<p class=\"hint\" id=\"" + id + "-hint\">" + html(hint) + "</p>";
        described = id + "-hint " + described;
    }
    out += "<input id=\"" + id + "\" name=\"" + html(name) + "\" type=\"" + std::string(type) +
           "\" autocomplete=\"off\" aria-describedby=\"" + described + "\" value=\"" + html(value) + "\"" +
           (bad ? " aria-invalid=\"true\"" : "") + (extra.empty() ? "" : " " + std::string(extra)) + ">";
    return out + error_slot(id, errors, name) + "</div>";
}

std::string checkbox(std::string_view name, std::string_view label, bool checked) {
    const std::string id = input_id(name);
    return "<div class=\"field field-check\"><input type=\"checkbox\" id=\"" + id + "\" name=\"" + std::string(name) +
           "\" value=\"1\"" + (checked ? " checked" : "") + "><label for=\"" + id + "\">" + html(label) +
           "</label></div>";
}

std::string radio(std::string_view name, std::string_view value, std::string_view label, bool checked) {
    const std::string id = std::string(name) + "-" + std::string(value);
    return "<div class=\"field field-check\"><input type=\"radio\" id=\"" + id + "\" name=\"" + std::string(name) +
           "\" value=\"" + std::string(value) + "\"" + (checked ? " checked" : "") + "><label for=\"" + id + "\">" +
           html(label) + "</label></div>";
}

std::string client_select(const std::vector<Client>& clients, const std::string& chosen, const Errors& errors) {
    const bool bad = errors.count("client_id") > 0;
    std::string out = "<div class=\"field\"><label for=\"client_id\">Client</label><select id=\"client_id\" "
                      "name=\"client_id\" aria-describedby=\"client_id-error\"" +
                      std::string(bad ? " aria-invalid=\"true\"" : "") + "><option value=\"\">Choose a client</option>";
    for (const Client& c : clients)
        out += "<option value=\"" + html(c.id) + "\"" + (c.id == chosen ? " selected" : "") + ">" + html(c.name) +
               " (" + html(c.email) + ")</option>";
    out += "</select>" + error_slot("client_id", errors, "client_id");
    if (clients.empty()) out += "<p class=\"hint\">No clients yet: <a href=\"/console/clients\">add one</a> first.</p>";
    return out + "</div>";
}

std::string line_html(std::size_t i, const EditorLine& l, bool removable, const Errors& errors) {
    const std::string n = std::to_string(i + 1);
    const std::string p = "items[" + std::to_string(i) + "].";
    std::string out = "<fieldset class=\"editor-line\"><legend>Line " + n + "</legend>";
    out += input(p + "description", "Description", l.description, errors, "maxlength=\"500\"");
    out += "<div class=\"editor-line-numbers\">";
    out += input(p + "quantity", "Quantity", l.quantity, errors, "inputmode=\"numeric\" maxlength=\"5\"");
    out += input(p + "unit_amount", "Unit price", l.unit_amount, errors, "inputmode=\"decimal\" maxlength=\"24\"");
    out += input(p + "tax", "Tax on this line", l.tax, errors, "inputmode=\"decimal\" maxlength=\"24\"");
    out += "</div>";
    if (removable)
        out += "<button type=\"submit\" name=\"remove_line\" value=\"" + std::to_string(i) +
               "\" class=\"button button-small\" formnovalidate>Remove line " + n + "</button>";
    return out + "</fieldset>";
}

std::string error_summary(const std::vector<pw::Error>& errors) {
    if (errors.empty()) return "";
    std::string out = "<div class=\"form-error\" role=\"alert\"><p>The invoice needs a few changes. Correct the "
                      "fields below, then try again:</p><ul>";
    for (const pw::Error& e : errors)
        out += "<li><a href=\"#" + input_id(editor_input_for(e.field)) + "\">" +
               html(e.message.empty() ? "Check this value." : e.message) + "</a></li>";
    return out + "</ul></div>";
}

std::vector<Client> practice_clients(App& app, const std::string& practice_id) {
    std::vector<Client> clients;
    (void)app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.practice_clients(practice_id);
        if (found) clients = std::move(found.value);
        return found.error;
    });
    return clients;
}

}  // namespace

std::string invoice_totals_html(const Practice& practice, const EditorRead& read) {
    std::string out = "<h2 id=\"totals-heading\" class=\"card-title\">Totals</h2>";
    if (!read.totals_ready)
        return out + "<p class=\"muted\">The totals appear once the currency is known and every line has a "
                     "quantity and a unit price.</p>";
    pw::Result<pw::Invoice> t = invoice_totals(practice, read.totals);
    if (!t) return out + "<p class=\"field-error\">" + html(t.error.message) + "</p>";
    const pw::Invoice& inv = t.value;
    auto row = [&](std::string_view label, std::int64_t minor, std::string_view cls = "") {
        return "<div class=\"fact" + std::string(cls) + "\"><dt>" + std::string(label) + "</dt><dd>" +
               html(money(minor, inv.currency)) + "</dd></div>";
    };
    out += "<dl class=\"facts totals\">" + row("Subtotal", inv.subtotal) + row("Tax", inv.tax) +
           row("Discount", inv.discount) + row("Total", inv.total, " fact-total");
    out += "<div class=\"fact\"><dt>Minimum first payment</dt><dd>";
    if (inv.partial.enabled && inv.total > 0)
        out += html(money(pw::minimum_partial(inv.partial, inv.total), inv.currency));
    else
        out += "The full total (partial payments off)";
    return out + "</dd></div></dl>";
}

void send_invoice_editor(App& app, http::Response& res, int status, const ConsoleUser& user,
                         const std::string& draft_id, bool stored, const EditorForm& f,
                         const std::vector<pw::Error>& errors, std::string_view notice) {
    Errors by_input;
    for (const pw::Error& e : errors) by_input.emplace(editor_input_for(e.field), e.message);
    const std::string action = "/console/invoices/drafts/" + draft_id;
    std::string body = "<p class=\"breadcrumb\"><a href=\"/console/invoices\">Invoices</a></p><h1 class=\"page-title\">" +
                       std::string(stored ? "Draft invoice" : "New invoice") + "</h1>";
    if (!notice.empty()) body += console_notice(notice);
    body += error_summary(errors);
    body += "<form class=\"form invoice-editor\" method=\"post\" action=\"" + html(action) +
            "\" data-preview=\"/console/invoices/preview\" novalidate>";
    body += "<div class=\"editor-actions\"><button type=\"submit\" name=\"action\" value=\"update\" class=\"button\">"
            "Update totals</button><button type=\"submit\" name=\"action\" value=\"save\" class=\"button\">Save draft"
            "</button></div>";

    body += "<section class=\"card\" aria-labelledby=\"who-heading\"><h2 id=\"who-heading\" class=\"card-title\">"
            "Client and dates</h2>";
    body += client_select(practice_clients(app, user.practice.id), f.client_id, by_input);
    body += input("currency", "Currency", f.currency, by_input, "maxlength=\"3\" autocapitalize=\"characters\"", "text",
                  "A three-letter code such as USD, CAD or EUR.");
    body += "<div class=\"editor-dates\">" + input("issue_date", "Issue date", f.issue_date, by_input, "", "date") +
            input("due_date", "Due date", f.due_date, by_input, "", "date") + "</div></section>";

    body += "<section class=\"card\" aria-labelledby=\"lines-heading\"><h2 id=\"lines-heading\" class=\"card-title\">"
            "Lines</h2><p class=\"hint\">Prices and tax in the invoice currency, such as 120.00.</p>";
    body += error_slot("items", by_input, "items");
    for (std::size_t i = 0; i < f.lines.size(); ++i) body += line_html(i, f.lines[i], f.lines.size() > 1, by_input);
    if (f.lines.size() < kMaxEditorLines)
        body += "<button type=\"submit\" name=\"action\" value=\"add_line\" class=\"button button-small add-line\" "
                "formnovalidate>Add line</button>";
    body += input("discount", "Discount on the whole invoice", f.discount, by_input,
                  "inputmode=\"decimal\" maxlength=\"24\"");
    body += "</section>";

    body += "<section class=\"card\" id=\"invoice-totals\" aria-live=\"polite\" aria-labelledby=\"totals-heading\">" +
            invoice_totals_html(user.practice, read_editor_form(f)) + "</section>";

    body += "<section class=\"card\" aria-labelledby=\"options-heading\"><h2 id=\"options-heading\" "
            "class=\"card-title\">Payment options</h2>";
    body += checkbox("partial_enabled", "Allow partial payments (at most two payments)", f.partial);
    body += error_slot("partial_enabled", by_input, "partial_enabled");
    body += "<fieldset class=\"editor-group\"><legend>Minimum first payment</legend>";
    body += radio("minimum_type", "percent", "A percentage of the balance", f.minimum_type != "fixed");
    body += input("minimum_percent", "Percentage", f.minimum_percent, by_input, "inputmode=\"decimal\" maxlength=\"6\"",
                  "text", "Such as 25 for 25 %.");
    body += radio("minimum_type", "fixed", "A fixed amount", f.minimum_type == "fixed");
    body += input("minimum_amount", "Amount", f.minimum_amount, by_input, "inputmode=\"decimal\" maxlength=\"24\"");
    body += "</fieldset>";
    body += "<fieldset class=\"editor-group\" aria-describedby=\"accept_card-error\"><legend>Accepted payment methods"
            "</legend>";
    body += checkbox("accept_card", "Card", f.card) + checkbox("accept_ach", "ACH bank debit (US)", f.ach) +
            checkbox("accept_pad", "PAD bank debit (Canada)", f.pad) + checkbox("accept_sepa", "SEPA bank debit (Europe)", f.sepa);
    body += error_slot("accept_card", by_input, "accept_card") + "</fieldset>";
    body += input("settlement_currency", "Settlement currency", f.settlement_currency, by_input, "maxlength=\"3\"", "text",
                  "Only when you are paid in another currency than the invoice's. Leave empty otherwise.");
    body += input("fx_rate", "Exchange rate shown to the client", f.fx_rate, by_input, "inputmode=\"decimal\" maxlength=\"20\"",
                  "text", "One unit of the invoice currency in the settlement currency, such as 1.3512.");
    body += "</section>";

    body += "<div class=\"editor-actions\"><button type=\"submit\" name=\"action\" value=\"save\" class=\"button\">"
            "Save draft</button><button type=\"submit\" name=\"action\" value=\"issue\" class=\"button button-primary\">"
            "Issue and send</button></div>";
    body += "<p class=\"hint\">Issue and send creates the invoice and emails the client a Pay Invoice link.</p></form>";
    if (stored)
        body += "<form method=\"post\" action=\"/console/invoices/drafts/" + html(draft_id) +
                "/delete\" class=\"inline-form editor-delete\"><button type=\"submit\" class=\"button button-small\">"
                "Delete draft</button></form>";
    body += "<script src=\"/console/invoice-editor.js\" defer></script>";
    send_console_page(res, status, user, ConsoleSection::invoices, stored ? "Draft invoice" : "New invoice", body);
}

}  // namespace pws::pages

namespace pws::pages {

namespace {

void new_invoice_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    auto form = new_editor_form(user->practice, app.today());
    // ?client=<id> from a client's page: that client chosen (the select lists
    // only this practice's clients, and issuing checks it again).
    if (req.has_param("client")) form.client_id = req.get_param_value("client").substr(0, 128);
    send_invoice_editor(app, res, 200, *user, new_draft_id(), false, form, {});
}

void draft_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    auto loaded = load_invoice_draft(app, user->practice.id, req.matches[1].str());
    if (loaded.error.code == "not_found") return send_console_not_found(res, *user, "draft");
    if (!loaded)
        return send_console_page(res, 503, *user, ConsoleSection::invoices, "Try again",
                                 "<section class=\"card message\"><h1>This draft could not be loaded</h1><p>Reload the "
                                 "page in a moment.</p></section>");
    send_invoice_editor(app, res, 200, *user, loaded.value.draft.id, true, editor_form_from_request(loaded.value.request), {},
                        req.has_param("saved") ? "The draft was saved." : "");
}

}  // namespace

void register_console_invoice_editor_pages(http::Router& server, App& app) {
    server.Get("/console/invoices/new",
               [&app](const http::Request& req, http::Response& res) { new_invoice_page(app, req, res); });
    server.Get("/console/invoices/drafts/(drf_[A-Za-z0-9_-]{16,124})",
               [&app](const http::Request& req, http::Response& res) { draft_page(app, req, res); });
}

}  // namespace pws::pages
