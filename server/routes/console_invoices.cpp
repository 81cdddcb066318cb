// The console's invoice forms. Each checks the Origin first (console_form),
// then the session (any console user of the practice: staff too); every
// record is looked up inside the user's practice, so another practice's
// invoice or draft is a 404.
//   POST /console/invoices/drafts/<id>          the editor: update totals,
//        add or remove a line (nothing stored), save the draft, or issue
//        and send it (services/invoice_drafts.hpp: idempotent)
//   POST /console/invoices/drafts/<id>/delete
//   POST /console/invoices/preview              the totals region's HTML
//        for the form as typed (web/console/invoice-editor.js)
//   POST /console/invoices/<id>/send            send or resend the email
//   POST /console/invoices/<id>/links           a pay link shown once
//   POST /console/invoices/<id>/links/<link>/revoke
//   POST /console/invoices/<id>/void            after the confirm page
#include <cstdlib>
#include <optional>

#include "pages/console_invoice_pages.hpp"
#include "routes/routes.hpp"
#include "services/admin_links.hpp"
#include "services/invoice_actions.hpp"
#include "services/invoice_drafts.hpp"

namespace pws {

namespace {

constexpr const char* kDraftPath = "/console/invoices/drafts/(drf_[A-Za-z0-9_-]{16,124})";
constexpr const char* kInvoicePath = "/console/invoices/(inv_[A-Za-z0-9_-]{1,124})";

int status_for(const pw::Error& e) {
    if (e.code == "storage_busy" || e.code == "storage_error") return 503;
    if (e.code.rfind("smtp_", 0) == 0 || e.code == "outbox_unwritable") return 502;
    if (e.code == "state_conflict") return 409;
    return 422;
}

std::string send_failure(const pw::Error& e) {
    if (status_for(e) == 502) return "The email could not be sent: " + e.message + " Try Send again in a moment.";
    if (status_for(e) == 503) return "The server is busy. Try again in a moment.";
    return e.message.empty() ? std::string("This did not work. Try again.") : e.message;
}

// Every invoice form's checks, in this order: this host's Origin (403),
// then a signed-in user (redirect to sign-in). The form and the user.
struct Checked {
    http::Params form;
    ConsoleUser user;
};
std::optional<Checked> checked(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return std::nullopt;
    auto user = pages::require_console_user(app, req, res);
    if (!user) return std::nullopt;
    return Checked{std::move(*form), std::move(*user)};
}

// The editor's buttons: a line added or removed, totals, save, issue.
void editor_post(App& app, const http::Request& req, http::Response& res) {
    auto in = checked(app, req, res);
    if (!in) return;
    const http::Params* form = &in->form;
    const ConsoleUser* user = &in->user;
    const std::string id = req.matches[1].str();
    const Actor actor = Actor::user(user->user);
    auto stored = load_invoice_draft(app, user->practice.id, id);
    if (!stored && stored.error.code != "not_found")
        return pages::send_console_page(res, 503, *user, pages::ConsoleSection::invoices, "Try again",
                                        "<section class=\"card message\"><h1>The draft could not be loaded</h1><p>Go "
                                        "back and try again in a moment.</p></section>");
    const bool exists = stored.ok();
    pages::EditorForm f = pages::editor_form_from_post(*form);
    const std::string action = pages::field_value(*form, "action");
    const std::string remove = pages::field_value(*form, "remove_line");
    if (!remove.empty()) {
        const std::size_t n = static_cast<std::size_t>(std::atoi(remove.c_str()));
        if (f.lines.size() > 1 && n < f.lines.size()) f.lines.erase(f.lines.begin() + static_cast<std::ptrdiff_t>(n));
        return pages::send_invoice_editor(app, res, 200, *user, id, exists, f, {}, "The line was removed.");
    }
    if (action == "add_line") {
        if (f.lines.size() < pages::kMaxEditorLines) f.lines.push_back(pages::EditorLine{"", "1", "", ""});
        return pages::send_invoice_editor(app, res, 200, *user, id, exists, f, {}, "A line was added at the end.");
    }
    pages::EditorRead read = pages::read_editor_form(f);
    if (!read.errors.empty()) return pages::send_invoice_editor(app, res, 422, *user, id, exists, f, read.errors);
    if (action != "save" && action != "issue") return pages::send_invoice_editor(app, res, 200, *user, id, exists, f, {});

    if (pw::Error e = save_invoice_draft(app, user->practice.id, id, read.request, actor)) {
        if (e.field == "draft") return pages::redirect(res, "/console/invoices/" + invoice_id_for_draft(id));
        if (e.code == "already_exists") return pages::send_console_not_found(res, *user, "draft");
        return pages::send_invoice_editor(app, res, 503, *user, id, exists, f,
                                          {pw::make_error("storage_busy", "", "The draft was not saved. Try again.")});
    }
    if (action == "save") return pages::redirect(res, "/console/invoices/drafts/" + id + "?saved=1");

    auto issued = issue_invoice_draft(app, user->practice, id, actor);
    if (!issued) {
        if (issued.error.code == "not_found" && issued.error.field == "draft")
            return pages::send_console_not_found(res, *user, "draft");
        if (status_for(issued.error) == 503)
            return pages::send_invoice_editor(app, res, 503, *user, id, true, f,
                                              {pw::make_error("storage_busy", "", "The invoice was not issued. Try again.")});
        // A rule of the core: the draft is kept, the field named.
        return pages::send_invoice_editor(app, res, 422, *user, id, true, f, {issued.error},
                                          "The draft was saved, but it cannot be issued yet.");
    }
    const std::string page = "/console/invoices/" + issued.value.invoice_id;
    if (!issued.value.issued_now) return pages::redirect(res, page);
    if (issued.value.send_error)
        return pages::send_invoice_page(app, res, 502, *user, issued.value.invoice_id, "The invoice was issued.",
                                        send_failure(issued.value.send_error));
    pages::redirect(res, page + "?issued=1");
}

void delete_draft(App& app, const http::Request& req, http::Response& res) {
    auto in = checked(app, req, res);
    if (!in) return;
    const ConsoleUser* user = &in->user;
    pw::Error e = delete_invoice_draft(app, user->practice.id, req.matches[1].str(), Actor::user(user->user));
    if (e.code == "not_found") return pages::send_console_not_found(res, *user, "draft");
    if (e) return pages::send_console_page(res, 503, *user, pages::ConsoleSection::invoices, "Try again",
                                           "<section class=\"card message\"><h1>The draft was not deleted</h1><p>Go "
                                           "back and try again in a moment.</p></section>");
    pages::redirect(res, "/console/invoices?deleted=1");
}

// The totals region for the form as typed. Same checks as every form
// post; the answer is a fragment of HTML the script puts in place.
void preview(App& app, const http::Request& req, http::Response& res) {
    auto in = checked(app, req, res);
    if (!in) return;
    const http::Params* form = &in->form;
    const ConsoleUser* user = &in->user;
    const pages::EditorRead read = pages::read_editor_form(pages::editor_form_from_post(*form));
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_content(pages::invoice_totals_html(user->practice, read), "text/html; charset=utf-8");
}

void send(App& app, const http::Request& req, http::Response& res) {
    auto in = checked(app, req, res);
    if (!in) return;
    const http::Params* form = &in->form;
    const ConsoleUser* user = &in->user;
    const std::string id = req.matches[1].str();
    pw::SendInvoiceRequest body;
    body.revoke_previous = pages::field_value(*form, "revoke_previous") == "1";
    auto sent = send_invoice_logged(app, user->practice, id, body, Actor::user(user->user));
    if (sent) return pages::redirect(res, "/console/invoices/" + id + "?sent=1");
    if (sent.error.code == "not_found") return pages::send_console_not_found(res, *user, "invoice");
    pages::send_invoice_page(app, res, status_for(sent.error), *user, id, "", send_failure(sent.error));
}

void make_link(App& app, const http::Request& req, http::Response& res) {
    auto in = checked(app, req, res);
    if (!in) return;
    const ConsoleUser* user = &in->user;
    const std::string id = req.matches[1].str();
    auto link = issue_link(app, user->practice, id, kDefaultLinkDays);
    if (link.error.code == "not_found") return pages::send_console_not_found(res, *user, "invoice");
    if (!link) return pages::send_invoice_page(app, res, 503, *user, id, "", send_failure(link.error));
    pages::send_invoice_page(app, res, 201, *user, id, "", "", link.value);
}

void revoke(App& app, const http::Request& req, http::Response& res) {
    auto in = checked(app, req, res);
    if (!in) return;
    const ConsoleUser* user = &in->user;
    const std::string id = req.matches[1].str();
    pw::Error e = revoke_link_logged(app, user->practice, id, req.matches[2].str(), Actor::user(user->user));
    if (e.code == "not_found") return pages::send_console_not_found(res, *user, "link");
    if (e) return pages::send_invoice_page(app, res, 503, *user, id, "", send_failure(e));
    pages::redirect(res, "/console/invoices/" + id + "?revoked=1");
}

void void_post(App& app, const http::Request& req, http::Response& res) {
    auto in = checked(app, req, res);
    if (!in) return;
    const ConsoleUser* user = &in->user;
    const std::string id = req.matches[1].str();
    pw::Error e = void_invoice(app, user->practice, id, Actor::user(user->user));
    if (e.code == "not_found") return pages::send_console_not_found(res, *user, "invoice");
    if (e.code == "state_conflict")
        return pages::send_invoice_page(app, res, 409, *user, id, "",
                                        "This invoice was not voided: a payment holds part of it. Refund the payment "
                                        "instead, from its payment page.");
    if (e) return pages::send_invoice_page(app, res, 503, *user, id, "", send_failure(e));
    pages::redirect(res, "/console/invoices/" + id + "?voided=1");
}

}  // namespace

void register_console_invoice_routes(http::Router& server, App& app) {
    server.Post("/console/invoices/preview",
                [&app](const http::Request& req, http::Response& res) { preview(app, req, res); });
    server.Post(kDraftPath, [&app](const http::Request& req, http::Response& res) { editor_post(app, req, res); });
    server.Post(std::string(kDraftPath) + "/delete",
                [&app](const http::Request& req, http::Response& res) { delete_draft(app, req, res); });
    server.Post(std::string(kInvoicePath) + "/send",
                [&app](const http::Request& req, http::Response& res) { send(app, req, res); });
    server.Post(std::string(kInvoicePath) + "/links",
                [&app](const http::Request& req, http::Response& res) { make_link(app, req, res); });
    server.Post(std::string(kInvoicePath) + "/links/(lnk_[A-Za-z0-9_-]{1,124})/revoke",
                [&app](const http::Request& req, http::Response& res) { revoke(app, req, res); });
    server.Post(std::string(kInvoicePath) + "/void",
                [&app](const http::Request& req, http::Response& res) { void_post(app, req, res); });
}

}  // namespace pws
