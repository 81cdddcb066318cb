// The HTTP API's messages (docs/api.md is the written contract) and their
// JSON codecs, shared by the widget and the server so both sides agree on
// every field name.
//
// Conventions, for every message type T below:
//   nlohmann::json encode(const T&)            -> the JSON body
//   Error decode(const nlohmann::json&, T&)    -> strict decoding; an empty
//                                                  Error on success
//   Result<T> parse_as<T>(std::string_view)    -> parse_json_strict (size,
//                                                  depth, duplicate keys)
//                                                  limited to kMaxBodyBytes,
//                                                  then decode
// Amounts are integer minor units. Strings are bounded; arrays are bounded.
// Decoding errors (see json_read.hpp for the codes) name the field with a
// path ("items[1].quantity", "mandate.accepted"); status 400 for unreadable
// JSON, 422 for a readable body with a wrong field (decline.hpp has the
// status of every code). Unknown fields are rejected (unknown_field), so a
// typo such as "save_card" never silently does nothing.
// Extra error codes produced by the decoders here:
//   invalid_currency   not a payable ISO 4217 code (field: "currency")
//   invalid_timestamp  not "YYYY-MM-DDTHH:MM:SSZ"
//   invalid_date       not "YYYY-MM-DD" (from date.hpp)
//   conflicting_fields two members that exclude each other (e.g. token and
//                      payment_method_id); field names the second one
//   mandate_not_accepted  bank debit without mandate.accepted == true
//   invalid_email      no "@" with text on both sides / control characters
//   password_too_short set-password shorter than kMinPasswordChars
//   invalid_origin     an embed origin that is not scheme://host[:port]
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paywidget/date.hpp"
#include "paywidget/invoice.hpp"
#include "paywidget/json_read.hpp"
#include "paywidget/result.hpp"

namespace pw {

// Largest request body the server reads (413 body_too_large above it) and
// the depth/size limits every API body is parsed with.
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;
inline constexpr int kMaxBodyDepth = 16;
// Response bodies may carry a whole invoice list, so they get more room.
inline constexpr std::size_t kMaxResponseBytes = 4u << 20;
inline constexpr std::size_t kMaxIdempotencyKeyBytes = 255;
inline constexpr std::size_t kMinPasswordChars = 10;

// ---------------------------------------------------------------- errors
// {"error":{"code","message","field"}} plus, where they apply:
//   login_url     (login_required)               a same-origin path
//   practitioner  (link_expired/revoked/unknown) whom to ask for a new link
//   retry_after   (rate_limited)                  seconds, also a header
struct ApiError {
    std::string code;
    std::string message;
    std::string field;  // "" when the error concerns the whole request
    std::string login_url;
    std::optional<Contact> practitioner;
    std::int64_t retry_after = 0;  // 0: absent
};
// An ApiError from a core Error (message kept; the catalogue's payer message
// when the core gave none).
ApiError to_api_error(const Error& e);
Error to_error(const ApiError& e);

// ---------------------------------------------------------------- shared parts
enum class MethodType { card, bank_debit };
std::string_view method_type_id(MethodType t);  // "card", "bank_debit"

// How a payment method is shown: "Visa •••• 4242", "US bank account •••• 6789".
struct MethodSummary {
    MethodType type = MethodType::card;
    std::string brand;  // card brand id (card.hpp) or scheme id for bank debit
    std::string last4;  // 4 ASCII digits (fewer only when the number was shorter)
};

// How a payer reads a method everywhere (widget, pages, receipts, emails):
// "Visa •••• 4242", "American Express •••• 0005", "US bank account •••• 6789"
// (ach), "Canadian bank account" (pad), "SEPA bank account" (sepa). No error.
std::string method_label(const MethodSummary& m, std::string_view locale = "en");

// A card saved in the client's wallet (portal sessions only, never via a link).
// JSON (flat): {"id","type","brand","last4","exp_month","exp_year"}.
struct SavedMethod {
    std::string id;  // "pm_..."
    MethodSummary method;
    int exp_month = 0;  // 1..12 for cards, 0 for bank accounts
    int exp_year = 0;   // 4 digits for cards, 0 for bank accounts
};

// What the amount screen may offer (computed by the server from the core plan).
struct PartialOptions {
    bool partial_allowed = false;    // false: the full balance only
    std::int64_t minimum = 0;        // smallest partial amount, minor units
    std::int64_t maximum_partial = 0;  // largest amount that is still partial
    int payments_left = 0;           // 0..2
};

// The debit authorization text the payer accepts for one scheme, in one
// language (pw::mandate_text, paywidget/mandate_text.hpp); the version goes
// back in the token request so the stored mandate names the exact text.
struct MandateText {
    BankScheme scheme = BankScheme::ach;
    std::string version;  // "<scheme>-<locale>-<wording hash>": "pad-fr-CA-c26dd8a3"
    std::string text;
    std::string locale;   // the text's language: "en", "fr", "fr-CA", "es", "en-XA"
};

enum class SessionKind { link, portal };
std::string_view session_kind_id(SessionKind k);  // "link", "portal"

// GET /api/v1/links/{token} and GET /api/v1/me/invoices/{id}: the invoice as
// the widget shows it. saved_methods is always empty and can_save_method
// false when session == link.
struct LinkView {
    Invoice invoice;
    SessionKind session = SessionKind::link;
    bool payable = true;  // false when paid or void: show the receipt instead
    PartialOptions options;
    std::vector<SavedMethod> saved_methods;
    bool can_save_method = false;
    std::vector<MandateText> mandates;  // one per accepted bank scheme
    std::string receipt_url;            // latest receipt, "" when none
    // The server's date when it built the view: the widget judges card
    // expiry by it (the core reads no clock; the server checks again).
    Date today;
};

// The payment id a receipt_url names ("/api/v1/receipts/<id>" -> "<id>"),
// "" for "" or anything else: the pages and the widget link a receipt page
// by this id.
std::string receipt_payment_id(std::string_view receipt_url);

// ---------------------------------------------------------------- tokens
struct CardFields {
    std::string number;       // as typed: digits, spaces, dashes
    std::string exp;          // as typed: "12/34", "1234", "2034-12", ...
    std::string cvc;
    std::string name;         // cardholder name, required
    std::string postal_code;  // billing postal code, required (validate_postal_code)
};

struct BankFields {
    BankScheme scheme = BankScheme::ach;
    std::string account_holder;
    // ach
    std::string routing_number;
    std::string account_number;  // ach and pad
    std::string account_type;    // ach: "checking" | "savings"
    // pad
    std::string transit_number;
    std::string institution_number;
    // sepa
    std::string iban;
};

struct MandateAcceptance {
    bool accepted = false;      // must be true
    std::string text_version;   // MandateText::version the payer saw
};

// POST /api/v1/tokens. JSON is flat with a "type" discriminator:
//   {"type":"card","number","exp","cvc","name","postal_code"}
//   {"type":"bank_debit","scheme":"ach","account_holder","routing_number",
//    "account_number","account_type","mandate":{"accepted","text_version"}}
//   (pad: transit_number, institution_number, account_number; sepa: iban)
// Members of the other type are unknown_field. The codec checks shape only; the server then runs the
// card/bank validators of card.hpp and bank_debit.hpp (422 with the field).
struct TokenRequest {
    MethodType type = MethodType::card;
    CardFields card;           // when type == card
    BankFields bank;           // when type == bank_debit
    MandateAcceptance mandate;  // when type == bank_debit
};

// JSON (flat): {"token","type","brand","last4","exp_month","exp_year"}.
struct TokenResponse {
    std::string token;  // "tok_...", single use, bound to the link/session
    MethodSummary method;
    int exp_month = 0;  // 0 for bank debit (JSON null)
    int exp_year = 0;
};

// ---------------------------------------------------------------- payments
// POST /api/v1/invoices/{id}/payments with header Idempotency-Key.
// Exactly one of token / payment_method_id; save_method only with a token.
struct PaymentRequest {
    std::int64_t amount = 0;  // 1..kMaxAmountMinor
    std::string currency;     // must equal the invoice currency
    std::string token;
    std::string payment_method_id;
    bool save_method = false;
};

// Idempotency-Key header: 1..255 chars of [A-Za-z0-9._:-]. Error codes:
// idempotency_key_required (empty), invalid_idempotency_key.
Error check_idempotency_key(std::string_view key);
// The canonical body the server compares for "same key, same body": the
// request re-encoded (key order and whitespace do not matter).
std::string canonical_body(const PaymentRequest& r);

enum class PaymentStatus { succeeded, processing, declined, failed };
std::string_view payment_status_id(PaymentStatus s);

struct Decline {
    std::string code;     // decline.hpp catalogue
    std::string message;  // payer message: what happened, what to do
};

struct PaymentResult {
    std::string id;          // "pay_..."
    std::string invoice_id;
    PaymentStatus status = PaymentStatus::succeeded;
    std::int64_t amount = 0;
    std::string currency;
    MethodSummary method;
    std::optional<Decline> decline;  // present iff declined or failed
    std::string created_at;          // "2025-01-31T12:00:00Z"
    std::int64_t refunded = 0;       // refunds credited against this payment
};

struct InvoiceBalance {
    std::string id;
    std::int64_t balance = 0;
    InvoiceStatus status = InvoiceStatus::open;
    int payments_left = 0;
};

// 200 for every processed attempt, whatever its outcome: the outcome is
// payment.status. receipt_url is "" (JSON null) unless succeeded/processing.
struct PaymentResponse {
    PaymentResult payment;
    InvoiceBalance invoice;
    std::string receipt_url;
};

struct Refund {
    std::string id;  // "re_..."
    std::string payment_id;
    std::int64_t amount = 0;
    std::string currency;
    std::string reason;  // may be empty
    std::string created_at;
};

// GET /api/v1/receipts/{payment_id}: the paid invoice as receipt.
struct Receipt {
    std::string payment_id;
    Invoice invoice;
    std::vector<PaymentResult> payments;
    std::vector<Refund> refunds;
    std::int64_t balance = 0;
};

// ---------------------------------------------------------------- portal
struct LoginRequest {  // POST /api/v1/session
    std::string email;
    std::string password;
};

struct ClientInfo {
    std::string id;
    std::string name;
    std::string email;
    bool portal_activated = false;
    // The client's language for pages and emails ("" / absent: none). The
    // initializer keeps brace-initialisations that predate it warning-free.
    std::string locale = {};
};

struct SessionInfo {  // 200 from POST /api/v1/session and accepting an invitation
    ClientInfo client;
};

// POST /api/v1/invitations/accept and /api/v1/password-resets/complete.
struct SetPasswordRequest {
    std::string token;
    std::string password;  // kMinPasswordChars..256 characters
};

struct PasswordResetRequest {  // POST /api/v1/password-resets
    std::string email;
};

struct InvoiceSummary {
    std::string id;
    std::string number;
    std::string currency;
    Date issue_date;
    Date due_date;
    std::int64_t total = 0;
    std::int64_t balance = 0;
    InvoiceStatus status = InvoiceStatus::open;
    std::string practitioner_name;
};

struct InvoiceList {  // GET /api/v1/me/invoices[?status=pending]
    std::vector<InvoiceSummary> invoices;
};

struct PaymentHistoryEntry {
    PaymentResult payment;
    std::string invoice_number;
    std::string receipt_url;  // "" (null) when there is no receipt
};

struct PaymentHistory {  // GET /api/v1/me/payments
    std::vector<PaymentHistoryEntry> payments;
};

struct SavedMethodList {  // GET /api/v1/me/payment-methods
    std::vector<SavedMethod> payment_methods;
    bool removal_allowed = false;
};

// ---------------------------------------------------------------- admin
struct CreateClientRequest {  // POST /api/v1/admin/clients
    std::string name;
    std::string email;
    std::string portal_password;  // "" : no portal account yet
    std::string locale = {};      // optional: "en", "fr", "fr-CA", "es" (pw::preference_locale)
};

// PATCH /api/v1/admin/clients/{id}: what the practitioner changes. Only the
// client's language so far; null or "" clears it.
struct UpdateClientRequest {
    std::string locale;
};

struct ClientEnvelope {  // 201 {"client":{...}}
    ClientInfo client;
};

struct NewLineItem {
    std::string description;
    std::int64_t quantity = 1;
    std::int64_t unit_amount = 0;
    std::int64_t tax = 0;
};

struct CreateInvoiceRequest {  // POST /api/v1/admin/invoices
    std::string client_id;
    std::string currency;
    std::string number;  // "" : the server numbers it
    Date issue_date;
    Date due_date;
    std::vector<NewLineItem> items;  // 1..100
    std::int64_t discount = 0;
    PartialPaymentPolicy partial;
    AcceptedMethods accepted;
    std::string settlement_currency;  // "" : the practice's setting
    std::optional<FxRate> fx_rate;
};

struct InvoiceEnvelope {  // 201 / 200 {"invoice":{...}}
    Invoice invoice;
};

struct LinkInfo {
    std::string id;
    std::string url;    // "https://pay.example/pay/<token>" (create/send only)
    std::string token;  // only in the create/send response; never listed again
    std::string expires_at;
    bool revoked = false;
};

struct AdminInvoiceView {  // GET /api/v1/admin/invoices/{id}
    Invoice invoice;
    std::vector<PaymentResult> payments;
    std::vector<Refund> refunds;
    std::vector<LinkInfo> links;
};

struct CreateLinkRequest {  // POST /api/v1/admin/invoices/{id}/links
    int expires_in_days = 30;  // 1..365
};

struct RefundRequest {  // POST /api/v1/admin/payments/{id}/refunds (+ Idempotency-Key)
    std::int64_t amount = 0;
    std::string reason;
};

struct RefundResponse {
    Refund refund;
    InvoiceBalance invoice;
};

struct Settings {  // GET/PUT/PATCH /api/v1/admin/settings (PUT: request; all: response)
    bool allow_saved_method_removal = false;
    std::string settlement_currency;  // "" : each invoice is settled in its own currency
    std::vector<std::string> embed_origins;  // "https://practice.example[:port]"
    // The partial-payment policy the console's invoice editor starts a new
    // invoice with ("default_partial_payments", the invoice's
    // "partial_payments" shape; optional in a PUT: absent is off). A fixed
    // minimum is in minor units of each new invoice's currency.
    PartialPaymentPolicy default_partial;
    // The language of emails to clients with no preference of their own
    // ("default_locale": a supported locale, "en", "fr", "fr-CA" or "es";
    // "" or absent: English). A client's own preference comes first.
    std::string default_locale;
};

// Admin keys: several per practice, each revocable. A key is shown once,
// when made; lists show only its hint.
struct CreateAdminKeyRequest {  // POST /api/v1/admin/keys
    std::string name;           // the practitioner's label, 1..200 characters
};

struct AdminKeyInfo {
    std::string id;            // "key_..."
    std::string name;
    std::string hint;          // "pwk_...a1b2"; "" (null) for a key made before hints, until its first use
    std::string created_at;
    std::string last_used_at;  // "" (null): never used; to the minute
    std::string revoked_at;    // "" (null): active
};

struct NewAdminKeyResponse {  // 201 to POST /api/v1/admin/keys
    std::string key;          // "pwk_<43 characters>": shown this once
    AdminKeyInfo admin_key;
};

struct AdminKeyList {  // GET /api/v1/admin/keys, oldest first, revoked ones included
    std::vector<AdminKeyInfo> keys;
};

// POST /api/v1/admin/clients/{id}/invite (202). The invitation link goes to
// the client by email only: the practitioner's integration never holds a
// token that could activate someone else's account.
struct InviteResponse {
    std::string sent_to;     // the client's email address
    std::string expires_at;
};

struct SendInvoiceRequest {  // POST /api/v1/admin/invoices/{id}/send
    int expires_in_days = 30;
    bool revoke_previous = true;
};

struct SendInvoiceResponse {
    LinkInfo link;
    std::string delivery;  // "smtp" | "outbox"
};

// ---------------------------------------------------------------- codecs
#define PW_API_CODEC(T)                    \
    nlohmann::json encode(const T& value); \
    Error decode(const nlohmann::json& j, T& out);
PW_API_CODEC(ApiError)
PW_API_CODEC(SavedMethod)
PW_API_CODEC(LinkView)
PW_API_CODEC(TokenRequest)
PW_API_CODEC(TokenResponse)
PW_API_CODEC(PaymentRequest)
PW_API_CODEC(PaymentResult)
PW_API_CODEC(PaymentResponse)
PW_API_CODEC(Refund)
PW_API_CODEC(Receipt)
PW_API_CODEC(LoginRequest)
PW_API_CODEC(SessionInfo)
PW_API_CODEC(SetPasswordRequest)
PW_API_CODEC(PasswordResetRequest)
PW_API_CODEC(InvoiceList)
PW_API_CODEC(PaymentHistory)
PW_API_CODEC(SavedMethodList)
PW_API_CODEC(CreateClientRequest)
PW_API_CODEC(UpdateClientRequest)
PW_API_CODEC(ClientEnvelope)
PW_API_CODEC(CreateInvoiceRequest)
PW_API_CODEC(InvoiceEnvelope)
PW_API_CODEC(AdminInvoiceView)
PW_API_CODEC(CreateLinkRequest)
PW_API_CODEC(LinkInfo)
PW_API_CODEC(RefundRequest)
PW_API_CODEC(RefundResponse)
PW_API_CODEC(Settings)
PW_API_CODEC(InviteResponse)
PW_API_CODEC(CreateAdminKeyRequest)
PW_API_CODEC(AdminKeyInfo)
PW_API_CODEC(NewAdminKeyResponse)
PW_API_CODEC(AdminKeyList)
PW_API_CODEC(SendInvoiceRequest)
PW_API_CODEC(SendInvoiceResponse)
#undef PW_API_CODEC

// PATCH /api/v1/admin/settings: `patch` applied to `current` with JSON merge
// semantics (RFC 7396: a member present replaces, an absent one is kept,
// null removes), then checked as a whole as PUT checks it. So a partial
// update never wipes what it does not name, and removing a required member
// is 422 missing_field, never a silent default. Errors: wrong_type (the
// patch is not an object) and those of decode(Settings).
Result<Settings> merge_settings(const Settings& current, const nlohmann::json& patch);

// Body text -> message. Requests use kMaxBodyBytes; `limits` lets a client
// read larger responses (kMaxResponseBytes). Errors: those of
// parse_json_strict (input_too_large is reported as body_too_large, 413),
// then those of decode().
Result<nlohmann::json> parse_body(std::string_view text, std::size_t max_bytes = kMaxBodyBytes);

template <class T>
Result<T> parse_as(std::string_view text, std::size_t max_bytes = kMaxBodyBytes) {
    Result<nlohmann::json> j = parse_body(text, max_bytes);
    if (!j.ok()) return Result<T>::failure(j.error);
    T out{};
    Error e = decode(j.value, out);
    if (e) return Result<T>::failure(std::move(e));
    return Result<T>::success(std::move(out));
}

// Serialises without ever aborting (invalid UTF-8 becomes U+FFFD).
std::string dump_body(const nlohmann::json& j);

}  // namespace pw
