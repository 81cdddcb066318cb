#include "services/tokenize.hpp"

#include <algorithm>

#include "http/client_address.hpp"
#include "http/error_cause.hpp"
#include "http/service_outcome.hpp"
#include "paywidget/accepted_methods.hpp"
#include "paywidget/token_request.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/mandate_text.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"

namespace pws {

namespace {

using TokenResult = pw::Result<pw::TokenResponse>;

// A processor's refusal of details the core accepted: 422 on the field
// (`field` when the processor named none). processor_unavailable: 503, its
// cause on the log line.
pw::Error processor_refusal(const pw::Error& e, std::string_view field) {
    if (e.code == "processor_unavailable") {
        note_error_cause("tokens: processor: processor_unavailable");
        return pw::make_error("processor_unavailable", "", "");
    }
    pw::Error out = e;
    if (out.field.empty()) out.field = std::string(field);
    return out;
}

struct Tokenized {
    TokenizeResult result;
    std::string mandate_id;
};

}  // namespace

TokenResult create_token(App& app, const Payer& payer, const std::string& client_address,
                         const pw::TokenRequest& request) {
    // Card-testing defence: both limits are counted on every attempt, in
    // the store (shared by every instance), in the transaction that loads
    // what the request needs.
    const std::string payer_key = payer.rate_key();
    const std::string address_key = rate_limit_key_for_address(client_address);
    const std::int64_t now_ms = app.now_ms();
    RateLimit::Decision by_payer, by_address;
    // A link pays one invoice: its accepted methods apply now. A portal
    // token may pay any of the client's invoices: checked at payment time.
    std::optional<pw::Invoice> invoice;
    pw::Contact practice_contact;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        Result<RateLimit::Decision> a = app.limits.tokens_per_link.hit(t, payer_key, now_ms);
        if (!a.ok()) return a.error;
        Result<RateLimit::Decision> b = app.limits.tokens_per_address.hit(t, address_key, now_ms);
        if (!b.ok()) return b.error;
        by_payer = a.value;
        by_address = b.value;
        if (!by_payer.allowed || !by_address.allowed) return {};  // commit the hit that counted
        if (payer.kind == PayerKind::portal) {
            Result<Practice> p = t.practice(payer.practice_id);
            if (!p.ok()) return p.error;
            practice_contact = p.value.contact();
        } else {
            Result<InvoiceRecord> r = t.invoice_record(payer.link.invoice_id);
            if (!r.ok()) return r.error;
            invoice = std::move(r.value.definition);
        }
        return {};
    });
    if (e)
        return TokenResult::failure(server_failure(
            payer.kind == PayerKind::portal ? "tokens: limits and practice" : "tokens: limits and invoice", e));
    if (!by_payer.allowed || !by_address.allowed) {
        const auto wait = std::max(by_payer.retry_after, by_address.retry_after);
        return TokenResult::failure(rate_limited_error(wait.count()));
    }

    const UnixTime now = app.now();
    // Which methods the invoice takes, then (bank) the mandate, then the
    // core's validators for that method: the order docs/api.md gives.
    const std::optional<pw::BankScheme> scheme =
        request.type == pw::MethodType::bank_debit ? std::optional(request.bank.scheme) : std::nullopt;
    if (invoice && !pw::accepts(invoice->accepted, request.type, scheme))
        return TokenResult::failure("method_not_accepted", request.type == pw::MethodType::card ? "type" : "scheme", "");
    std::optional<pw::MandateText> mandate;
    if (request.type == pw::MethodType::bank_debit) {
        if (!request.mandate.accepted) return TokenResult::failure("mandate_not_accepted", "mandate.accepted", "");
        // The text the payer read, re-derived from the version they quote: any
        // current version of this scheme, in whichever language the widget
        // showed it (the request does not say, and need not: the version
        // names one wording in one language). An old or unknown one: reload.
        mandate = pw::current_mandate(request.mandate.text_version,
                                      (invoice ? invoice->practitioner : practice_contact).name);
        if (!mandate || mandate->scheme != request.bank.scheme)
            return TokenResult::failure("mandate_outdated", "mandate.text_version", "");
    }
    pw::Result<pw::ValidTokenRequest> valid = pw::validate_token_request(request, app.today());
    if (!valid.ok()) return TokenResult::failure(valid.error);

    Tokenized made;
    if (valid.value.type == pw::MethodType::card) {
        const pw::ValidCard& c = valid.value.card;
        CardDetails card;
        card.number = c.number;
        card.exp_month = c.exp_month;
        card.exp_year = c.exp_year;
        card.cvc = request.card.cvc;
        card.name = request.card.name;
        card.postal_code = request.card.postal_code;
        pw::Result<TokenizeResult> t = app.processor->tokenize_card(card);
        if (!t.ok())
            return TokenResult::failure(processor_refusal(t.error, t.error.code == "invalid_expiry" ? "exp" : "number"));
        made.result = std::move(t.value);
    } else {
        const pw::ValidBankAccount& b = valid.value.bank;
        BankDetails details;
        details.scheme = b.scheme;
        details.account_holder = b.account_holder;
        details.routing_number = b.routing_number;
        details.account_number = b.account_number;
        details.transit_number = b.transit_number;
        details.institution_number = b.institution_number;
        details.iban = b.iban;
        pw::Result<TokenizeResult> t = app.processor->tokenize_bank(details);
        if (!t.ok()) return TokenResult::failure(processor_refusal(t.error, "account_number"));
        made.result = std::move(t.value);

        // The mandate as the payer accepted it: text, version, time, payer.
        Mandate m;
        m.id = random_id("mdt_");
        m.practice_id = payer.practice_id;
        m.scheme = b.scheme;
        m.text_version = mandate->version;
        m.text = mandate->text;
        m.locale = mandate->locale;
        m.accepted_at = now;
        m.payer_name = details.account_holder;
        m.client_address = client_address;
        made.mandate_id = m.id;
        e = app.store->write_transaction([&](WriteTxn& t2) { return t2.insert_mandate(m); });
        if (e) return TokenResult::failure(server_failure("tokens: store mandate", e));
    }

    const std::string raw = "tok_" + random_token();
    VaultToken v;
    v.token_hash = hash_token(app.secret, KeyUse::payment_token, raw);
    v.practice_id = payer.practice_id;
    const TokenBinding binding = payer.binding();
    v.link_id = binding.link_id;
    v.client_id = binding.client_id;
    v.kind = made.result.kind;
    v.processor_ref = made.result.reference;
    v.brand = made.result.brand;
    v.last4 = made.result.last4;
    v.exp_month = made.result.exp_month;
    v.exp_year = made.result.exp_year;
    v.fingerprint = card_fingerprint(app.secret, payer.practice_id, made.result.fingerprint_input);
    made.result.fingerprint_input.assign(made.result.fingerprint_input.size(), '\0');
    made.result.fingerprint_input.clear();
    v.mandate_id = made.mandate_id;
    v.created_at = now;
    v.expires_at = now + kTokenLifetimeSeconds;
    e = app.store->write_transaction([&](WriteTxn& t) { return t.insert_token(v); });
    if (e) return TokenResult::failure(server_failure("tokens: store token", e));

    pw::TokenResponse resp;
    resp.token = raw;
    resp.method = pw::MethodSummary{v.kind, v.brand, v.last4};
    resp.exp_month = v.exp_month;
    resp.exp_year = v.exp_year;
    return TokenResult::success(std::move(resp));
}

}  // namespace pws
