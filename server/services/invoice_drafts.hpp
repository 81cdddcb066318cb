// Invoice drafts: the console's invoices being written (schema v8). A draft
// holds the pw::CreateInvoiceRequest JSON as far as it is filled in; saving
// checks only shapes and limits (the editor's parse), issuing runs every
// core rule (pw::decode, then create_invoice).
//
// Issuing is idempotent without any lock of ours: the draft "drf_X" becomes
// the invoice "inv_X", and the draft is deleted in the transaction that
// inserts the invoice. Of two submits (a double click, a retry after a lost
// answer, two instances) exactly one inserts the invoice and sends the
// email; the other finds the draft gone and the invoice there, and only
// shows it. A crash after the commit and before the email leaves an issued
// invoice without a link: its page says "not sent yet" and offers Send.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "paywidget/api.hpp"
#include "services/activity.hpp"

namespace pws {

inline constexpr std::size_t kMaxDraftsListed = 50;

// "drf_X" -> "inv_X": the id of the invoice a draft becomes.
std::string invoice_id_for_draft(std::string_view draft_id);

// A fresh draft id ("drf_" + random). The editor for a new invoice is
// given one when it opens, so saving it twice stores ONE draft.
std::string new_draft_id();

// Stores the practice's draft `id` (a "drf_" id): inserted the first time
// (logged as "draft.created"), replaced afterwards. Errors: already_exists
// (field id) when the id is another practice's draft, invalid_value (field
// draft) when the draft was issued already, storage failures. `request` is
// the partial CreateInvoiceRequest JSON object.
pw::Error save_invoice_draft(App& app, std::string_view practice_id, const std::string& id,
                             const nlohmann::json& request, const Actor& actor);

// The practice's draft (not_found otherwise) with its request JSON.
struct LoadedDraft {
    InvoiceDraft draft;
    nlohmann::json request;  // an object; {} when the stored text no longer parses
};
pw::Result<LoadedDraft> load_invoice_draft(App& app, std::string_view practice_id, std::string_view id);
pw::Result<std::vector<InvoiceDraft>> list_invoice_drafts(App& app, std::string_view practice_id);

// Deletes the practice's draft, logged as "draft.deleted". not_found.
pw::Error delete_invoice_draft(App& app, std::string_view practice_id, const std::string& id, const Actor& actor);

struct IssuedDraft {
    std::string invoice_id;
    bool issued_now = false;  // false: an earlier submit issued it
    // When issued now: the Pay Invoice email's result (send_invoice_email);
    // send_error set when the invoice exists but the email did not go out.
    std::optional<pw::SendInvoiceResponse> sent;
    pw::Error send_error;
};
// Issues the draft: decodes it with the core's codec (every field's error
// names the member, e.g. "items[0].unit_amount"), creates the invoice
// (create_invoice's rules, "invoice.issued" logged in its transaction) while
// deleting the draft, then sends the Pay Invoice email (older links revoked;
// "invoice.sent" logged). not_found when neither the draft nor the invoice
// it became is the practice's.
pw::Result<IssuedDraft> issue_invoice_draft(App& app, const Practice& practice, const std::string& draft_id,
                                            const Actor& actor);

}  // namespace pws
