// Invoice drafts (schema v8): the console's invoices being written. Every
// statement names the practice, so one practice's draft id never reaches
// another practice's row.
#include "storage/sql_txn.hpp"

namespace pws {

namespace {

#define DRAFT_COLS "id, practice_id, client_id, request, created_by, created_at, updated_at"

InvoiceDraft read_draft(const db::Query& q) {
    InvoiceDraft d;
    d.id = q.text(0);
    d.practice_id = q.text(1);
    d.client_id = q.text(2);
    d.request = q.text(3);
    d.created_by = q.text(4);
    d.created_at = q.i64(5);
    d.updated_at = q.i64(6);
    return d;
}

}  // namespace

Result<InvoiceDraft> SqlTxn::invoice_draft(std::string_view practice_id, std::string_view id) {
    db::Query q(c_, "SELECT " DRAFT_COLS " FROM invoice_drafts WHERE id = ?1 AND practice_id = ?2");
    q.args(id, practice_id);
    return detail::one_row<InvoiceDraft>(q, read_draft, "draft");
}

Result<std::vector<InvoiceDraft>> SqlTxn::invoice_drafts(std::string_view practice_id, std::size_t limit) {
    db::Query q(c_, "SELECT " DRAFT_COLS " FROM invoice_drafts WHERE practice_id = ?1 "
                     "ORDER BY updated_at DESC, id DESC LIMIT ?2");
    q.args(practice_id, static_cast<std::int64_t>(limit));
    return detail::all_rows<InvoiceDraft>(q, read_draft);
}

Error SqlTxn::save_invoice_draft(const InvoiceDraft& d, bool create) {
    if (create) {
        db::Query q(c_, "INSERT INTO invoice_drafts (" DRAFT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        q.args(d.id, d.practice_id, d.client_id, d.request, d.created_by, d.created_at, d.updated_at);
        return q.run();
    }
    db::Query q(c_, "UPDATE invoice_drafts SET client_id = ?3, request = ?4, updated_at = ?5 "
                     "WHERE id = ?1 AND practice_id = ?2");
    q.args(d.id, d.practice_id, d.client_id, d.request, d.updated_at);
    return detail::expect_one_row(c_, q, "draft");
}

Error SqlTxn::delete_invoice_draft(std::string_view practice_id, std::string_view id) {
    db::Query q(c_, "DELETE FROM invoice_drafts WHERE id = ?1 AND practice_id = ?2");
    q.args(id, practice_id);
    return detail::expect_one_row(c_, q, "draft");
}

}  // namespace pws
