#include "services/invoices.hpp"

#include <cstdio>

#include "security/random.hpp"

namespace pws {

namespace {

std::string invoice_number(std::int64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "INV-%04lld", static_cast<long long>(n));
    return buf;
}

pw::Invoice definition_from(const pw::CreateInvoiceRequest& req, const Practice& practice, const Client& client) {
    pw::Invoice inv;
    inv.number = req.number;
    inv.currency = req.currency;
    inv.issue_date = req.issue_date;
    inv.due_date = req.due_date;
    inv.practitioner = practice.contact();
    inv.client = pw::Contact{client.name, client.email, client.phone};
    for (const pw::NewLineItem& it : req.items)
        inv.items.push_back(pw::LineItem{it.description, it.quantity, it.unit_amount, it.tax});
    inv.discount = req.discount;
    inv.partial = req.partial;
    inv.accepted = req.accepted;
    // The practice's settlement currency applies when the request names
    // none; "same as the invoice" is stored as empty.
    std::string settlement = req.settlement_currency.empty() ? practice.settings.settlement_currency
                                                             : req.settlement_currency;
    if (settlement == inv.currency) settlement.clear();
    inv.settlement_currency = settlement;
    if (!settlement.empty()) inv.fx_rate = req.fx_rate;
    return inv;
}

// Every rule of the core: totals (recompute_totals), then the invoice codec's
// checks (lengths, policy, methods, FX) by a round trip through it.
pw::Result<pw::Invoice> validated(pw::Invoice inv) {
    pw::Result<pw::Invoice> totals = pw::recompute_totals(std::move(inv));
    if (!totals) return totals;
    return pw::invoice_from_json(pw::invoice_to_json(totals.value));
}

}  // namespace

pw::Result<pw::Invoice> invoice_totals(const Practice& practice, const pw::CreateInvoiceRequest& req) {
    // The client plays no part in the totals; the definition is otherwise
    // the one create_invoice builds.
    return pw::recompute_totals(definition_from(req, practice, Client{}));
}

pw::Result<InvoiceView> create_invoice(App& app, const Practice& practice, const pw::CreateInvoiceRequest& req) {
    return create_invoice(app, practice, req, random_id("inv_"), [](WriteTxn&) { return pw::Error{}; });
}

pw::Result<InvoiceView> create_invoice(App& app, const Practice& practice, const pw::CreateInvoiceRequest& req,
                                       const std::string& id, const std::function<pw::Error(WriteTxn&)>& also) {
    using R = pw::Result<InvoiceView>;
    InvoiceView view;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto client = t.client(req.client_id);
        if (!client || client.value.practice_id != practice.id)
            return pw::make_error("not_found", "client_id", "We could not find that client.");
        pw::Invoice inv = definition_from(req, practice, client.value);
        inv.id = id;
        const bool numbered = inv.number.empty();
        std::int64_t next = 0;
        if (numbered) {
            auto count = t.count_invoices(practice.id);
            if (!count) return count.error;
            next = count.value + 1;
        }
        // A hand-numbered invoice may already hold "INV-0007": skip on.
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (numbered) inv.number = invoice_number(next + attempt);
            pw::Result<pw::Invoice> checked = validated(inv);
            if (!checked) return checked.error;
            InvoiceRecord r;
            r.id = id;
            r.practice_id = practice.id;
            r.client_id = client.value.id;
            r.definition = checked.value;
            r.created_at = app.now();
            pw::Error ins = t.insert_invoice(r);
            if (ins.code == "already_exists" && ins.field == "number") {
                if (numbered) continue;
                return pw::make_error("invalid_value", "number", "An invoice with this number already exists.");
            }
            if (ins) return ins;
            if (pw::Error a = also(t)) return a;
            auto v = t.invoice_view(id);
            if (!v) return v.error;
            view = std::move(v.value);
            return {};
        }
        return pw::make_error("invalid_value", "number", "Choose an invoice number.");
    });
    if (e) return R::failure(e);
    return R::success(std::move(view));
}

pw::Result<InvoiceView> practice_invoice(App& app, const std::string& practice_id, const std::string& invoice_id) {
    using R = pw::Result<InvoiceView>;
    InvoiceView view;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto v = t.invoice_view(invoice_id);
        if (!v) return v.error;
        if (v.value.record.practice_id != practice_id) return pw::make_error("not_found", "invoice", "");
        view = std::move(v.value);
        return {};
    });
    if (e.code == "not_found") return R::failure("not_found", "", "");
    if (e) return R::failure(e);
    return R::success(std::move(view));
}

}  // namespace pws
