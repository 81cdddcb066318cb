// The widget's whole input for one invoice (pw::LinkView, docs/api.md
// "GET /api/v1/links/{token}"), built from the store's live InvoiceView.
// Used by GET /api/v1/links/{token} (session link) and by the portal's
// GET /api/v1/me/invoices/{id} (session portal).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "paywidget/api.hpp"
#include "storage/store.hpp"

namespace pws {

// "/api/v1/receipts/<payment_id>" (same-origin path).
std::string receipt_path(std::string_view payment_id);

// The latest succeeded or processing payment's receipt path, "" when none.
std::string latest_receipt_path(const InvoiceView& view);

// Builds the LinkView:
//   * options from pw::plan_options against the live state (reserved,
//     processing and succeeded payments count);
//   * payable false when paid or void;
//   * saved_methods / can_save_method only when `portal_client` is given
//     (session portal): the client's live saved cards, and whether a new card
//     may be saved (cards accepted). For a link they stay [] / false;
//   * mandates for each accepted bank scheme, in the supported language
//     closest to `locale` (pw::mandate_text: the widget's language, which
//     it sends as Accept-Language); receipt_url of the latest receipt;
//   * today: the server's date (app.today()), by which the widget judges
//     card expiry. Errors: the store's (read).
pw::Result<pw::LinkView> build_link_view(ReadTxn& t, const InvoiceView& view,
                                         const Client* portal_client, pw::Date today, std::string_view locale);

// The signed-in client's own invoice as the portal sees it (session
// "portal"). Another client's invoice looks exactly like none: not_found.
pw::Result<pw::LinkView> client_invoice_view(ReadTxn& t, const Client& client, const std::string& invoice_id,
                                             pw::Date today, std::string_view locale);

}  // namespace pws
