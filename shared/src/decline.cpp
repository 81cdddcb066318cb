// The error/decline catalogue: HTTP status and payer message per code.
//
// The words live in the message catalogue (shared/messages/, ids
// "error.<code>", "decline.<code>", "bank_return.<code>"): this table names
// the id; the API speaks English (the catalogue's en), the widget the
// payer's language (decline_text, api_error_text).
//
// Payer messages say what happened and what to do, in the help article's
// words: contact your bank or card issuer, for HSA/FSA cards your
// practitioner, or try another card. Suspicious-card declines get the generic
// wording on purpose: telling a payer "this card was reported stolen" helps a
// fraudster and embarrasses an honest payer whose card was replaced.
#include "paywidget/decline.hpp"

#include "paywidget/messages.hpp"

namespace pw {

std::string_view code_kind_id(CodeKind k) {
    switch (k) {
        case CodeKind::request: return "request";
        case CodeKind::auth: return "auth";
        case CodeKind::link: return "link";
        case CodeKind::conflict: return "conflict";
        case CodeKind::limit: return "limit";
        case CodeKind::server: return "server";
        case CodeKind::card_decline: return "card_decline";
        case CodeKind::bank_return: return "bank_return";
    }
    return "request";
}

namespace {

// A row as written below: the message is a catalogue id.
struct Row {
    std::string_view code;
    int http_status;
    CodeKind kind;
    std::string_view message_id;  // "" for validator codes
    std::string_view field;
    bool retryable;
};

using K = CodeKind;

constexpr Row kRows[] = {
    // --- request: unreadable body (400) -----------------------------------
    {"invalid_json", 400, K::request, "error.invalid_json", "", false},
    {"too_deeply_nested", 400, K::request, "error.too_deeply_nested", "", false},
    {"duplicate_field", 400, K::request, "error.duplicate_field", "", false},
    {"unsupported_media_type", 415, K::request, "error.unsupported_media_type", "", false},
    {"body_too_large", 413, K::request, "error.body_too_large", "", false},
    {"headers_too_large", 431, K::request, "error.headers_too_large", "", false},
    {"idempotency_key_required", 400, K::request, "error.idempotency_key_required", "", false},
    {"invalid_idempotency_key", 400, K::request, "error.invalid_idempotency_key", "", false},
    // --- request: a field is wrong (422); validators give the message ------
    {"missing_field", 422, K::request, "", "", false},
    {"wrong_type", 422, K::request, "", "", false},
    {"unknown_field", 422, K::request, "", "", false},
    {"out_of_range", 422, K::request, "", "", false},
    {"invalid_value", 422, K::request, "", "", false},
    {"empty_value", 422, K::request, "", "", false},
    {"string_too_long", 422, K::request, "", "", false},
    {"too_many_items", 422, K::request, "", "", false},
    {"negative_amount", 422, K::request, "", "", false},
    {"amount_too_large", 422, K::request, "", "", false},
    {"invalid_currency", 422, K::request, "", "", false},
    {"invalid_timestamp", 422, K::request, "", "", false},
    {"invalid_date", 422, K::request, "", "", false},
    {"conflicting_fields", 422, K::request, "", "", false},
    {"invalid_email", 422, K::request, "", "", false},
    {"password_too_short", 422, K::request, "", "", false},
    {"invalid_origin", 422, K::request, "", "", false},
    {"mandate_not_accepted", 422, K::request, "error.mandate_not_accepted", "mandate.accepted", false},
    {"mandate_outdated", 422, K::request, "error.mandate_outdated", "mandate.text_version", false},
    {"currency_mismatch", 422, K::request, "error.currency_mismatch", "currency", false},
    {"method_not_accepted", 422, K::request, "error.method_not_accepted", "type", false},
    {"method_not_saveable", 422, K::request, "error.method_not_saveable", "save_method", false},
    {"token_invalid", 422, K::request, "error.token_invalid", "token", false},
    {"payment_method_unknown", 422, K::request, "error.payment_method_unknown", "payment_method_id", false},
    {"refund_exceeds_charge", 422, K::request, "error.refund_exceeds_charge", "amount", false},
    {"refund_exceeds_settled", 422, K::request, "error.refund_exceeds_settled", "amount", false},
    // --- auth (401/403) -----------------------------------------------------
    {"unauthorized", 401, K::auth, "error.unauthorized", "", false},
    {"invalid_credentials", 401, K::auth, "error.invalid_credentials", "", false},
    {"forbidden", 403, K::auth, "error.forbidden", "", false},
    {"https_required", 403, K::auth, "error.https_required", "", false},
    {"login_required", 403, K::auth, "error.login_required", "", false},
    {"removal_disabled", 403, K::auth, "error.removal_disabled", "", false},
    {"save_method_not_allowed", 403, K::auth, "error.save_method_not_allowed", "save_method", false},
    {"saved_method_not_allowed", 403, K::auth, "error.saved_method_not_allowed", "payment_method_id", false},
    // --- links (404/410) ----------------------------------------------------
    {"link_unknown", 404, K::link, "error.link_unknown", "", false},
    {"link_expired", 410, K::link, "error.link_expired", "", false},
    {"link_revoked", 410, K::link, "error.link_revoked", "", false},
    {"invitation_invalid", 410, K::link, "error.invitation_invalid", "", false},
    {"not_found", 404, K::link, "error.not_found", "", false},
    // --- conflicts (409) ----------------------------------------------------
    {"invoice_not_payable", 409, K::conflict, "error.invoice_not_payable", "", false},
    {"idempotency_mismatch", 409, K::conflict, "error.idempotency_mismatch", "", false},
    {"in_progress", 409, K::conflict, "error.in_progress", "", true},
    {"token_used", 409, K::conflict, "error.token_used", "token", false},
    {"charge_not_refundable", 409, K::conflict, "error.charge_not_refundable", "", false},
    {"charge_not_found", 409, K::conflict, "error.charge_not_found", "", false},
    {"email_taken", 409, K::conflict, "error.email_taken", "email", false},
    {"last_admin_key", 409, K::conflict, "error.last_admin_key", "", false},
    {"portal_already_active", 409, K::conflict, "error.portal_already_active", "", false},
    // --- limits / server ------------------------------------------------------
    {"rate_limited", 429, K::limit, "error.rate_limited", "", true},
    {"internal_error", 500, K::server, "error.internal_error", "", true},
    {"storage_busy", 503, K::server, "error.storage_busy", "", true},
    {"processor_refused", 502, K::server, "error.processor_refused", "", false},
    {"processor_unavailable", 503, K::server, "error.processor_unavailable", "", true},
    {"processor_busy", 503, K::server, "error.processor_busy", "", true},
    {"server_busy", 503, K::server, "error.server_busy", "", true},
    {"outbox_unwritable", 500, K::server, "error.outbox_unwritable", "", true},
    {"smtp_unreachable", 502, K::server, "error.smtp_unreachable", "", true},
    {"smtp_rejected", 502, K::server, "error.smtp_rejected", "", false},
    // --- card declines (payment.decline, HTTP 200) ---------------------------
    {"generic_decline", 200, K::card_decline, "decline.generic_decline", "", false},
    {"do_not_honor", 200, K::card_decline, "decline.generic_decline", "", false},
    {"transaction_not_allowed", 200, K::card_decline, "decline.generic_decline", "", false},
    {"insufficient_funds", 200, K::card_decline, "decline.insufficient_funds", "", false},
    {"expired_card", 200, K::card_decline, "decline.expired_card", "exp", false},
    {"incorrect_cvc", 200, K::card_decline, "decline.incorrect_cvc", "cvc", false},
    {"incorrect_number", 200, K::card_decline, "decline.incorrect_number", "number", false},
    {"incorrect_zip", 200, K::card_decline, "decline.incorrect_zip", "postal_code", false},
    {"processing_error", 200, K::card_decline, "decline.processing_error", "", true},
    {"card_not_supported", 200, K::card_decline, "decline.card_not_supported", "", false},
    {"currency_not_supported", 200, K::card_decline, "decline.currency_not_supported", "", false},
    {"card_velocity_exceeded", 200, K::card_decline, "decline.card_velocity_exceeded", "", false},
    {"authentication_required", 200, K::card_decline, "decline.authentication_required", "", false},
    // --- bank-debit returns (payment.decline, status "failed") ---------------
    {"insufficient_funds", 200, K::bank_return, "bank_return.insufficient_funds", "", false},
    {"account_closed", 200, K::bank_return, "bank_return.account_closed", "", false},
    {"no_account", 200, K::bank_return, "bank_return.no_account", "account_number", false},
    {"invalid_account_number", 200, K::bank_return, "bank_return.invalid_account_number", "account_number", false},
    {"debit_not_authorized", 200, K::bank_return, "bank_return.debit_not_authorized", "", false},
    {"payment_stopped", 200, K::bank_return, "bank_return.payment_stopped", "", false},
    {"account_frozen", 200, K::bank_return, "bank_return.account_frozen", "", false},
    {"debit_returned", 200, K::bank_return, "bank_return.debit_returned", "", false},
    {"processing_error", 200, K::bank_return, "bank_return.processing_error", "", true},
};

bool is_decline_kind(CodeKind k) { return k == K::card_decline || k == K::bank_return; }

// Codes a processor may send that the payer must only see as a generic decline.
bool is_generic_alias(std::string_view c) {
    return c == "card_declined" || c == "lost_card" || c == "stolen_card" || c == "fraudulent" ||
           c == "pickup_card" || c == "restricted_card" || c == "security_violation" ||
           c == "merchant_blacklist";
}

// Processor codes that are the same situation under another name.
std::string_view canonical_decline(std::string_view c) {
    if (c == "withdrawal_count_limit_exceeded") return "card_velocity_exceeded";
    if (c == "invalid_cvc") return "incorrect_cvc";
    if (c == "invalid_expiry_year" || c == "invalid_expiry_month") return "expired_card";
    return c;
}

// The English text of a catalogue id, as stable storage for CodeInfo.
std::string_view english(std::string_view id) {
    if (id.empty()) return {};
    return pw::find_message("en", id).value_or(std::string_view{});
}

std::vector<CodeInfo> build_catalogue() {
    std::vector<CodeInfo> out;
    for (const Row& r : kRows)
        out.push_back({r.code, r.http_status, r.kind, english(r.message_id), r.field, r.retryable, r.message_id});
    return out;
}

const CodeInfo* find_row(std::string_view code, CodeKind kind) {
    for (const CodeInfo& row : code_catalogue())
        if (row.kind == kind && row.code == code) return &row;
    return nullptr;
}

// The public code and its row for what a processor or bank said.
const CodeInfo* decline_row(std::string_view raw_code, MethodType method) {
    const CodeKind kind = method == MethodType::card ? K::card_decline : K::bank_return;
    std::string_view code = canonical_decline(raw_code);
    if (kind == K::card_decline && is_generic_alias(code)) code = "generic_decline";
    if (const CodeInfo* row = find_row(code, kind)) return row;
    return find_row(kind == K::card_decline ? "generic_decline" : "debit_returned", kind);
}

}  // namespace

const std::vector<CodeInfo>& code_catalogue() {
    static const std::vector<CodeInfo> catalogue = build_catalogue();
    return catalogue;
}

const CodeInfo* find_error_code(std::string_view code) {
    for (const CodeInfo& row : code_catalogue())
        if (row.code == code && !is_decline_kind(row.kind)) return &row;
    return nullptr;
}

int http_status_for(std::string_view code) {
    const CodeInfo* row = find_error_code(code);
    return row ? row->http_status : 422;
}

std::string_view error_message_for(std::string_view code) {
    const CodeInfo* row = find_error_code(code);
    return row ? row->message : std::string_view{};
}

DeclineAdvice advise_decline(std::string_view raw_code, MethodType method) {
    const CodeInfo* row = decline_row(raw_code, method);
    return {std::string(row->code), std::string(row->message), std::string(row->field), row->retryable};
}

std::string decline_text(std::string_view locale, std::string_view code, MethodType method) {
    return text(locale, decline_row(code, method)->message_id);
}

std::string api_error_text(std::string_view locale, std::string_view code, std::string_view message) {
    const CodeInfo* row = find_error_code(code);
    if (row && !row->message_id.empty()) return text(locale, row->message_id);
    // Codes the client makes up itself (network_error) are in the catalogue only.
    const std::string id = "error." + std::string(code);
    if (!code.empty() && find_message("en", id)) return text(locale, id);
    return std::string(message);
}

Decline to_decline(const DeclineAdvice& a) { return Decline{a.code, a.message}; }

}  // namespace pw
