#include "services/invoice_actions.hpp"

#include <cstdio>

#include "services/invoice_email.hpp"
#include "services/invoices.hpp"

namespace pws {

pw::Result<pw::SendInvoiceResponse> send_invoice_logged(App& app, const Practice& practice,
                                                        const std::string& invoice_id,
                                                        const pw::SendInvoiceRequest& req, const Actor& actor) {
    using R = pw::Result<pw::SendInvoiceResponse>;
    auto view = practice_invoice(app, practice.id, invoice_id);
    if (!view) return R::failure(view.error);
    if (view.value.record.voided())
        return R::failure("invalid_value", "status", "This invoice is void: it cannot be sent.");
    auto sent = send_invoice_email(app, practice, invoice_id, req);
    if (!sent) return sent;
    const pw::Invoice& inv = view.value.invoice;
    // The email is out whatever happens to this line: a failure to log it
    // is reported on stderr, never as a failed send (which would invite a
    // second email).
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) {
        return record_activity(t, app, practice.id, actor, "invoice.sent", invoice_id,
                               "Sent invoice " + inv.number + " to " + inv.client.email +
                                   (req.revoke_previous ? " (older links revoked)" : ""));
    });
    if (e) std::fprintf(stderr, "send invoice: the activity line was not written: %s\n", e.code.c_str());
    return sent;
}

pw::Error revoke_link_logged(App& app, const Practice& practice, const std::string& invoice_id,
                             const std::string& link_id, const Actor& actor) {
    const UnixTime now = app.now();
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto link = t.link(link_id);
        if (!link || link.value.practice_id != practice.id || link.value.invoice_id != invoice_id)
            return pw::make_error("not_found", "link", "");
        if (link.value.revoked()) return {};  // revoking twice changes nothing, logs nothing
        auto inv = t.invoice_record(invoice_id);
        if (!inv) return inv.error;
        if (pw::Error e = t.revoke_link(link_id, now)) return e;
        return record_activity(t, app, practice.id, actor, "link.revoked", link_id,
                               "Revoked a pay link of invoice " + inv.value.definition.number);
    });
}

pw::Error void_invoice(App& app, const Practice& practice, const std::string& invoice_id, const Actor& actor) {
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto before = t.invoice_record(invoice_id);
        if (!before || before.value.practice_id != practice.id) return pw::make_error("not_found", "invoice", "");
        if (before.value.voided()) return {};
        if (pw::Error e = t.void_unpaid_invoice(practice.id, invoice_id)) return e;
        return record_activity(t, app, practice.id, actor, "invoice.voided", invoice_id,
                               "Voided invoice " + before.value.definition.number);
    });
}

}  // namespace pws
