// The server's storage: one interface for every persistent record, so no
// handler or service ever sees SQL. Two implementations share every query
// (sql_txn_*.cpp): SQLite (open_sqlite_store), the embedded default, and
// PostgreSQL (open_postgres_store) for several instances on one database;
// open_store picks by the --db value.
//
// TRANSACTIONS ARE EXPLICIT. Every read and write happens inside
//     store.write_transaction([&](pws::WriteTxn& t) -> pw::Error { ... });
//     store.read_transaction([&](pws::ReadTxn& t) -> pw::Error { ... });
// The callback's return value decides: an empty Error commits, any other
// Error rolls back EVERYTHING the callback wrote and is returned unchanged.
// A write transaction is atomic for "read the balance, check, reserve"
// inside one callback, across threads AND across server processes sharing
// the database; correctness never depends on in-process locks. SQLite: the
// database's write lock is taken up front (BEGIN IMMEDIATE). PostgreSQL:
// READ COMMITTED, and every read a write decides on locks its row (SELECT
// ... FOR UPDATE: the invoice before its payments are counted, the payment
// before a refund or state change, the token before it is consumed), so
// writers of the same invoice take turns and others run in parallel; a lock
// wait past busy_timeout_ms or a deadlock is storage_busy. Rules for callers:
//   * never call the processor, the network or anything slow inside a write
//     transaction: every other writer in every process waits for it;
//   * never open a transaction inside another one on the same Store (it
//     returns nested_transaction instead of deadlocking);
//   * a callback may run at most once per call; it is not retried, so a
//     storage_busy error means "try the request again later" (503).
//
// Error codes (pw::Error::code) returned by the operations below:
//   not_found          the record does not exist (field: the entity, e.g.
//                      "invoice", "payment")
//   already_exists     a UNIQUE rule was hit (field: the column, e.g. "email",
//                      "number", "charge_key", "key_hash")
//   invalid_reference  a referenced row (practice, client, ...) is missing
//   invalid_value      a value the schema rejects (a caller bug)
//   state_conflict     the record is no longer in the state the caller
//                      expected (someone else moved it first)
//   invalid_transition a state change the life cycle forbids
//   overpaid, too_many_payments, refund_too_large   safety nets of
//                      insert_payment / insert_refund (the core's rules
//                      should have refused earlier)
//   token_unknown, token_used, token_expired        consume_token
//   nested_transaction, storage_busy, storage_error, schema_too_new
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paywidget/money.hpp"
#include "paywidget/result.hpp"
#include "storage/records.hpp"

namespace pws {

using pw::Error;
using pw::Result;

// Durability of a commit. NORMAL in WAL mode: a committed transaction
// survives a crash of the process (kill -9) but the last commits may be lost
// on power failure / OS crash. FULL: fsync on every commit, survives both.
enum class Durability { normal, full };
inline constexpr Durability kDefaultDurability = Durability::normal;
std::string_view durability_id(Durability d);  // "NORMAL" / "FULL" (the pragma's value)

inline constexpr int kDefaultBusyTimeoutMs = 5000;
inline constexpr std::size_t kDefaultPgPoolSize = 16;

struct StoreOptions {
    // The database file (created when missing), or for open_store /
    // open_postgres_store a postgresql:// (or postgres://) libpq URL.
    std::string path;
    Durability durability = kDefaultDurability;
    int busy_timeout_ms = kDefaultBusyTimeoutMs;  // wait for the write lock
    std::size_t max_idle_connections = 32;        // SQLite: pool size kept open
    // PostgreSQL: most connections open at once (each is a server process);
    // a transaction waits up to busy_timeout_ms for one, then storage_busy.
    std::size_t pool_size = kDefaultPgPoolSize;
    // Queue this process's writers on a local mutex before BEGIN IMMEDIATE.
    // Purely a throughput measure: without it, N threads of one process
    // poll SQLite's lock (sleep, retry) and most of their time goes to
    // waking up. It adds NO correctness: the write lock that makes
    // check-and-reserve atomic is SQLite's, shared by every process on the
    // file, and the concurrency tests pass with this off.
    bool local_write_queue = true;
    // SQLite: the WAL's size in pages past which a writer, right after its
    // commit, checkpoints what is left and starts the WAL over
    // (sql::Conn::restart_wal); the file is also cut back to this size when
    // it starts over. 16,000 pages of 4 KiB: 64 MiB.
    int wal_restart_pages = 16000;
    // Diagnostics (SQLite messages, never row data); default: stderr.
    std::function<void(std::string_view)> log;
};

class ReadTxn {
public:
    virtual ~ReadTxn() = default;

    // --- practices and clients ---------------------------------------
    virtual Result<Practice> practice(std::string_view id) = 0;                     // not_found
    // The ACTIVE (not revoked) admin key with this hash. not_found.
    virtual Result<AdminKeyRecord> active_admin_key(std::string_view key_hash) = 0;
    // Every admin key of the practice, revoked ones included, oldest first.
    virtual Result<std::vector<AdminKeyRecord>> admin_keys(std::string_view practice_id) = 0;
    virtual Result<Client> client(std::string_view id) = 0;                         // not_found
    // Email compared ASCII case-insensitively. not_found.
    virtual Result<Client> client_by_email(std::string_view practice_id, std::string_view email) = 0;
    // Every practice's client with this email (portal login has no practice).
    virtual Result<std::vector<Client>> clients_by_email(std::string_view email) = 0;
    // The practice's clients by name.
    virtual Result<std::vector<Client>> practice_clients(std::string_view practice_id) = 0;

    // --- invoices -----------------------------------------------------
    virtual Result<InvoiceRecord> invoice_record(std::string_view id) = 0;  // not_found
    // The live view (records.hpp). not_found; storage_error when a stored
    // definition no longer decodes.
    virtual Result<InvoiceView> invoice_view(std::string_view id) = 0;
    // A client's invoices, newest first, filtered on the live status.
    virtual Result<std::vector<InvoiceView>> client_invoices(std::string_view client_id,
                                                             InvoiceFilter filter) = 0;
    // How many invoices the practice has (for numbering new ones).
    virtual Result<std::int64_t> count_invoices(std::string_view practice_id) = 0;

    // --- links ----------------------------------------------------------
    virtual Result<Link> link(std::string_view id) = 0;                          // not_found
    virtual Result<Link> link_by_token_hash(std::string_view token_hash) = 0;    // not_found
    virtual Result<std::vector<Link>> invoice_links(std::string_view invoice_id) = 0;  // oldest first

    // --- vault ----------------------------------------------------------
    virtual Result<VaultToken> token(std::string_view token_hash) = 0;  // not_found
    virtual Result<Mandate> mandate(std::string_view id) = 0;           // not_found
    // A client's live saved methods, oldest first.
    virtual Result<std::vector<SavedMethodRecord>> saved_methods(std::string_view client_id) = 0;
    // Any saved method, removed ones included (check removed_at). not_found.
    virtual Result<SavedMethodRecord> saved_method(std::string_view id) = 0;

    // --- payments and refunds -------------------------------------------
    virtual Result<PaymentRecord> payment(std::string_view id) = 0;                    // not_found
    virtual Result<PaymentRecord> payment_by_charge_key(std::string_view key) = 0;     // not_found
    // Every payment in `state`, oldest first, at most `limit` (recovery:
    // reserved; settlement: processing).
    virtual Result<std::vector<PaymentRecord>> payments_in_state(PaymentState state,
                                                                 std::size_t limit) = 0;
    // The RELEASED payment that consumed this token under this idempotency
    // scope and key (the retry of a request whose charge never happened),
    // or not_found. Indexed (schema version 2): never a scan.
    virtual Result<PaymentRecord> released_payment_of_retry(std::string_view token_hash, std::string_view idem_scope,
                                                            std::string_view idem_key) = 0;
    // Reservations whose owner's lease expired before `now` (records.hpp
    // Lease): the only ones recovery may resolve. Oldest expiry first, at
    // most `limit`.
    virtual Result<std::vector<PaymentRecord>> payments_with_lapsed_lease(UnixTime now, std::size_t limit) = 0;
    virtual Result<std::vector<RefundRecord>> refunds_with_lapsed_lease(UnixTime now, std::size_t limit) = 0;
    virtual Result<RefundRecord> refund(std::string_view id) = 0;  // not_found
    virtual Result<std::vector<RefundRecord>> refunds_in_state(RefundState state,
                                                               std::size_t limit) = 0;
    // What may still be refunded: the payment's amount when it succeeded
    // (0 in any other state) minus its reserved and succeeded refunds.
    // not_found.
    virtual Result<std::int64_t> refundable_amount(std::string_view payment_id) = 0;
    // Every payment on the client's invoices (whoever paid), newest first,
    // with their refunds.
    virtual Result<std::vector<HistoryEntry>> client_payments(std::string_view client_id) = 0;
    // The payment, its invoice's live view, practice and client. not_found.
    // Deciding WHO may see it is the caller's job.
    virtual Result<ReceiptData> receipt(std::string_view payment_id) = 0;

    // --- portal -----------------------------------------------------------
    // not_found when unknown or expired at `now`.
    virtual Result<PortalSession> session(std::string_view id_hash, UnixTime now) = 0;
    virtual Result<OneTimeToken> one_time_token(std::string_view token_hash) = 0;  // not_found
    virtual Result<std::vector<OutboxEmail>> outbox(std::string_view practice_id) = 0;  // oldest first

    // --- practitioner console (records.hpp: PracticeUser, ConsoleSession) --
    virtual Result<PracticeUser> practice_user(std::string_view id) = 0;  // not_found
    // Email compared ASCII case-insensitively, across every practice. not_found.
    virtual Result<PracticeUser> practice_user_by_email(std::string_view email) = 0;
    // The practice's users, oldest first.
    virtual Result<std::vector<PracticeUser>> practice_users(std::string_view practice_id) = 0;
    // not_found when unknown, idle past idle_expires_at, or past expires_at.
    virtual Result<ConsoleSession> console_session(std::string_view id_hash, UnixTime now) = 0;
    // The practice's activity, newest first: at most `limit` entries after
    // skipping `offset`.
    virtual Result<std::vector<ActivityEntry>> activity(std::string_view practice_id, std::size_t limit,
                                                        std::size_t offset) = 0;
    // Every invoice of the practice, newest first, filtered on the live
    // status (as client_invoices).
    virtual Result<std::vector<InvoiceView>> practice_invoices(std::string_view practice_id,
                                                               InvoiceFilter filter) = 0;
    // The practice's latest payments (every state), newest first, at most
    // `limit`, with their refunds.
    virtual Result<std::vector<HistoryEntry>> practice_payments(std::string_view practice_id,
                                                                std::size_t limit) = 0;

    // --- invoice drafts (schema v8) ----------------------------------------
    // The practice's draft; not_found when unknown or another practice's.
    virtual Result<InvoiceDraft> invoice_draft(std::string_view practice_id, std::string_view id) = 0;
    // The practice's drafts, most recently changed first, at most `limit`.
    virtual Result<std::vector<InvoiceDraft>> invoice_drafts(std::string_view practice_id, std::size_t limit) = 0;
    // The console's Home, without reading every invoice: the practice's
    // invoices that may still have something due (not void, and their total
    // above the payments counting toward the balance), newest first, as live
    // views (the core decides their balance and status); and the sum per
    // currency of payments that succeeded at or after `since` (updated_at),
    // by currency code.
    virtual Result<std::vector<InvoiceView>> practice_unpaid_invoices(std::string_view practice_id) = 0;
    virtual Result<std::vector<pw::Money>> practice_paid_since(std::string_view practice_id, UnixTime since) = 0;
    // The practice's payments matching `filter`, newest first, with their
    // refunds and client name: at most `limit` after skipping `offset`
    // (payments_by_practice index; the console's list and CSV export).
    virtual Result<std::vector<HistoryEntry>> practice_payments(std::string_view practice_id,
                                                                const PaymentFilter& filter, std::size_t limit,
                                                                std::size_t offset) = 0;
    // --- console clients and invitations (schema version 7) -------------
    // The practice's clients whose name or email contains `text` (ASCII
    // case-insensitively; `text` is matched literally, % and _ included), by
    // name, at most `limit`.
    virtual Result<std::vector<Client>> search_practice_clients(std::string_view practice_id, std::string_view text,
                                                                std::size_t limit) = 0;
    // When the client's newest portal invitation was issued; nullopt: never.
    virtual Result<std::optional<UnixTime>> last_portal_invitation(std::string_view client_id) = 0;
    // not_found.
    virtual Result<PracticeInvitation> practice_invitation_by_token(std::string_view token_hash) = 0;
    // The practice's pending invitations (unused, unrevoked, expiring after
    // `now`), newest first.
    virtual Result<std::vector<PracticeInvitation>> pending_practice_invitations(std::string_view practice_id,
                                                                                 UnixTime now) = 0;
};

class WriteTxn : public ReadTxn {
public:
    // --- practices and clients ---------------------------------------
    virtual Error insert_practice(const Practice& p) = 0;  // already_exists (id)
    // already_exists (id, key_hash), invalid_reference (practice).
    virtual Error insert_admin_key(const AdminKeyRecord& k) = 0;
    // Sets revoked_at unless already revoked (the first time is kept).
    // not_found (unknown, or another practice's); last_admin_key when it is
    // the practice's only active key (decided inside this transaction, so
    // two revocations at once can never leave a practice without a key).
    virtual Error revoke_admin_key(std::string_view practice_id, std::string_view id, UnixTime now) = 0;
    // After a successful authentication: last_used_at, and the hash and
    // hint when they change (a key from before a rotation is re-hashed
    // under the current secret). not_found.
    virtual Error record_admin_key_use(std::string_view id, std::string_view key_hash, std::string_view hint,
                                       UnixTime now) = 0;
    virtual Error update_settings(std::string_view practice_id, const PracticeSettings& s) = 0;  // not_found
    // The name, email and phone payers see. not_found.
    virtual Error update_practice_profile(std::string_view practice_id, const pw::Contact& profile) = 0;
    // already_exists (id, email), invalid_reference (practice).
    virtual Error insert_client(const Client& c) = 0;
    // The client's preferred language ("" : none; the caller checks it is
    // a supported locale). not_found.
    virtual Error set_client_locale(std::string_view client_id, std::string_view locale) = 0;
    // Activates the portal account (or changes its password). not_found.
    virtual Error set_client_password(std::string_view client_id, std::string_view password_hash) = 0;
    // Replaces the password hash only while it is still `expected` (a
    // rehash at login must not undo a password change that happened
    // meanwhile). not_found, state_conflict.
    virtual Error replace_client_password_hash(std::string_view client_id, std::string_view expected,
                                               std::string_view password_hash) = 0;

    // --- invoices -----------------------------------------------------
    // Stores the definition (payments ignored, totals recomputed by the
    // core). already_exists (id, number), invalid_reference (client not of
    // this practice), and the core's recompute_totals errors.
    virtual Error insert_invoice(const InvoiceRecord& r) = 0;
    virtual Error set_invoice_void(std::string_view id, bool voided) = 0;  // not_found
    // Voids the practice's invoice only while no payment holds any of it
    // (none reserved, processing or succeeded), decided on the locked
    // invoice row in this transaction, so a payer starting at the same
    // moment either lands first (then: state_conflict, field "payments") or
    // finds the invoice void. not_found (unknown or another practice's);
    // voiding a void invoice again is no error.
    virtual Error void_unpaid_invoice(std::string_view practice_id, std::string_view id) = 0;

    // --- links ----------------------------------------------------------
    virtual Error insert_link(const Link& l) = 0;  // already_exists, invalid_reference
    // Sets revoked_at unless already revoked (the first time is kept).
    // not_found.
    virtual Error revoke_link(std::string_view id, UnixTime now) = 0;

    // --- vault ----------------------------------------------------------
    virtual Error insert_mandate(const Mandate& m) = 0;
    virtual Error insert_token(const VaultToken& t) = 0;
    // Marks the token used and returns it, once. Errors: token_unknown (no
    // such token, or bound to another link/client: indistinguishable on
    // purpose), token_used, token_expired (now >= expires_at).
    virtual Result<VaultToken> consume_token(std::string_view token_hash, const TokenBinding& by,
                                             UnixTime now) = 0;
    // Saves a method in the client's wallet. When the client already has a
    // live method with the same fingerprint, that one is returned instead
    // (and its expiry updated) so the wallet never shows a card twice.
    virtual Result<SavedMethodRecord> save_method(const SavedMethodRecord& m) = 0;
    // Marks the client's live method removed. not_found (unknown, removed,
    // or another client's).
    virtual Error remove_saved_method(std::string_view client_id, std::string_view id,
                                      UnixTime now) = 0;

    // --- idempotency ----------------------------------------------------
    // Claims (scope, key) for a request whose canonical body hashes to
    // request_hash: see IdempotencyClaim. A different hash is a mismatch
    // whatever the stored state.
    // `earlier_hashes`: the same body hashed under older server keys
    // (security/keyed_hash.hpp): a stored hash equal to one of them is the
    // same request, so a retry across a secret rotation still replays.
    virtual Result<IdempotencyClaim> claim_idempotency(std::string_view scope, std::string_view key,
                                                       std::string_view request_hash, UnixTime now,
                                                       const std::vector<std::string>& earlier_hashes = {}) = 0;
    // Stores the response and marks the claim done. not_found.
    virtual Error finish_idempotency(std::string_view scope, std::string_view key, int status,
                                     std::string_view body, UnixTime now) = 0;
    // Forgets a claim so a retry runs afresh (no error when absent).
    virtual Error drop_idempotency(std::string_view scope, std::string_view key) = 0;

    // --- payments and refunds -------------------------------------------
    // Inserts a payment (normally reserved). Safety net, checked against the
    // live payments in this same transaction when the payment is live:
    // overpaid (amount > balance), too_many_payments (the invoice's
    // max_payments already live), invalid_value (currency differs from the
    // invoice's; invoice voided). already_exists (id, charge_key).
    virtual Error insert_payment(const PaymentRecord& p) = 0;
    // Moves the payment from `expected` to u.state (compare-and-set).
    // not_found, state_conflict (it is no longer `expected`),
    // invalid_transition.
    virtual Error update_payment(std::string_view id, PaymentState expected,
                                 const PaymentUpdate& u) = 0;
    // Inserts a refund (normally reserved). refund_too_large when
    // amount > refundable_amount(payment) at this moment (so concurrent
    // refunds can never exceed the settled amount); not_found (payment);
    // already_exists (id, refund_key).
    virtual Error insert_refund(const RefundRecord& r) = 0;
    // reserved -> succeeded | failed. not_found, state_conflict,
    // invalid_transition.
    virtual Error update_refund(std::string_view id, RefundState expected, RefundState to,
                                std::string_view processor_ref, UnixTime now) = 0;
    // Moves the lease's expiry to lease.expires_at, only while the record is
    // still reserved AND owned by lease.owner; otherwise changes nothing (no
    // error: another instance resolved it after the lease had lapsed).
    virtual Error renew_lease(ReservationKind kind, std::string_view id, const Lease& lease) = 0;

    // --- shared rate limits (security/rate_limit.hpp) ---------------------
    // One limit key's GCRA state: its "theoretical arrival time" in ms since
    // the epoch, 0 when the key has none (a full bucket). Read for update:
    // the caller decides and writes the new value in this same transaction,
    // so a hit from any instance is counted exactly once.
    virtual Result<std::int64_t> rate_tat(std::string_view key) = 0;
    // Stores the key's new TAT; 0 forgets the key (a full bucket again).
    virtual Error set_rate_tat(std::string_view key, std::int64_t tat_ms) = 0;
    // Forgets at most `limit` keys whose TAT is at or before `now_ms` (their
    // buckets are full, the same as absent). Returns how many.
    virtual Result<std::size_t> sweep_rate_tats(std::int64_t now_ms, std::size_t limit) = 0;

    // --- portal -----------------------------------------------------------
    virtual Error insert_session(const PortalSession& s) = 0;
    virtual Error delete_session(std::string_view id_hash) = 0;          // no error when absent
    virtual Error delete_client_sessions(std::string_view client_id) = 0;  // after a password reset
    virtual Error insert_one_time_token(const OneTimeToken& t) = 0;
    // Marks an unused, unexpired token of this purpose used and returns it.
    // token_unknown (unknown or other purpose), token_used, token_expired.
    virtual Result<OneTimeToken> consume_one_time_token(std::string_view token_hash,
                                                        OneTimePurpose purpose, UnixTime now) = 0;
    // Marks every unused token of the client used at `now` (only those of
    // `purpose` when given): a new invitation voids the older ones, a new
    // password voids every pending link. No error when there are none.
    virtual Error void_one_time_tokens(std::string_view client_id,
                                       std::optional<OneTimePurpose> purpose, UnixTime now) = 0;
    virtual Error insert_outbox(const OutboxEmail& e) = 0;

    // --- practitioner console -------------------------------------------
    // already_exists (id, email: unique across practices), invalid_reference.
    virtual Error insert_practice_user(const PracticeUser& u) = 0;
    virtual Error set_practice_user_password(std::string_view user_id, std::string_view password_hash) = 0;  // not_found
    virtual Error insert_console_session(const ConsoleSession& s) = 0;
    // Moves the idle expiry forward (never past expires_at). No error when
    // the session is gone.
    virtual Error touch_console_session(std::string_view id_hash, UnixTime idle_expires_at) = 0;
    virtual Error delete_console_session(std::string_view id_hash) = 0;  // no error when absent
    // Call inside the transaction of the change it records.
    virtual Error insert_activity(const ActivityEntry& a) = 0;

    // --- invoice drafts (schema v8) ----------------------------------------
    // Inserts the draft, or replaces client_id, request and updated_at of the
    // practice's draft with this id. not_found when the id belongs to no
    // draft of the practice and `create` is false (it was issued or deleted
    // meanwhile); already_exists (id) when create is true and it exists.
    virtual Error save_invoice_draft(const InvoiceDraft& d, bool create) = 0;
    // Deletes the practice's draft: not_found when it is gone already. Issuing
    // deletes it in the transaction that inserts the invoice, so of two
    // concurrent issues only one can succeed.
    virtual Error delete_invoice_draft(std::string_view practice_id, std::string_view id) = 0;
    // --- console invitations and users (schema version 7) ---------------
    // already_exists (id, token_hash), invalid_reference.
    virtual Error insert_practice_invitation(const PracticeInvitation& i) = 0;
    // Marks the practice's pending invitations for `email` revoked at `now`
    // (a new invitation voids the older ones). No error when there are none.
    virtual Error revoke_practice_invitations_for(std::string_view practice_id, std::string_view email,
                                                  UnixTime now) = 0;
    // Revokes one pending invitation of the practice. not_found (unknown,
    // another practice's, used, revoked or expired).
    virtual Error revoke_practice_invitation(std::string_view practice_id, std::string_view id, UnixTime now) = 0;
    // Marks the pending invitation used and returns it, once.
    // token_unknown, token_used, token_expired (expired or revoked).
    virtual Result<PracticeInvitation> consume_practice_invitation(std::string_view token_hash, UnixTime now) = 0;
    // Sets disabled_at on the practice's active user. not_found (unknown,
    // another practice's, already disabled).
    virtual Error disable_practice_user(std::string_view practice_id, std::string_view user_id, UnixTime now) = 0;
    // Ends every console session of the user. No error when none.
    virtual Error delete_user_console_sessions(std::string_view user_id) = 0;
};

class Store {
public:
    virtual ~Store() = default;

    // Runs `fn` in a read-only snapshot (BEGIN DEFERRED; WAL readers never
    // wait for writers). Returns fn's Error, or a storage error.
    virtual Error read_transaction(const std::function<Error(ReadTxn&)>& fn) = 0;
    // Runs `fn` holding the database's write lock (BEGIN IMMEDIATE, waiting
    // up to busy_timeout_ms for it, retried a few times); commits when fn
    // returns an empty Error, rolls back otherwise (also when fn throws).
    virtual Error write_transaction(const std::function<Error(WriteTxn&)>& fn) = 0;

    virtual int schema_version() const = 0;  // the version after migrations
    virtual Durability durability() const = 0;
};

// Opens (creating if needed) the SQLite database at options.path, in WAL
// mode, and migrates it to the latest schema in one transaction.
// schema_too_new when the file was written by a newer server; storage_error
// / storage_busy otherwise.
Result<std::unique_ptr<Store>> open_sqlite_store(const StoreOptions& options);

// Connects to the PostgreSQL database at options.path (a libpq URL) and
// migrates it in one transaction under an advisory lock (instances starting
// together migrate once). Durability is the cluster's own setting
// (synchronous_commit, fsync); both values commit synchronously.
// schema_too_new, storage_error (unreachable), storage_busy.
Result<std::unique_ptr<Store>> open_postgres_store(const StoreOptions& options);

// "postgresql://..." or "postgres://...": a PostgreSQL database, else a file.
bool is_postgres_url(std::string_view db);
// open_postgres_store for a PostgreSQL URL, open_sqlite_store otherwise.
Result<std::unique_ptr<Store>> open_store(const StoreOptions& options);

}  // namespace pws
