// Payments, refunds and receipts: the messages of
// POST /api/v1/invoices/{id}/payments and GET /api/v1/receipts/{id}.
// See paywidget/api.hpp.
#include "api_codec.hpp"

namespace pw {

using namespace detail;

Error check_idempotency_key(std::string_view key) {
    if (key.empty())
        return make_error("idempotency_key_required", "Idempotency-Key",
                          "The request is missing its Idempotency-Key header.");
    bool ok = key.size() <= kMaxIdempotencyKeyBytes;
    for (char c : key) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
        ok = ok && allowed;
    }
    if (!ok)
        return make_error("invalid_idempotency_key", "Idempotency-Key",
                          "The Idempotency-Key header must be 1 to 255 letters, digits or - _ . :");
    return Error{};
}

json encode(const PaymentRequest& p) {
    json j = {{"amount", p.amount}, {"currency", p.currency}};
    if (!p.token.empty()) {
        j["token"] = p.token;
        j["save_method"] = p.save_method;
    } else {
        j["payment_method_id"] = p.payment_method_id;
    }
    return j;
}

std::string canonical_body(const PaymentRequest& p) { return dump_body(encode(p)); }

Error decode(const json& j, PaymentRequest& out) {
    return decode_object(j, out, [](JsonReader& r, PaymentRequest& v, Error& sink) {
        v.amount = r.amount("amount", 1);
        v.currency = read_currency(r, "currency");
        v.token = optional_text(r, "token", kId);
        v.payment_method_id = optional_text(r, "payment_method_id", kId);
        v.save_method = r.optional_boolean("save_method").value_or(false);
        if (sink) return;
        if (v.token.empty() && v.payment_method_id.empty())
            r.fail("missing_field", "token", "Enter your payment details, or choose a saved card.");
        else if (!v.token.empty() && !v.payment_method_id.empty())
            r.fail("conflicting_fields", "payment_method_id",
                   "Send either a token or a saved payment method, not both.");
        else if (v.save_method && v.token.empty())
            r.fail("conflicting_fields", "save_method", "Only a new card can be saved.");
    });
}

json encode(const PaymentResult& p) {
    json decline = nullptr;
    if (p.decline) decline = {{"code", p.decline->code}, {"message", p.decline->message}};
    return {{"id", p.id},
            {"invoice_id", p.invoice_id},
            {"status", payment_status_id(p.status)},
            {"amount", p.amount},
            {"currency", p.currency},
            {"method", encode_method(p.method)},
            {"decline", decline},
            {"created_at", p.created_at},
            {"refunded", p.refunded}};
}

Error decode(const json& j, PaymentResult& out) {
    return decode_object(j, out, [](JsonReader& r, PaymentResult& v, Error& sink) {
        v.id = r.string("id", kId);
        v.invoice_id = r.string("invoice_id", kId);
        switch (r.enumeration("status", {"succeeded", "processing", "declined", "failed"})) {
            case 1: v.status = PaymentStatus::processing; break;
            case 2: v.status = PaymentStatus::declined; break;
            case 3: v.status = PaymentStatus::failed; break;
            default: v.status = PaymentStatus::succeeded; break;
        }
        v.amount = r.amount("amount", 1);
        v.currency = read_currency(r, "currency");
        if (const json* m = r.object("method")) v.method = decode_method(*m, "method", sink);
        if (const json* d = r.optional_object("decline")) {
            JsonReader dr(*d, "decline", sink);
            Decline dec;
            dec.code = dr.string("code", kShort);
            dec.message = dr.string("message", StringRule{1000, false});
            dr.finish();
            v.decline = dec;
        }
        v.created_at = read_timestamp(r, "created_at");
        v.refunded = r.amount("refunded");
        if (sink) return;
        const bool unsuccessful = v.status == PaymentStatus::declined || v.status == PaymentStatus::failed;
        if (unsuccessful != v.decline.has_value())
            r.fail(unsuccessful ? "missing_field" : "conflicting_fields", "decline",
                   "A declined or failed payment carries a decline, and only those do.");
        else if (v.refunded > v.amount)
            r.fail("out_of_range", "refunded", "A payment cannot be refunded beyond its amount.");
    });
}

json encode(const PaymentResponse& p) {
    return {{"payment", encode(p.payment)},
            {"invoice", encode_invoice_balance(p.invoice)},
            {"receipt_url", null_if_empty(p.receipt_url)}};
}

Error decode(const json& j, PaymentResponse& out) {
    return decode_object(j, out, [](JsonReader& r, PaymentResponse& v, Error& sink) {
        if (const json* p = r.object("payment")) v.payment = decode_nested<PaymentResult>(*p, "payment", sink);
        if (const json* i = r.object("invoice")) v.invoice = decode_invoice_balance(*i, "invoice", sink);
        v.receipt_url = optional_text(r, "receipt_url", kUrl);
    });
}

json encode(const Refund& f) {
    return {{"id", f.id},         {"payment_id", f.payment_id}, {"amount", f.amount},
            {"currency", f.currency}, {"reason", null_if_empty(f.reason)},
            {"created_at", f.created_at}};
}

Error decode(const json& j, Refund& out) {
    return decode_object(j, out, [](JsonReader& r, Refund& v, Error&) {
        v.id = r.string("id", kId);
        v.payment_id = r.string("payment_id", kId);
        v.amount = r.amount("amount", 1);
        v.currency = read_currency(r, "currency");
        v.reason = optional_text(r, "reason", StringRule{500, true});
        v.created_at = read_timestamp(r, "created_at");
    });
}

json encode(const Receipt& rc) {
    return {{"payment_id", rc.payment_id},
            {"invoice", invoice_to_json(rc.invoice)},
            {"payments", encode_list(rc.payments)},
            {"refunds", encode_list(rc.refunds)},
            {"balance", rc.balance}};
}

Error decode(const json& j, Receipt& out) {
    return decode_object(j, out, [](JsonReader& r, Receipt& v, Error& sink) {
        v.payment_id = r.string("payment_id", kId);
        if (const json* i = r.object("invoice")) v.invoice = decode_nested_invoice(*i, "invoice", sink);
        v.payments = read_list<PaymentResult>(r, "payments", 100, [&](const json& e, const std::string& p) {
            return decode_nested<PaymentResult>(e, p, sink);
        });
        v.refunds = read_list<Refund>(r, "refunds", 100, [&](const json& e, const std::string& p) {
            return decode_nested<Refund>(e, p, sink);
        });
        v.balance = r.amount("balance");
    });
}

json encode(const RefundRequest& f) {
    json j = {{"amount", f.amount}};
    if (!f.reason.empty()) j["reason"] = f.reason;
    return j;
}

Error decode(const json& j, RefundRequest& out) {
    return decode_object(j, out, [](JsonReader& r, RefundRequest& v, Error&) {
        v.amount = r.amount("amount", 1);
        v.reason = optional_text(r, "reason", StringRule{500, true});
    });
}

json encode(const RefundResponse& f) {
    return {{"refund", encode(f.refund)}, {"invoice", encode_invoice_balance(f.invoice)}};
}

Error decode(const json& j, RefundResponse& out) {
    return decode_object(j, out, [](JsonReader& r, RefundResponse& v, Error& sink) {
        if (const json* f = r.object("refund")) v.refund = decode_nested<Refund>(*f, "refund", sink);
        if (const json* i = r.object("invoice")) v.invoice = decode_invoice_balance(*i, "invoice", sink);
    });
}

}  // namespace pw
