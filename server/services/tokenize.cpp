#include "services/tokenize.hpp"

#include <algorithm>

#include "http/client_address.hpp"
#include "http/error_response.hpp"
#include "paywidget/bank_debit.hpp"
#include "paywidget/card.hpp"
#include "paywidget/decline.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "services/link_view.hpp"

namespace pws {

ServiceReply error_reply(const pw::Error& e, const nlohmann::json& extra) {
    ServiceReply r;
    r.status = pw::http_status_for(e.code);
    const std::string_view message = e.message.empty() ? pw::error_message_for(e.code) : std::string_view(e.message);
    r.body = error_body(e.code, message, e.field, extra);
    return r;
}

ServiceReply error_reply(std::string_view code, std::string_view field) {
    return error_reply(pw::make_error(std::string(code), std::string(field), ""));
}

ServiceReply rate_limited_reply(std::int64_t retry_after_seconds) {
    ServiceReply r = error_reply(pw::make_error("rate_limited", "", ""),
                                 nlohmann::json{{"retry_after", retry_after_seconds}});
    r.retry_after = retry_after_seconds;
    return r;
}

namespace {

// A processor refusal of details the core accepted: 422 on the field.
ServiceReply processor_refusal(const pw::Error& e) {
    if (e.code == "processor_unavailable") return error_reply("processor_unavailable");
    pw::Error out = e;
    if (out.field.empty()) out.field = e.code == "invalid_expiry" ? "exp" : "number";
    return error_reply(out);
}

struct Tokenized {
    TokenizeResult result;
    std::string mandate_id;
};

}  // namespace

ServiceReply create_token(App& app, const Payer& payer, const std::string& client_address,
                          const pw::TokenRequest& request) {
    // Card-testing defence: both limits are counted on every attempt.
    const RateLimiter::Decision by_payer = app.limits.tokens_per_link.hit(payer.rate_key());
    const RateLimiter::Decision by_address =
        app.limits.tokens_per_address.hit(rate_limit_key_for_address(client_address));
    if (!by_payer.allowed || !by_address.allowed) {
        const auto wait = std::max(by_payer.retry_after, by_address.retry_after);
        return rate_limited_reply(wait.count());
    }

    // A link pays one invoice: its accepted methods apply now. A portal
    // token may pay any of the client's invoices: checked at payment time.
    std::optional<pw::Invoice> invoice;
    pw::Contact practice_contact;
    if (payer.kind == PayerKind::portal) {
        pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            Result<Practice> p = t.practice(payer.practice_id);
            if (!p.ok()) return p.error;
            practice_contact = p.value.contact();
            return {};
        });
        if (e) return error_reply("internal_error");
    } else {
        pw::Invoice inv;
        pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            Result<InvoiceRecord> r = t.invoice_record(payer.link.invoice_id);
            if (!r.ok()) return r.error;
            inv = r.value.definition;
            return {};
        });
        if (e) return error_reply("internal_error");
        invoice = std::move(inv);
    }

    const UnixTime now = app.now();
    Tokenized made;
    if (request.type == pw::MethodType::card) {
        if (invoice && !invoice->accepted.card) return error_reply("method_not_accepted", "type");
        pw::CardInput in{request.card.number, request.card.exp, request.card.cvc, request.card.name,
                         request.card.postal_code};
        pw::Result<pw::CardSummary> summary = pw::validate_card_input(in, app.today());
        if (!summary.ok()) return error_reply(summary.error);
        pw::Result<std::string> digits = pw::card_number_digits(request.card.number);
        if (!digits.ok()) return error_reply(digits.error);
        CardDetails card;
        card.number = digits.value;
        card.exp_month = summary.value.exp_month;
        card.exp_year = summary.value.exp_year;
        card.cvc = request.card.cvc;
        card.name = request.card.name;
        card.postal_code = request.card.postal_code;
        pw::Result<TokenizeResult> t = app.processor->tokenize_card(card);
        if (!t.ok()) return processor_refusal(t.error);
        made.result = std::move(t.value);
    } else {
        const pw::BankFields& b = request.bank;
        if (invoice) {
            const auto& schemes = invoice->accepted.bank_debit;
            if (std::find(schemes.begin(), schemes.end(), b.scheme) == schemes.end())
                return error_reply("method_not_accepted", "scheme");
        }
        if (!request.mandate.accepted) return error_reply("mandate_not_accepted", "mandate.accepted");
        const pw::Contact practitioner = invoice ? invoice->practitioner : practice_contact;
        const pw::MandateText mandate = mandate_text(b.scheme, practitioner);
        if (request.mandate.text_version != mandate.version)
            return error_reply("mandate_outdated", "mandate.text_version");

        BankDetails details;
        details.scheme = b.scheme;
        switch (b.scheme) {
            case pw::BankScheme::ach: {
                if (pw::Error e = pw::validate_ach({b.account_holder, b.routing_number, b.account_number,
                                                    b.account_type}))
                    return error_reply(e);
                details.routing_number = pw::validate_routing_number(b.routing_number).value;
                details.account_number = pw::validate_ach_account_number(b.account_number).value;
                break;
            }
            case pw::BankScheme::pad: {
                if (pw::Error e = pw::validate_pad({b.account_holder, b.transit_number, b.institution_number,
                                                    b.account_number}))
                    return error_reply(e);
                details.transit_number = pw::validate_transit_number(b.transit_number).value;
                details.institution_number = pw::validate_institution_number(b.institution_number).value;
                details.account_number = pw::validate_pad_account_number(b.account_number).value;
                break;
            }
            case pw::BankScheme::sepa: {
                if (pw::Error e = pw::validate_sepa({b.account_holder, b.iban})) return error_reply(e);
                details.iban = pw::validate_iban(b.iban).value.electronic;
                break;
            }
        }
        details.account_holder = pw::validate_account_holder(b.account_holder).value;
        pw::Result<TokenizeResult> t = app.processor->tokenize_bank(details);
        if (!t.ok()) {
            if (t.error.code == "processor_unavailable") return error_reply("processor_unavailable");
            pw::Error e = t.error;
            if (e.field.empty()) e.field = "account_number";
            return error_reply(e);
        }
        made.result = std::move(t.value);

        // The mandate as the payer accepted it: text, version, time, payer.
        Mandate m;
        m.id = random_id("mdt_");
        m.practice_id = payer.practice_id;
        m.scheme = b.scheme;
        m.text_version = mandate.version;
        m.text = mandate.text;
        m.accepted_at = now;
        m.payer_name = details.account_holder;
        m.client_address = client_address;
        made.mandate_id = m.id;
        pw::Error e = app.store->write_transaction([&](WriteTxn& t2) { return t2.insert_mandate(m); });
        if (e) return error_reply("internal_error");
    }

    const std::string raw = "tok_" + random_token();
    VaultToken v;
    v.token_hash = hash_token(app.secret, raw);
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
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.insert_token(v); });
    if (e) return error_reply("internal_error");

    pw::TokenResponse resp;
    resp.token = raw;
    resp.method = pw::MethodSummary{v.kind, v.brand, v.last4};
    resp.exp_month = v.exp_month;
    resp.exp_year = v.exp_year;
    ServiceReply r;
    r.status = 201;
    r.body = pw::encode(resp);
    return r;
}

}  // namespace pws
