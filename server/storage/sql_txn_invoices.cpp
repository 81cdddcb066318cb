// Invoices (definition + the live view derived from payments) and pay links.
#include <nlohmann/json.hpp>

#include "paywidget/date.hpp"
#include "storage/definition_cache.hpp"
#include "storage/sql_txn.hpp"

namespace pws {

namespace {

#define INVOICE_COLS "id, practice_id, client_id, definition, created_at"
#define LINK_COLS "id, invoice_id, practice_id, token_hash, created_at, expires_at, revoked_at"

std::string dump(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The stored form of a definition: no payments, nothing paid or refunded,
// totals and status re-derived by the core (open, paid for a zero total, or
// void).
Result<pw::Invoice> normalised_definition(pw::Invoice def, std::string_view id, bool voided) {
    def.id = std::string(id);
    def.payments.clear();
    def.amount_paid = 0;
    def.refunded = 0;
    def.status = voided ? pw::InvoiceStatus::void_ : pw::InvoiceStatus::open;
    return pw::recompute_totals(std::move(def));
}

// Rows carry the definition as JSON; a row that no longer decodes (a
// hand-edited file, a codec change without a migration) is a storage error,
// never a crash.
struct InvoiceRow {
    InvoiceRecord rec;
    Error error;
};

InvoiceRow read_invoice(const db::Query& q) {
    InvoiceRow row;
    row.rec.id = q.text(0);
    row.rec.practice_id = q.text(1);
    row.rec.client_id = q.text(2);
    row.rec.created_at = q.i64(4);
    Result<pw::Invoice> inv = decode_definition(q.text(3));
    if (!inv.ok()) {
        row.error = pw::make_error("storage_error", "invoice",
                                   "This invoice could not be read. Please contact the practice.");
    } else {
        row.rec.definition = std::move(inv.value);
    }
    return row;
}

Link read_link(const db::Query& q) {
    Link l;
    l.id = q.text(0);
    l.invoice_id = q.text(1);
    l.practice_id = q.text(2);
    l.token_hash = q.text(3);
    l.created_at = q.i64(4);
    l.expires_at = q.i64(5);
    l.revoked_at = q.opt_i64(6);
    return l;
}

// "Visa •••• 4242": how a payment is labelled on the invoice (the core's
// one wording).
std::string method_label(const PaymentRecord& p) {
    return pw::method_label(pw::MethodSummary{p.method_type, p.method_brand, p.method_last4});
}

pw::Date date_of(UnixTime t) {
    std::int64_t days = t / 86400;
    if (t % 86400 < 0) --days;  // floor for times before 1970
    return pw::civil_from_days(days);
}

bool matches(const pw::Invoice& inv, InvoiceFilter f) {
    switch (f) {
        case InvoiceFilter::all: return true;
        case InvoiceFilter::pending:
            return inv.status == pw::InvoiceStatus::open ||
                   inv.status == pw::InvoiceStatus::partially_paid;
        case InvoiceFilter::paid: return inv.status == pw::InvoiceStatus::paid;
    }
    return true;
}

}  // namespace

Result<InvoiceRecord> SqlTxn::invoice_record(std::string_view id) {
    using R = Result<InvoiceRecord>;
    // Locked in a PostgreSQL write transaction: every rule on an invoice's
    // payments (insert_payment's safety net) reads the invoice first, so
    // writers of one invoice take turns.
    db::Query q(c_, detail::locked(c_, "SELECT " INVOICE_COLS " FROM invoices WHERE id = ?1"));
    q.args(id);
    if (!q.next()) return R::failure(q.error().ok() ? detail::not_found("invoice") : q.error());
    InvoiceRow row = read_invoice(q);
    if (row.error) return R::failure(std::move(row.error));
    return R::success(std::move(row.rec));
}

Result<InvoiceView> SqlTxn::invoice_view(std::string_view id) {
    using R = Result<InvoiceView>;
    Result<InvoiceRecord> rec = invoice_record(id);
    if (!rec.ok()) return R::failure(std::move(rec.error));
    Result<std::vector<PaymentRecord>> pays = invoice_payments(id);
    if (!pays.ok()) return R::failure(std::move(pays.error));
    Result<std::vector<RefundRecord>> refs = invoice_refunds(id);
    if (!refs.ok()) return R::failure(std::move(refs.error));

    InvoiceView v;
    v.record = std::move(rec.value);
    v.payments = std::move(pays.value);
    v.refunds = std::move(refs.value);
    pw::Invoice live = v.record.definition;
    live.payments.clear();
    live.refunded = 0;
    for (const PaymentRecord& p : v.payments) {
        if (!counts_toward_balance(p.state)) continue;
        // A processing debit reserves its amount but is not paid until it
        // settles (the core keeps it out of amount_paid).
        live.payments.push_back(pw::AppliedPayment{p.id, p.amount, date_of(p.created_at),
                                                   method_label(p), p.state == PaymentState::processing});
        for (const RefundRecord& r : v.refunds) {
            if (r.payment_id == p.id && r.state == RefundState::succeeded) live.refunded += r.amount;
        }
    }
    // A zero-total definition is stored as "paid"; let the core re-derive
    // the status from the payments (it keeps void).
    if (!v.record.voided()) live.status = pw::InvoiceStatus::open;
    Result<pw::Invoice> totals = pw::recompute_totals(std::move(live));
    if (!totals.ok()) return R::failure(std::move(totals.error));
    v.invoice = std::move(totals.value);
    return R::success(std::move(v));
}

Result<std::vector<InvoiceView>> SqlTxn::client_invoices(std::string_view client_id,
                                                            InvoiceFilter filter) {
    return invoice_views_where("client_id", client_id, filter);
}

Result<std::vector<InvoiceView>> SqlTxn::practice_invoices(std::string_view practice_id, InvoiceFilter filter) {
    return invoice_views_where("practice_id", practice_id, filter);
}

Result<std::vector<InvoiceView>> SqlTxn::invoice_views_where(std::string_view column, std::string_view value,
                                                             InvoiceFilter filter) {
    using R = Result<std::vector<InvoiceView>>;
    db::Query q(c_, "SELECT id FROM invoices WHERE " + std::string(column) + " = ?1 "
                     "ORDER BY created_at DESC, id DESC");
    q.args(value);
    Result<std::vector<std::string>> ids =
        detail::all_rows<std::string>(q, [](const db::Query& r) { return r.text(0); });
    if (!ids.ok()) return R::failure(std::move(ids.error));
    std::vector<InvoiceView> out;
    for (const std::string& id : ids.value) {
        Result<InvoiceView> v = invoice_view(id);
        if (!v.ok()) return R::failure(std::move(v.error));
        if (matches(v.value.invoice, filter)) out.push_back(std::move(v.value));
    }
    return R::success(std::move(out));
}

Result<std::int64_t> SqlTxn::count_invoices(std::string_view practice_id) {
    // The count numbers the next invoice: concurrent creators take turns.
    if (Error e = detail::lock_row(c_, "practices", practice_id)) return Result<std::int64_t>::failure(std::move(e));
    db::Query q(c_, "SELECT COUNT(*) FROM invoices WHERE practice_id = ?1");
    q.args(practice_id);
    return detail::one_row<std::int64_t>(q, [](const db::Query& r) { return r.i64(0); },
                                         "practice");
}

Error SqlTxn::insert_invoice(const InvoiceRecord& r) {
    Result<pw::Invoice> def = normalised_definition(r.definition, r.id, r.voided());
    if (!def.ok()) return def.error;
    // Store only what the strict decoder reads back (contacts, lengths,
    // item counts): a definition that could not be loaded again must not
    // be written in the first place.
    Result<pw::Invoice> again = pw::invoice_from_json(pw::invoice_to_json(def.value));
    if (!again.ok()) return again.error;
    db::Query q(c_, "INSERT INTO invoices (id, practice_id, client_id, number, currency, total, "
                     "voided, definition, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    q.args(r.id, r.practice_id, r.client_id, def.value.number, def.value.currency, def.value.total,
           r.voided(), dump(pw::invoice_to_json(def.value)), r.created_at);
    return q.run();
}

Error SqlTxn::set_invoice_void(std::string_view id, bool voided) {
    Result<InvoiceRecord> rec = invoice_record(id);
    if (!rec.ok()) return rec.error;
    Result<pw::Invoice> def = normalised_definition(rec.value.definition, id, voided);
    if (!def.ok()) return def.error;
    db::Query q(c_, "UPDATE invoices SET voided = ?2, definition = ?3 WHERE id = ?1");
    q.args(id, voided, dump(pw::invoice_to_json(def.value)));
    return detail::expect_one_row(c_, q, "invoice");
}

Error SqlTxn::void_unpaid_invoice(std::string_view practice_id, std::string_view id) {
    // invoice_record locks the row (PostgreSQL); insert_payment locks it
    // too before it counts, so the count below cannot change under us.
    Result<InvoiceRecord> rec = invoice_record(id);
    if (!rec.ok()) return rec.error;
    if (rec.value.practice_id != practice_id) return detail::not_found("invoice");
    if (rec.value.voided()) return {};
    db::Query q(c_, "SELECT COUNT(*) FROM payments WHERE invoice_id = ?1 "
                     "AND state IN ('reserved', 'processing', 'succeeded')");
    q.args(id);
    Result<std::int64_t> held = detail::one_row<std::int64_t>(q, [](const db::Query& r) { return r.i64(0); }, "invoice");
    if (!held.ok()) return held.error;
    if (held.value > 0)
        return pw::make_error("state_conflict", "payments", "A payment holds part of this invoice: it cannot be voided.");
    return set_invoice_void(id, true);
}

Result<Link> SqlTxn::link(std::string_view id) {
    db::Query q(c_, "SELECT " LINK_COLS " FROM links WHERE id = ?1");
    q.args(id);
    return detail::one_row<Link>(q, read_link, "link");
}

Result<Link> SqlTxn::link_by_token_hash(std::string_view token_hash) {
    db::Query q(c_, "SELECT " LINK_COLS " FROM links WHERE token_hash = ?1");
    q.args(token_hash);
    return detail::one_row<Link>(q, read_link, "link");
}

Result<std::vector<Link>> SqlTxn::invoice_links(std::string_view invoice_id) {
    db::Query q(c_, "SELECT " LINK_COLS " FROM links WHERE invoice_id = ?1 ORDER BY created_at, id");
    q.args(invoice_id);
    return detail::all_rows<Link>(q, read_link);
}

Error SqlTxn::insert_link(const Link& l) {
    db::Query q(c_, "INSERT INTO links (" LINK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q.args(l.id, l.invoice_id, l.practice_id, l.token_hash, l.created_at, l.expires_at,
           l.revoked_at);
    return q.run();
}

Error SqlTxn::revoke_link(std::string_view id, UnixTime now) {
    db::Query q(c_, "UPDATE links SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1");
    q.args(id, now);
    return detail::expect_one_row(c_, q, "link");
}

}  // namespace pws
