// The console's Invoices (issue 11): the list with filters and drafts
// (console_invoice_list_pages.cpp), the editor with the core's totals
// (console_invoice_editor_pages.cpp), and an invoice's own page with its
// payments, refunds, links and actions (console_invoice_detail_pages.cpp).
// The forms post to routes/console_invoices.cpp, which answers with these
// pages when something must be shown again.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"

#include "app/app.hpp"
#include "pages/console_kit.hpp"
#include "pages/invoice_editor_form.hpp"
#include "paywidget/api.hpp"

namespace pws::pages {

// GET /console/invoices (list), /console/invoices/new and
// /console/invoices/drafts/<id> (editor), /console/invoices/<id> (page),
// /console/invoices/<id>/void (the confirm step).
void register_console_invoice_pages(http::Router& server, App& app);
// Its parts, one per file.
void register_console_invoice_list_page(http::Router& server, App& app);
void register_console_invoice_editor_pages(http::Router& server, App& app);

// The editor of draft `draft_id` (`stored`: saved before; a new invoice's
// editor gets a fresh id, so its saves and issue are idempotent). The form
// posts to /console/invoices/drafts/<draft_id>. `errors` name the inputs
// (editor_input_for); each is shown at its input and listed in one
// role="alert" summary that says what to do.
void send_invoice_editor(App& app, http::Response& res, int status, const ConsoleUser& user,
                         const std::string& draft_id, bool stored, const EditorForm& form,
                         const std::vector<pw::Error>& errors, std::string_view notice = "");

// The totals region's content for the form as read: subtotal, tax,
// discount, total and the minimum first payment, computed by
// invoice_totals (services/invoices.hpp), or what is missing to compute
// them. POST /console/invoices/preview answers with exactly this.
std::string invoice_totals_html(const Practice& practice, const EditorRead& read);

// An invoice's page. `made`: a pay link just created, shown once.
void send_invoice_page(App& app, http::Response& res, int status, const ConsoleUser& user,
                       const std::string& invoice_id, std::string_view notice, std::string_view error,
                       const std::optional<pw::LinkInfo>& made = std::nullopt);

// "Page not found" in the console shell (another practice's invoice or
// draft, or none).
void send_console_not_found(http::Response& res, const ConsoleUser& user, std::string_view what);

}  // namespace pws::pages
