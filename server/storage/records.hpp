// What the storage layer keeps, as plain structs (one per table).
//
// Conventions:
//   * ids are prefixed random strings made by the CALLER ("inv_...",
//     "pay_..."); the storage never generates ids, keys or randomness;
//   * times are int64 unix seconds supplied by the caller (UnixTime), so
//     tests can drive the clock;
//   * an optional reference (link_id, client_id, payment_method_id, ...) is
//     "" in a record and NULL in the database;
//   * secrets are stored only as keyed hashes made by security/ (token_hash,
//     key_hash, id_hash); card numbers and CVCs never reach this layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paywidget/api.hpp"      // pw::MethodType
#include "paywidget/invoice.hpp"  // pw::Invoice, pw::BankScheme, pw::Contact

namespace pws {

using UnixTime = std::int64_t;

// ---------------------------------------------------------------- tenants
struct PracticeSettings {
    bool allow_card_removal = false;  // clients may delete saved cards themselves
    std::string settlement_currency;  // "" : each invoice's own currency
    std::vector<std::string> embed_origins;  // "https://practice.example[:port]"
    pw::PartialPaymentPolicy default_partial;  // new invoices start with it (schema v8)
    // The language of emails to clients without a preference of their own:
    // a supported locale ("es"), "" for English (schema v10).
    std::string locale;
};

struct Practice {
    std::string id;  // "prc_..."
    std::string name;
    std::string email;
    std::string phone;
    PracticeSettings settings;
    UnixTime created_at = 0;

    pw::Contact contact() const { return pw::Contact{name, email, phone}; }
};

// One admin API key of a practice (several may be active at once). The key
// itself is shown once, when made; only its keyed hash is kept.
struct AdminKeyRecord {
    std::string id;  // "key_..."
    std::string practice_id;
    std::string name;      // the practitioner's label ("billing integration")
    std::string key_hash;  // UNIQUE: hash_token(KeyUse::admin_key, key)
    // "pwk_…a1b2": the key's prefix and last 4 characters, so a list can
    // show which key is which. "" for a key from before schema version 3
    // until its first use.
    std::string hint;
    UnixTime created_at = 0;
    std::optional<UnixTime> last_used_at;  // to the minute (see admin_auth)
    std::optional<UnixTime> revoked_at;

    bool revoked() const { return revoked_at.has_value(); }
};

struct Client {
    std::string id;  // "cli_..."
    std::string practice_id;
    std::string name;
    std::string email;  // UNIQUE per practice, compared ASCII case-insensitively
    std::string phone;
    std::optional<std::string> password_hash;  // set: the portal account is activated
    UnixTime created_at = 0;
    // The language the client reads pages and emails in: a supported locale
    // (pw::supported_locales), "" for no preference (migration 10).
    std::string locale;

    bool portal_activated() const { return password_hash.has_value(); }
};

// ---------------------------------------------------------------- invoices
// The invoice as the practitioner defined it. `definition` holds items,
// dates, contacts, policy and methods; its payments are always empty and its
// status is open or void (void is the only status that is stored). Number
// is UNIQUE per practice; definition.id == id.
struct InvoiceRecord {
    std::string id;  // "inv_..."
    std::string practice_id;
    std::string client_id;
    pw::Invoice definition;
    UnixTime created_at = 0;

    bool voided() const { return definition.status == pw::InvoiceStatus::void_; }
};

// ---------------------------------------------------------------- links
struct Link {
    std::string id;  // "lnk_..."
    std::string invoice_id;
    std::string practice_id;
    std::string token_hash;  // UNIQUE
    UnixTime created_at = 0;
    UnixTime expires_at = 0;
    std::optional<UnixTime> revoked_at;

    bool revoked() const { return revoked_at.has_value(); }
    bool expired(UnixTime now) const { return now >= expires_at; }
};

// ---------------------------------------------------------------- vault
// A bank-debit authorization as the payer accepted it.
struct Mandate {
    std::string id;  // "mdt_..."
    std::string practice_id;
    pw::BankScheme scheme = pw::BankScheme::ach;
    std::string text_version;  // pw::mandate_text's version: "pad-fr-CA-c26dd8a3"
    std::string text;
    UnixTime accepted_at = 0;
    std::string payer_name;
    std::string client_address;  // the payer's IP address as the server saw it
    std::string locale = "en";   // the text's language (schema 11; older mandates: "en")
};

// A single-use payment token. Bound to exactly one of link_id (a link payer)
// or client_id (a portal session).
struct VaultToken {
    std::string token_hash;  // primary key
    std::string practice_id;
    std::string link_id;
    std::string client_id;
    pw::MethodType kind = pw::MethodType::card;
    std::string processor_ref;
    std::string brand;  // card brand id or scheme id
    std::string last4;
    int exp_month = 0;  // 0 for bank accounts
    int exp_year = 0;
    std::string fingerprint;  // keyed, per practice
    std::string mandate_id;   // bank debits
    UnixTime created_at = 0;
    UnixTime expires_at = 0;
    std::optional<UnixTime> used_at;
};

// Who presents a token: the link or the portal session's client.
struct TokenBinding {
    std::string link_id;
    std::string client_id;
};

// A card (or account) in a client's wallet. At most one LIVE (not removed)
// method per client and fingerprint.
struct SavedMethodRecord {
    std::string id;  // "pm_..."
    std::string practice_id;
    std::string client_id;
    pw::MethodType kind = pw::MethodType::card;
    std::string processor_ref;
    std::string brand;
    std::string last4;
    int exp_month = 0;
    int exp_year = 0;
    std::string fingerprint;
    UnixTime created_at = 0;
    std::optional<UnixTime> removed_at;
};

// ---------------------------------------------------------------- payments
enum class PaymentState {
    reserved,    // txn 1 took the amount; the processor has not answered yet
    succeeded,   // money taken
    processing,  // bank debit submitted, settles later
    declined,    // issuer said no
    failed,      // processor error
    returned,    // bank debit returned after submission
    released,    // recovery found no charge: the reservation was given back
};
std::string_view payment_state_id(PaymentState s);
std::optional<PaymentState> parse_payment_state(std::string_view id);
// reserved, processing and succeeded count towards the balance and the
// 2-payment limit; the others do not.
bool counts_toward_balance(PaymentState s);
// The allowed moves: reserved -> any other state; processing -> succeeded,
// returned, failed; succeeded -> returned (a late bank-debit return).
bool payment_transition_allowed(PaymentState from, PaymentState to);

enum class PayerKind { link, portal };
std::string_view payer_kind_id(PayerKind k);

// Who may act on a `reserved` payment or refund, and until when. The owner
// (a server process's instance id) keeps extending expires_at while its
// processor call runs; once expires_at has passed, any instance's recovery
// may resolve the reservation (services/reservation_lease.hpp).
enum class ReservationKind { payment, refund };

struct Lease {
    std::string owner;       // instance id; "" for rows from before schema 4
    UnixTime expires_at = 0;  // 0: lapsed (recovery may resolve it at once)
};

struct PaymentRecord {
    std::string id;  // "pay_..."
    std::string practice_id;
    std::string invoice_id;
    std::int64_t amount = 0;  // minor units of currency, > 0
    std::string currency;
    PaymentState state = PaymentState::reserved;
    pw::MethodType method_type = pw::MethodType::card;
    std::string method_brand;
    std::string method_last4;
    std::string payment_method_id;  // the saved method used or saved, "" none
    std::string token_hash;         // the vault token charged, "" for a saved method
    bool save_method = false;       // a portal payer asked to keep the card
    std::string mandate_id;         // bank debits
    std::string processor_ref;      // the processor's charge id once known
    std::string charge_key;         // UNIQUE: the processor's idempotency key
    std::string decline_code;
    std::string decline_message;
    PayerKind payer = PayerKind::link;
    std::string link_id;    // payer == link
    std::string client_id;  // payer == portal: the session's client
    std::string idem_scope;  // the Idempotency-Key claim that created it,
    std::string idem_key;    // so recovery can drop it on release
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    Lease lease;  // meaningful while reserved (last: aggregate initialisers stay valid)
};

// What a state change may set besides the state; empty strings keep the
// stored value.
struct PaymentUpdate {
    PaymentState state = PaymentState::succeeded;
    std::string processor_ref;
    std::string decline_code;
    std::string decline_message;
    std::string payment_method_id;
    UnixTime updated_at = 0;
};

enum class RefundState { reserved, succeeded, failed };
std::string_view refund_state_id(RefundState s);
std::optional<RefundState> parse_refund_state(std::string_view id);

struct RefundRecord {
    std::string id;  // "re_..."
    std::string payment_id;
    std::string practice_id;
    std::int64_t amount = 0;  // > 0, in the payment's currency
    std::string currency;
    std::string reason;
    RefundState state = RefundState::reserved;
    std::string refund_key;  // UNIQUE: the processor's idempotency key
    std::string processor_ref;
    std::string idem_scope;
    std::string idem_key;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
    Lease lease;  // meaningful while reserved (last: aggregate initialisers stay valid)
};

// ---------------------------------------------------------------- derived views
// An invoice as payers see it now: `invoice` is the definition with the live
// payments (reserved, processing, succeeded) applied, amount_paid, balance
// and status recomputed by the core, and refunded = the succeeded refunds of
// live payments. `payments` holds EVERY attempt (any state, oldest first)
// and `refunds` every refund of them.
struct InvoiceView {
    InvoiceRecord record;
    pw::Invoice invoice;
    std::vector<PaymentRecord> payments;
    std::vector<RefundRecord> refunds;

    int live_payment_count() const { return static_cast<int>(invoice.payments.size()); }
};

enum class InvoiceFilter {
    all,
    pending,  // open or partially paid: something is still due
    paid,
};

struct HistoryEntry {
    PaymentRecord payment;
    std::string invoice_number;
    std::vector<RefundRecord> refunds;  // of this payment
    std::string client_name;  // the invoice's client (practice_payments with a filter only)
};

// The console's payment search (ReadTxn::practice_payments with a filter).
// Every set criterion must hold; an empty/unset one matches everything.
struct PaymentFilter {
    std::vector<PaymentState> states;  // any of these ("" : every state)
    bool refunded = false;             // only payments with a succeeded refund
    std::optional<pw::MethodType> method;
    std::string currency;              // ISO 4217, exact
    std::optional<UnixTime> from;      // created_at >= from
    std::optional<UnixTime> before;    // created_at <  before
    std::string client;                // in the client's name or email, case-insensitive (ASCII)
};

struct ReceiptData {
    PaymentRecord payment;
    InvoiceView view;  // the invoice it paid, every payment and refund
    Practice practice;
    Client client;
};

// ---------------------------------------------------------------- idempotency
struct IdempotencyClaim {
    enum class Kind {
        claimed,      // new: the caller runs the request, then finish/drop
        replay,       // done before with the same body: send status + body
        mismatch,     // the key was used with a different body: 409
        in_progress,  // same key still running elsewhere: 409 in_progress
    };
    Kind kind = Kind::claimed;
    int status = 0;    // replay only
    std::string body;  // replay only
};

// ---------------------------------------------------------------- portal
struct PortalSession {
    std::string id_hash;  // keyed hash of the cookie value
    std::string client_id;
    UnixTime created_at = 0;
    UnixTime expires_at = 0;
};

enum class OneTimePurpose { invitation, password_reset };
std::string_view one_time_purpose_id(OneTimePurpose p);

struct OneTimeToken {
    std::string token_hash;
    std::string client_id;
    OneTimePurpose purpose = OneTimePurpose::invitation;
    UnixTime created_at = 0;
    UnixTime expires_at = 0;
    std::optional<UnixTime> used_at;
};

// ---------------------------------------------------------------- console
// The practitioner console's users (practice users), their sessions and the
// practice's activity log (schema version 6).

enum class PracticeRole { owner, staff };
std::string_view practice_role_id(PracticeRole r);  // "owner" / "staff"

// A person who signs in to the console. Belongs to exactly one practice;
// the email is unique across ALL practices (ASCII case-insensitively), so
// the sign-in form needs no practice and one email + password names one
// account (storage/migrations.cpp, version 6, says why).
struct PracticeUser {
    std::string id;  // "usr_..."
    std::string practice_id;
    std::string email;
    std::string name;
    PracticeRole role = PracticeRole::staff;
    std::string password_hash;  // Argon2id (security/password.hpp); "" : not set yet
    UnixTime created_at = 0;
    std::optional<UnixTime> disabled_at;  // set: can no longer sign in
};

// A console session: only the keyed hash of the cookie's token is stored.
// It ends at `expires_at` (absolute, from sign-in) or at `idle_expires_at`
// (moved forward while the user is active), whichever comes first.
struct ConsoleSession {
    std::string id_hash;
    std::string user_id;
    UnixTime created_at = 0;
    UnixTime idle_expires_at = 0;
    UnixTime expires_at = 0;
};

// An invitation to the console (schema version 7): the owner invites a
// person by email with a role; the link's token is stored only as its keyed
// hash. Pending while not used, not revoked and before expires_at; used
// once, in the transaction that creates the practice user.
struct PracticeInvitation {
    std::string id;  // "pin_..."
    std::string token_hash;
    std::string practice_id;
    std::string email;
    std::string name;
    PracticeRole role = PracticeRole::staff;
    std::string invited_by;  // the inviting user's id
    UnixTime created_at = 0;
    UnixTime expires_at = 0;
    std::optional<UnixTime> used_at;
    std::optional<UnixTime> revoked_at;
};

// One line of a practice's activity log: who did what to what, and when.
// Never card data: `detail` is a short human sentence about the change.
struct ActivityEntry {
    std::string id;  // "act_..."
    std::string practice_id;
    UnixTime at = 0;
    std::string actor;    // a user id ("usr_..."), "api key <name>", or "client"
    std::string action;   // "settings.changed", "api_key.created", ...
    std::string subject;  // what it was done to ("key_...", "settings", ...)
    std::string detail;
};

// An invoice being written in the console, not yet issued (schema v8).
// `request` is the pw::CreateInvoiceRequest JSON shape (api.hpp) as far as
// it is filled in: a draft may lack its client, dates or items; issuing it
// decodes it with the core's codec, which then checks every rule.
struct InvoiceDraft {
    std::string id;  // "drf_..."; the invoice it becomes is "inv_" + the same suffix
    std::string practice_id;
    std::string client_id;  // "" : not chosen yet
    std::string request;    // JSON object text
    std::string created_by;  // the practice user
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

struct OutboxEmail {
    std::string id;  // "eml_..."
    std::string practice_id;
    std::string invoice_id;  // "" when not about an invoice
    std::string to;
    std::string subject;
    std::string path;  // where the rendered message was written
    UnixTime created_at = 0;
};

}  // namespace pws
