// The console Home's reads (services/console_home.hpp), bounded by what is
// still due rather than by every invoice the practice ever sent. SQL only
// narrows the candidates; the core still decides each balance and status
// from the live view (invoice_view), so there is one rule for "due".
#include "storage/sql_txn.hpp"

namespace pws {

// A paid-in-full invoice has live payments (reserved, processing,
// succeeded: counts_toward_balance) summing to its total; refunds never
// reopen it. Only the others can be open or partially paid.
Result<std::vector<InvoiceView>> SqlTxn::practice_unpaid_invoices(std::string_view practice_id) {
    using R = Result<std::vector<InvoiceView>>;
    db::Query q(c_, "SELECT id FROM invoices WHERE practice_id = ?1 AND voided = 0 AND total > "
                    "COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.invoice_id = invoices.id AND "
                    "p.state IN ('reserved', 'processing', 'succeeded')), 0) ORDER BY created_at DESC, id DESC");
    q.args(practice_id);
    Result<std::vector<std::string>> ids = detail::all_rows<std::string>(q, [](const db::Query& r) { return r.text(0); });
    if (!ids.ok()) return R::failure(std::move(ids.error));
    std::vector<InvoiceView> out;
    for (const std::string& id : ids.value) {
        Result<InvoiceView> v = invoice_view(id);
        if (!v.ok()) return R::failure(std::move(v.error));
        out.push_back(std::move(v.value));
    }
    return R::success(std::move(out));
}

Result<std::vector<pw::Money>> SqlTxn::practice_paid_since(std::string_view practice_id, UnixTime since) {
    db::Query q(c_, "SELECT currency, SUM(amount) FROM payments WHERE practice_id = ?1 AND state = 'succeeded' "
                    "AND updated_at >= ?2 GROUP BY currency ORDER BY currency");
    q.args(practice_id, since);
    return detail::all_rows<pw::Money>(q, [](const db::Query& r) { return pw::Money{r.i64(1), r.text(0)}; });
}

}  // namespace pws
