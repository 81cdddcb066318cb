// The error/decline catalogue: HTTP status and payer message per code.
//
// Payer messages say what happened and what to do, in the help article's
// words: contact your bank or card issuer, for HSA/FSA cards your
// practitioner, or try another card. Suspicious-card declines get the generic
// wording on purpose: telling a payer "this card was reported stolen" helps a
// fraudster and embarrasses an honest payer whose card was replaced.
#include "paywidget/decline.hpp"

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

constexpr std::string_view kGenericCard =
    "Your card was declined. Contact your bank or card issuer, or try another card; "
    "if this is an HSA or FSA card, contact your practitioner.";
constexpr std::string_view kGenericBank =
    "Your bank returned the debit. Contact your bank, or pay with a card or another account.";

using K = CodeKind;

const std::vector<CodeInfo> kCatalogue = {
    // --- request: unreadable body (400) -----------------------------------
    {"invalid_json", 400, K::request, "The request could not be read. Reload the page and try again.", "", false},
    {"too_deeply_nested", 400, K::request, "The request could not be read. Reload the page and try again.", "", false},
    {"duplicate_field", 400, K::request, "The request could not be read. Reload the page and try again.", "", false},
    {"unsupported_media_type", 415, K::request, "The request must be sent as JSON. Reload the page and try again.", "", false},
    {"body_too_large", 413, K::request, "The request is too large. Shorten what you entered and try again.", "", false},
    {"headers_too_large", 431, K::request, "The request's headers are too large. Reload the page and try again.", "", false},
    {"idempotency_key_required", 400, K::request, "The request is missing its Idempotency-Key header. Reload the page and try again.", "", false},
    {"invalid_idempotency_key", 400, K::request, "The request's Idempotency-Key header is invalid. Reload the page and try again.", "", false},
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
    {"mandate_not_accepted", 422, K::request, "Accept the debit authorization to pay by bank debit.", "mandate.accepted", false},
    {"mandate_outdated", 422, K::request, "The debit authorization text has changed. Reload the page, read it and accept it again.", "mandate.text_version", false},
    {"currency_mismatch", 422, K::request, "The payment currency does not match the invoice. Reload the page and try again.", "currency", false},
    {"method_not_accepted", 422, K::request, "This invoice cannot be paid with that payment method. Choose another method.", "type", false},
    {"method_not_saveable", 422, K::request, "A bank account cannot be saved for later. Pay without saving it, or use a card.", "save_method", false},
    {"token_invalid", 422, K::request, "Your payment details have expired. Enter them again and submit.", "token", false},
    {"payment_method_unknown", 422, K::request, "That saved card is no longer available. Choose another card.", "payment_method_id", false},
    {"refund_exceeds_charge", 422, K::request, "The processor has already refunded more of this charge than this refund leaves room for. Check the payment's refunds.", "amount", false},
    {"refund_exceeds_settled", 422, K::request, "A refund cannot be larger than what is left of the settled payment.", "amount", false},
    // --- auth (401/403) -----------------------------------------------------
    {"unauthorized", 401, K::auth, "Sign in again to continue.", "", false},
    {"invalid_credentials", 401, K::auth, "The email or password is incorrect. Check them and try again, or reset your password.", "", false},
    {"forbidden", 403, K::auth, "You do not have access to this. Contact your practitioner.", "", false},
    {"https_required", 403, K::auth, "This page must be opened over a secure connection. Open it again from its https:// address.", "", false},
    {"login_required", 403, K::auth, "This invoice belongs to a client portal account. Sign in to the portal to pay it.", "", false},
    {"removal_disabled", 403, K::auth, "Your practitioner's settings do not allow removing saved cards. Contact your practitioner to update or remove it.", "", false},
    {"save_method_not_allowed", 403, K::auth, "Cards can only be saved from a signed-in client portal.", "save_method", false},
    {"saved_method_not_allowed", 403, K::auth, "Saved cards can only be used from a signed-in client portal.", "payment_method_id", false},
    // --- links (404/410) ----------------------------------------------------
    {"link_unknown", 404, K::link, "This payment link does not work. Contact your practitioner for a new invoice or payment link.", "", false},
    {"link_expired", 410, K::link, "This payment link has expired. Contact your practitioner for a new invoice or payment link.", "", false},
    {"link_revoked", 410, K::link, "This payment link is no longer active. Contact your practitioner for a new invoice or payment link.", "", false},
    {"invitation_invalid", 410, K::link, "This invitation or password reset link has expired or was already used. Ask for a new one.", "", false},
    {"not_found", 404, K::link, "We could not find that. Check the address or contact your practitioner.", "", false},
    // --- conflicts (409) ----------------------------------------------------
    {"invoice_not_payable", 409, K::conflict, "This invoice has nothing left to pay.", "", false},
    {"idempotency_mismatch", 409, K::conflict, "This payment attempt was already sent with different details. Reload the page and try again.", "", false},
    {"in_progress", 409, K::conflict, "Your payment is still being processed. Wait a moment, then try again; you will not be charged twice.", "", true},
    {"token_used", 409, K::conflict, "These payment details were already used. Enter them again and submit.", "token", false},
    {"charge_not_refundable", 409, K::conflict, "The processor cannot refund this payment: its charge is not settled there. Check the payment at the processor, then try again.", "", false},
    {"charge_not_found", 409, K::conflict, "The processor does not know this payment's charge, so nothing was refunded. Check the payment at the processor.", "", false},
    {"email_taken", 409, K::conflict, "A client with this email already exists.", "email", false},
    {"last_admin_key", 409, K::conflict, "This is the practice's only active admin key. Create another key before revoking this one.", "", false},
    {"portal_already_active", 409, K::conflict, "This client's portal account is already active. The client can reset the password from the portal's sign-in page.", "", false},
    // --- limits / server ------------------------------------------------------
    {"rate_limited", 429, K::limit, "Too many attempts. Wait a few minutes, then try again.", "", true},
    {"internal_error", 500, K::server, "Something went wrong on our side. Try again in a moment; you have not been charged.", "", true},
    {"storage_busy", 503, K::server, "We are busy right now. Try again in a moment; you have not been charged.", "", true},
    {"processor_refused", 502, K::server, "The payment processor refused the request, and nothing was changed. Contact support if it happens again.", "", false},
    {"processor_unavailable", 503, K::server, "Payments are temporarily unavailable. Try again in a few minutes; you have not been charged.", "", true},
    {"processor_busy", 503, K::server, "We are taking many payments right now. Try again in a moment; you have not been charged.", "", true},
    {"server_busy", 503, K::server, "We are very busy right now. Try again in a moment.", "", true},
    {"outbox_unwritable", 500, K::server, "The email could not be written to the outbox folder. Check that the server can write to it, then send again.", "", true},
    {"smtp_unreachable", 502, K::server, "The email could not be sent: the mail server could not be reached. Check the server's SMTP settings, then send again.", "", true},
    {"smtp_rejected", 502, K::server, "The email could not be sent: the mail server refused it. Check the recipient's email address and the SMTP sender and login, then send again.", "", false},
    // --- card declines (payment.decline, HTTP 200) ---------------------------
    {"generic_decline", 200, K::card_decline, kGenericCard, "", false},
    {"do_not_honor", 200, K::card_decline, kGenericCard, "", false},
    {"transaction_not_allowed", 200, K::card_decline, kGenericCard, "", false},
    {"insufficient_funds", 200, K::card_decline, "Your card has insufficient funds. Try another card, or contact your bank or card issuer.", "", false},
    {"expired_card", 200, K::card_decline, "Your card has expired. Check the expiry date, or try another card.", "exp", false},
    {"incorrect_cvc", 200, K::card_decline, "Your card's security code is incorrect. Check the code on the back of your card (front for American Express) and try again.", "cvc", false},
    {"incorrect_number", 200, K::card_decline, "Your card number is incorrect. Check it, or try another card.", "number", false},
    {"incorrect_zip", 200, K::card_decline, "Your postal code does not match your card. Check it and try again.", "postal_code", false},
    {"processing_error", 200, K::card_decline, "An error occurred while processing your card. Try again in a moment; you have not been charged.", "", true},
    {"card_not_supported", 200, K::card_decline, "Your card does not support this kind of payment. Try another card; if this is an HSA or FSA card, contact your practitioner.", "", false},
    {"currency_not_supported", 200, K::card_decline, "Your card does not support this currency. Try another card, or contact your card issuer.", "", false},
    {"card_velocity_exceeded", 200, K::card_decline, "Your card has reached its spending limit. Contact your bank or card issuer, or try another card.", "", false},
    {"authentication_required", 200, K::card_decline, "Your bank asked for extra verification. Contact your bank or card issuer, or try another card.", "", false},
    // --- bank-debit returns (payment.decline, status "failed") ---------------
    {"insufficient_funds", 200, K::bank_return, "Your bank returned the debit for insufficient funds. Pay again once funds are available, or use a card or another account.", "", false},
    {"account_closed", 200, K::bank_return, "Your bank account is closed. Pay with a card or another account.", "", false},
    {"no_account", 200, K::bank_return, "Your bank could not find this account. Check the account details, or use another account.", "account_number", false},
    {"invalid_account_number", 200, K::bank_return, "Your bank rejected the account number. Check it, or use another account.", "account_number", false},
    {"debit_not_authorized", 200, K::bank_return, "Your bank reports the debit was not authorized. Contact your bank, or pay with a card.", "", false},
    {"payment_stopped", 200, K::bank_return, "A stop payment was placed on this debit. Contact your bank, or pay another way.", "", false},
    {"account_frozen", 200, K::bank_return, "Your bank account is frozen. Contact your bank, or pay with a card or another account.", "", false},
    {"debit_returned", 200, K::bank_return, kGenericBank, "", false},
    {"processing_error", 200, K::bank_return, "An error occurred while processing your bank debit. Try again in a moment; you have not been charged.", "", true},
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

}  // namespace

const std::vector<CodeInfo>& code_catalogue() { return kCatalogue; }

const CodeInfo* find_error_code(std::string_view code) {
    for (const CodeInfo& row : kCatalogue)
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
    const CodeKind kind = method == MethodType::card ? K::card_decline : K::bank_return;
    std::string_view code = canonical_decline(raw_code);
    if (kind == K::card_decline && is_generic_alias(code)) code = "generic_decline";
    for (const CodeInfo& row : kCatalogue) {
        if (row.kind == kind && row.code == code)
            return {std::string(row.code), std::string(row.message), std::string(row.field),
                    row.retryable};
    }
    if (kind == K::card_decline) return {"generic_decline", std::string(kGenericCard), "", false};
    return {"debit_returned", std::string(kGenericBank), "", false};
}

Decline to_decline(const DeclineAdvice& a) { return Decline{a.code, a.message}; }

}  // namespace pw
