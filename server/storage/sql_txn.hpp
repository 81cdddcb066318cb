// ReadTxn/WriteTxn for both engines (private to server/storage/): one
// object per transaction, bound to the db::Session (pooled connection) that
// holds it. The SQL is shared; sql_session.hpp says how the dialects differ.
// Its member functions are spread over sql_txn_<concern>.cpp.
#pragma once

#include "storage/sql_session.hpp"
#include "storage/store.hpp"

namespace pws {

class SqlTxn final : public WriteTxn {
public:
    explicit SqlTxn(db::Session& c) : c_(c) {}

    // tenants (sql_txn_tenants.cpp)
    Result<Practice> practice(std::string_view id) override;
    Result<AdminKeyRecord> active_admin_key(std::string_view key_hash) override;
    Result<std::vector<AdminKeyRecord>> admin_keys(std::string_view practice_id) override;
    Result<Client> client(std::string_view id) override;
    Result<Client> client_by_email(std::string_view practice_id, std::string_view email) override;
    Result<std::vector<Client>> clients_by_email(std::string_view email) override;
    Result<std::vector<Client>> practice_clients(std::string_view practice_id) override;
    Error insert_practice(const Practice& p) override;
    Error insert_admin_key(const AdminKeyRecord& k) override;
    Error revoke_admin_key(std::string_view practice_id, std::string_view id, UnixTime now) override;
    Error record_admin_key_use(std::string_view id, std::string_view key_hash, std::string_view hint,
                               UnixTime now) override;
    Error update_settings(std::string_view practice_id, const PracticeSettings& s) override;
    Error update_practice_profile(std::string_view practice_id, const pw::Contact& profile) override;
    Error insert_client(const Client& c) override;
    Error set_client_locale(std::string_view client_id, std::string_view locale) override;
    Error set_client_password(std::string_view client_id, std::string_view password_hash) override;
    Error replace_client_password_hash(std::string_view client_id, std::string_view expected,
                                       std::string_view password_hash) override;

    // invoices and links (sql_txn_invoices.cpp)
    Result<InvoiceRecord> invoice_record(std::string_view id) override;
    Result<InvoiceView> invoice_view(std::string_view id) override;
    Result<std::vector<InvoiceView>> client_invoices(std::string_view client_id,
                                                     InvoiceFilter filter) override;
    Result<std::int64_t> count_invoices(std::string_view practice_id) override;
    Result<Link> link(std::string_view id) override;
    Result<Link> link_by_token_hash(std::string_view token_hash) override;
    Result<std::vector<Link>> invoice_links(std::string_view invoice_id) override;
    Error insert_invoice(const InvoiceRecord& r) override;
    Error set_invoice_void(std::string_view id, bool voided) override;
    Error void_unpaid_invoice(std::string_view practice_id, std::string_view id) override;
    Error insert_link(const Link& l) override;
    Error revoke_link(std::string_view id, UnixTime now) override;

    // vault and wallet (sql_txn_vault.cpp)
    Result<VaultToken> token(std::string_view token_hash) override;
    Result<Mandate> mandate(std::string_view id) override;
    Result<std::vector<SavedMethodRecord>> saved_methods(std::string_view client_id) override;
    Result<SavedMethodRecord> saved_method(std::string_view id) override;
    Error insert_mandate(const Mandate& m) override;
    Error insert_token(const VaultToken& t) override;
    Result<VaultToken> consume_token(std::string_view token_hash, const TokenBinding& by,
                                     UnixTime now) override;
    Result<SavedMethodRecord> save_method(const SavedMethodRecord& m) override;
    Error remove_saved_method(std::string_view client_id, std::string_view id,
                              UnixTime now) override;

    // payments and refunds (sql_txn_payments.cpp)
    Result<PaymentRecord> payment(std::string_view id) override;
    Result<PaymentRecord> payment_by_charge_key(std::string_view key) override;
    Result<std::vector<PaymentRecord>> payments_in_state(PaymentState state,
                                                         std::size_t limit) override;
    Result<PaymentRecord> released_payment_of_retry(std::string_view token_hash, std::string_view idem_scope,
                                                    std::string_view idem_key) override;
    Result<std::vector<PaymentRecord>> payments_with_lapsed_lease(UnixTime now, std::size_t limit) override;
    Result<std::vector<RefundRecord>> refunds_with_lapsed_lease(UnixTime now, std::size_t limit) override;
    Error renew_lease(ReservationKind kind, std::string_view id, const Lease& lease) override;
    Result<RefundRecord> refund(std::string_view id) override;
    Result<std::vector<RefundRecord>> refunds_in_state(RefundState state,
                                                       std::size_t limit) override;
    Result<std::int64_t> refundable_amount(std::string_view payment_id) override;
    Result<std::vector<HistoryEntry>> client_payments(std::string_view client_id) override;
    Result<ReceiptData> receipt(std::string_view payment_id) override;
    Error insert_payment(const PaymentRecord& p) override;
    Error update_payment(std::string_view id, PaymentState expected,
                         const PaymentUpdate& u) override;
    Error insert_refund(const RefundRecord& r) override;
    Error update_refund(std::string_view id, RefundState expected, RefundState to,
                        std::string_view processor_ref, UnixTime now) override;

    // idempotency, portal, outbox (sql_txn_portal.cpp)
    Result<PortalSession> session(std::string_view id_hash, UnixTime now) override;
    Result<OneTimeToken> one_time_token(std::string_view token_hash) override;
    Result<std::vector<OutboxEmail>> outbox(std::string_view practice_id) override;
    Result<IdempotencyClaim> claim_idempotency(std::string_view scope, std::string_view key,
                                               std::string_view request_hash, UnixTime now,
                                               const std::vector<std::string>& earlier_hashes = {}) override;
    Error finish_idempotency(std::string_view scope, std::string_view key, int status,
                             std::string_view body, UnixTime now) override;
    Error drop_idempotency(std::string_view scope, std::string_view key) override;
    Error insert_session(const PortalSession& s) override;
    Error delete_session(std::string_view id_hash) override;
    Error delete_client_sessions(std::string_view client_id) override;
    Error insert_one_time_token(const OneTimeToken& t) override;
    Result<OneTimeToken> consume_one_time_token(std::string_view token_hash,
                                                OneTimePurpose purpose, UnixTime now) override;
    Error void_one_time_tokens(std::string_view client_id, std::optional<OneTimePurpose> purpose,
                               UnixTime now) override;
    Error insert_outbox(const OutboxEmail& e) override;

    // shared rate limits (sql_txn_rate_limits.cpp)
    Result<std::int64_t> rate_tat(std::string_view key) override;
    Error set_rate_tat(std::string_view key, std::int64_t tat_ms) override;
    Result<std::size_t> sweep_rate_tats(std::int64_t now_ms, std::size_t limit) override;

    // practice users, console sessions, activity (sql_txn_practice_users.cpp)
    Result<PracticeUser> practice_user(std::string_view id) override;
    Result<PracticeUser> practice_user_by_email(std::string_view email) override;
    Result<std::vector<PracticeUser>> practice_users(std::string_view practice_id) override;
    Result<ConsoleSession> console_session(std::string_view id_hash, UnixTime now) override;
    Result<std::vector<ActivityEntry>> activity(std::string_view practice_id, std::size_t limit,
                                                std::size_t offset) override;
    Error insert_practice_user(const PracticeUser& u) override;
    Error set_practice_user_password(std::string_view user_id, std::string_view password_hash) override;
    Error insert_console_session(const ConsoleSession& s) override;
    Error touch_console_session(std::string_view id_hash, UnixTime idle_expires_at) override;
    Error delete_console_session(std::string_view id_hash) override;
    Error insert_activity(const ActivityEntry& a) override;

    // console clients, invitations (sql_txn_console_people.cpp)
    Result<std::vector<Client>> search_practice_clients(std::string_view practice_id, std::string_view text,
                                                        std::size_t limit) override;
    Result<std::optional<UnixTime>> last_portal_invitation(std::string_view client_id) override;
    Result<PracticeInvitation> practice_invitation_by_token(std::string_view token_hash) override;
    Result<std::vector<PracticeInvitation>> pending_practice_invitations(std::string_view practice_id,
                                                                         UnixTime now) override;
    Error insert_practice_invitation(const PracticeInvitation& i) override;
    Error revoke_practice_invitations_for(std::string_view practice_id, std::string_view email,
                                          UnixTime now) override;
    Error revoke_practice_invitation(std::string_view practice_id, std::string_view id, UnixTime now) override;
    Result<PracticeInvitation> consume_practice_invitation(std::string_view token_hash, UnixTime now) override;
    Error disable_practice_user(std::string_view practice_id, std::string_view user_id, UnixTime now) override;
    Error delete_user_console_sessions(std::string_view user_id) override;

    // the console's practice-wide reads (sql_txn_invoices.cpp, sql_txn_payments.cpp)
    Result<std::vector<InvoiceView>> practice_invoices(std::string_view practice_id, InvoiceFilter filter) override;
    Result<std::vector<HistoryEntry>> practice_payments(std::string_view practice_id, std::size_t limit) override;
    Result<std::vector<InvoiceView>> practice_unpaid_invoices(std::string_view practice_id) override;
    Result<std::vector<pw::Money>> practice_paid_since(std::string_view practice_id, UnixTime since) override;
    Result<std::vector<HistoryEntry>> practice_payments(std::string_view practice_id, const PaymentFilter& filter,
                                                        std::size_t limit, std::size_t offset) override;

    // invoice drafts (sql_txn_drafts.cpp)
    Result<InvoiceDraft> invoice_draft(std::string_view practice_id, std::string_view id) override;
    Result<std::vector<InvoiceDraft>> invoice_drafts(std::string_view practice_id, std::size_t limit) override;
    Error save_invoice_draft(const InvoiceDraft& d, bool create) override;
    Error delete_invoice_draft(std::string_view practice_id, std::string_view id) override;

private:
    // Shared helpers (sql_txn_payments.cpp).
    Result<std::vector<PaymentRecord>> invoice_payments(std::string_view invoice_id);
    Result<std::vector<RefundRecord>> payment_refunds(std::string_view payment_id);
    Result<std::vector<RefundRecord>> invoice_refunds(std::string_view invoice_id);
    // Every row of `q` (payment columns, then the invoice number) with its
    // refunds (sql_txn_payments.cpp).
    Result<std::vector<HistoryEntry>> history(db::Query& q, bool with_client_name = false);
    // Invoice views whose `column` equals `value`, newest first, filtered
    // (sql_txn_invoices.cpp). `column` is a constant of ours, never input.
    Result<std::vector<InvoiceView>> invoice_views_where(std::string_view column, std::string_view value,
                                                         InvoiceFilter filter);

    db::Session& c_;
};

// Helpers shared by the sql_txn_*.cpp files.
namespace detail {
Error not_found(std::string_view entity);
// Runs a write that must touch exactly one row: not_found(entity) otherwise.
Error expect_one_row(db::Session& c, db::Query& q, std::string_view entity);
std::string_view method_type_db(pw::MethodType t);
pw::MethodType parse_method_type_db(std::string_view s);

// The single row `q` selects, read with `read`; not_found(entity) when none.
// `select` followed by the session's row lock (sql_session.hpp), for the
// reads a write transaction decides on.
std::string locked(db::Session& s, std::string_view select);
// Locks one row by id until the transaction ends when the session needs
// row locks (PostgreSQL writes): the rule that follows reads other rows
// (counts, lists) that a concurrent writer of the same parent could change.
Error lock_row(db::Session& s, std::string_view table, std::string_view id);
// "email = ?N", ASCII case-insensitively on both engines (SQLite: the
// column is COLLATE NOCASE; PostgreSQL: lower() of both sides, matching the
// unique index on lower(email) under the column's C collation).
std::string email_equals(db::Session& s, std::string_view param);
// SQLite only: " INDEXED BY <index>" (PostgreSQL plans with statistics).
std::string indexed_by(db::Session& s, std::string_view table, std::string_view index);

template <class T, class Read>
Result<T> one_row(db::Query& q, Read read, std::string_view entity) {
    if (q.next()) return Result<T>::success(read(q));
    if (!q.error().ok()) return Result<T>::failure(q.error());
    return Result<T>::failure(not_found(entity));
}

// Every row `q` selects, read with `read`.
template <class T, class Read>
Result<std::vector<T>> all_rows(db::Query& q, Read read) {
    std::vector<T> out;
    while (q.next()) out.push_back(read(q));
    if (!q.error().ok()) return Result<std::vector<T>>::failure(q.error());
    return Result<std::vector<T>>::success(std::move(out));
}
}  // namespace detail

}  // namespace pws
