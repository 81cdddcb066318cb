#define BOOST_TEST_MODULE api_messages
#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "paywidget/api.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/fx.hpp"
#include "repo_file.hpp"
#include "sample_link_view.hpp"

using nlohmann::json;

namespace {

// The sample invoice with a taxed line of quantity 2 and one payment made,
// so every member of the messages that carry it has a value.
pw::Invoice make_invoice() {
    pw::Invoice inv = pwtest::sample_invoice(true, {pw::BankScheme::ach}, {5000});
    inv.items[1] = {"Supplements", 2, 2500, 400};
    return pwtest::priced(inv);
}

pw::PaymentResult make_payment(pw::PaymentStatus status) {
    pw::PaymentResult p;
    p.id = "pay_2";
    p.invoice_id = "inv_1";
    p.status = status;
    p.amount = 5000;
    p.currency = "USD";
    p.method = {pw::MethodType::card, "visa", "4242"};
    p.created_at = "2025-01-15T09:30:00Z";
    if (status == pw::PaymentStatus::declined || status == pw::PaymentStatus::failed)
        p.decline = pw::to_decline(pw::advise_decline("insufficient_funds", pw::MethodType::card));
    return p;
}

pw::Refund make_refund() { return {"re_1", "pay_1", 1000, "USD", "Overpaid", "2025-01-20T10:00:00Z"}; }

// The fixture's view of that invoice, with a receipt to link to.
pw::LinkView make_view(pw::SessionKind session) {
    pw::LinkView v = pwtest::sample_view(make_invoice(), session);
    v.receipt_url = "/api/v1/receipts/pay_1";
    v.today = {2025, 1, 15};
    return v;
}

// Every message with a representative value, so each test runs over all.
struct Sample {
    std::string name;
    json encoded;
    // decode(text) -> re-encoded JSON, or the error
    std::function<pw::Result<json>(std::string_view)> reparse;
};

template <class T>
Sample sample(std::string name, const T& value) {
    return {std::move(name), pw::encode(value), [](std::string_view text) {
                pw::Result<T> r = pw::parse_as<T>(text);
                if (!r.ok()) return pw::Result<json>::failure(r.error);
                return pw::Result<json>::success(pw::encode(r.value));
            }};
}

std::vector<Sample> all_samples() {
    std::vector<Sample> s;
    pw::ApiError login{"login_required", "Sign in to pay.", "", "/portal/login?next=%2Fportal%2Finvoices%2Finv_1", {}, 0};
    pw::ApiError expired{"link_expired", "This payment link has expired.", "", "", pw::Contact{"Dr. Ada", "ada@practice.example", ""}, 0};
    pw::ApiError limited{"rate_limited", "Too many attempts.", "", "", {}, 60};
    pw::ApiError field{"invalid_card_number", "Your card number is invalid.", "number", "", {}, 0};
    s.push_back(sample("error_login", login));
    s.push_back(sample("error_link", expired));
    s.push_back(sample("error_limit", limited));
    s.push_back(sample("error_field", field));
    s.push_back(sample("saved_method", pw::SavedMethod{"pm_1", {pw::MethodType::card, "visa", "4242"}, 1, 2031}));
    s.push_back(sample("link_view_link", make_view(pw::SessionKind::link)));
    s.push_back(sample("link_view_portal", make_view(pw::SessionKind::portal)));

    pw::TokenRequest card;
    card.card = {"4242 4242 4242 4242", "12/34", "123", "Grace Hopper", "94107"};
    s.push_back(sample("token_card", card));
    pw::TokenRequest ach;
    ach.type = pw::MethodType::bank_debit;
    ach.bank.scheme = pw::BankScheme::ach;
    ach.bank.account_holder = "Grace Hopper";
    ach.bank.routing_number = "110000000";
    ach.bank.account_number = "000123456789";
    ach.bank.account_type = "savings";
    ach.mandate = {true, "ach-2025-01"};
    s.push_back(sample("token_ach", ach));
    pw::TokenRequest pad = ach;
    pad.bank = {};
    pad.bank.scheme = pw::BankScheme::pad;
    pad.bank.account_holder = "Jean Tremblay";
    pad.bank.transit_number = "12345";
    pad.bank.institution_number = "001";
    pad.bank.account_number = "1234567";
    s.push_back(sample("token_pad", pad));
    pw::TokenRequest sepa = ach;
    sepa.bank = {};
    sepa.bank.scheme = pw::BankScheme::sepa;
    sepa.bank.account_holder = "Max Mustermann";
    sepa.bank.iban = "DE89 3704 0044 0532 0130 00";
    s.push_back(sample("token_sepa", sepa));
    s.push_back(sample("token_response_card", pw::TokenResponse{"tok_1", {pw::MethodType::card, "visa", "4242"}, 12, 2034}));
    s.push_back(sample("token_response_bank", pw::TokenResponse{"tok_2", {pw::MethodType::bank_debit, "ach", "6789"}, 0, 0}));

    s.push_back(sample("payment_request_token", pw::PaymentRequest{2500, "USD", "tok_1", "", true}));
    s.push_back(sample("payment_request_saved", pw::PaymentRequest{2500, "USD", "", "pm_1", false}));
    for (auto st : {pw::PaymentStatus::succeeded, pw::PaymentStatus::processing, pw::PaymentStatus::declined,
                    pw::PaymentStatus::failed}) {
        const std::string id(pw::payment_status_id(st));
        s.push_back(sample("payment_" + id, make_payment(st)));
        pw::PaymentResponse resp{make_payment(st), {"inv_1", 10400, pw::InvoiceStatus::partially_paid, 0},
                                 st == pw::PaymentStatus::succeeded ? "/api/v1/receipts/pay_2" : ""};
        s.push_back(sample("payment_response_" + id, resp));
    }
    s.push_back(sample("refund", make_refund()));
    pw::PaymentResult refunded = make_payment(pw::PaymentStatus::succeeded);
    refunded.refunded = 1000;
    s.push_back(sample("receipt", pw::Receipt{"pay_2", make_invoice(), {refunded}, {make_refund()}, 10400}));

    s.push_back(sample("login", pw::LoginRequest{"grace@example.com", "correct horse battery"}));
    s.push_back(sample("session", pw::SessionInfo{{"cl_1", "Grace Hopper", "grace@example.com", true, ""}}));
    s.push_back(sample("set_password", pw::SetPasswordRequest{"inv_tok_1", "a long passphrase"}));
    s.push_back(sample("password_reset", pw::PasswordResetRequest{"grace@example.com"}));
    s.push_back(sample("invoice_list", pw::InvoiceList{{{"inv_1", "INV-0042", "USD", {2025, 1, 10}, {2025, 2, 10},
                                                         20400, 15400, pw::InvoiceStatus::partially_paid, "Dr. Ada"}}}));
    s.push_back(sample("payment_history",
                       pw::PaymentHistory{{{refunded, "INV-0042", "/api/v1/receipts/pay_2"},
                                           {make_payment(pw::PaymentStatus::declined), "INV-0042", ""}}}));
    s.push_back(sample("saved_methods", pw::SavedMethodList{{{"pm_1", {pw::MethodType::card, "visa", "4242"}, 1, 2031}}, true}));

    s.push_back(sample("create_client", pw::CreateClientRequest{"Grace Hopper", "grace@example.com", "portal secret 1", ""}));
    s.push_back(sample("create_client_no_portal", pw::CreateClientRequest{"Alan Turing", "alan@example.com", "", ""}));
    s.push_back(sample("client", pw::ClientEnvelope{{"cl_1", "Grace Hopper", "grace@example.com", false, ""}}));
    s.push_back(sample("create_client_locale", pw::CreateClientRequest{"Ana Díaz", "ana@example.com", "", "es"}));
    s.push_back(sample("client_locale", pw::ClientEnvelope{{"cl_2", "Ana Díaz", "ana@example.com", true, "fr-CA"}}));
    s.push_back(sample("update_client", pw::UpdateClientRequest{"fr-CA"}));
    pw::CreateInvoiceRequest ci;
    ci.client_id = "cl_1";
    ci.currency = "CAD";
    ci.number = "INV-7";
    ci.issue_date = {2025, 3, 1};
    ci.due_date = {2025, 3, 31};
    ci.items = {{"Follow-up", 1, 9000, 1170}, {"Lab test", 3, 1500, 0}};
    ci.discount = 500;
    ci.partial = {true, pw::MinimumKind::fixed, 2500, 0, 2};
    ci.accepted.bank_debit = {pw::BankScheme::pad};
    ci.settlement_currency = "USD";
    ci.fx_rate = pw::parse_fx_rate("0.7321").value;
    s.push_back(sample("create_invoice", ci));
    pw::CreateInvoiceRequest ci2 = ci;
    ci2.partial = {true, pw::MinimumKind::percent, 0, 2500, 2};
    ci2.number.clear();
    ci2.fx_rate.reset();
    ci2.settlement_currency.clear();
    s.push_back(sample("create_invoice_percent", ci2));
    s.push_back(sample("invoice", pw::InvoiceEnvelope{make_invoice()}));
    pw::LinkInfo listed{"ln_1", "", "", "2025-02-10T00:00:00Z", true};
    pw::LinkInfo created{"ln_2", "https://pay.example/pay/abc", "abc", "2025-03-10T00:00:00Z", false};
    s.push_back(sample("admin_invoice", pw::AdminInvoiceView{make_invoice(), {make_payment(pw::PaymentStatus::succeeded)},
                                                             {make_refund()}, {listed, created}}));
    s.push_back(sample("create_link", pw::CreateLinkRequest{14}));
    s.push_back(sample("link_info", created));
    s.push_back(sample("refund_request", pw::RefundRequest{1000, "Overpaid"}));
    s.push_back(sample("refund_response", pw::RefundResponse{make_refund(), {"inv_1", 0, pw::InvoiceStatus::paid, 0}}));
    s.push_back(sample("settings", pw::Settings{true, "USD", {"https://practice.example", "http://localhost:8081"}, pw::PartialPaymentPolicy{true, pw::MinimumKind::percent, 0, 2500, 2}, "es"}));
    s.push_back(sample("invite", pw::InviteResponse{"grace@example.com", "2025-03-10T00:00:00Z"}));
    s.push_back(sample("send_invoice", pw::SendInvoiceRequest{7, false}));
    s.push_back(sample("send_invoice_response", pw::SendInvoiceResponse{created, "outbox"}));
    return s;
}

// Every path to a value in `j`, with the JSON path syntax the decoders use.
void collect_paths(const json& j, const std::string& path, std::vector<std::string>& out,
                   std::vector<json::json_pointer>& ptrs, const json::json_pointer& ptr) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string p = pw::child_path(path, it.key());
            out.push_back(p);
            ptrs.push_back(ptr / it.key());
            collect_paths(it.value(), p, out, ptrs, ptr / it.key());
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = pw::index_path(path, i);
            out.push_back(p);
            ptrs.push_back(ptr / i);
            collect_paths(j[i], p, out, ptrs, ptr / i);
        }
    }
}

// A value of a type that cannot be right where `v` is.
json wrong_type_for(const json& v) {
    if (v.is_string()) return json::array();
    if (v.is_number()) return "12";
    if (v.is_boolean()) return 1;
    if (v.is_object() || v.is_array()) return "x";
    return json::object();  // null (optional absent): an object is never right
}

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_message_round_trips) {
    for (const Sample& s : all_samples()) {
        BOOST_TEST_CONTEXT(s.name) {
            pw::Result<json> back = s.reparse(pw::dump_body(s.encoded));
            BOOST_TEST_REQUIRE(back.ok(), back.error.code + " " + back.error.field + ": " + back.error.message);
            BOOST_TEST(back.value == s.encoded, back.value.dump() + " vs " + s.encoded.dump());
        }
    }
}

BOOST_AUTO_TEST_CASE(every_field_rejects_a_wrong_type_and_names_it) {
    for (const Sample& s : all_samples()) {
        std::vector<std::string> paths;
        std::vector<json::json_pointer> ptrs;
        collect_paths(s.encoded, "", paths, ptrs, json::json_pointer());
        BOOST_TEST_REQUIRE(!paths.empty());
        for (std::size_t i = 0; i < paths.size(); ++i) {
            BOOST_TEST_CONTEXT(s.name << " " << paths[i]) {
                json mutated = s.encoded;
                mutated[ptrs[i]] = wrong_type_for(s.encoded[ptrs[i]]);
                pw::Result<json> r = s.reparse(mutated.dump());
                BOOST_TEST_REQUIRE(!r.ok());
                BOOST_TEST(starts_with(r.error.field, paths[i]), r.error.field << " / " << r.error.code);
                BOOST_TEST(!r.error.message.empty());
                BOOST_TEST(pw::http_status_for(r.error.code) == 422);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(every_object_rejects_an_unknown_field) {
    for (const Sample& s : all_samples()) {
        std::vector<std::string> paths{""};
        std::vector<json::json_pointer> ptrs{json::json_pointer()};
        collect_paths(s.encoded, "", paths, ptrs, json::json_pointer());
        for (std::size_t i = 0; i < paths.size(); ++i) {
            if (!s.encoded[ptrs[i]].is_object()) continue;
            BOOST_TEST_CONTEXT(s.name << " " << paths[i]) {
                json mutated = s.encoded;
                mutated[ptrs[i]]["save_card"] = true;  // a plausible typo
                pw::Result<json> r = s.reparse(mutated.dump());
                BOOST_TEST_REQUIRE(!r.ok());
                BOOST_TEST(r.error.code == "unknown_field");
                BOOST_TEST(r.error.field == pw::child_path(paths[i], "save_card"));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(removing_a_member_fails_on_that_member_or_was_optional) {
    int required = 0;
    for (const Sample& s : all_samples()) {
        std::vector<std::string> paths;
        std::vector<json::json_pointer> ptrs;
        collect_paths(s.encoded, "", paths, ptrs, json::json_pointer());
        for (std::size_t i = 0; i < paths.size(); ++i) {
            if (!s.encoded[ptrs[i].parent_pointer()].is_object()) continue;
            BOOST_TEST_CONTEXT(s.name << " " << paths[i]) {
                json mutated = s.encoded;
                mutated[ptrs[i].parent_pointer()].erase(ptrs[i].back());
                pw::Result<json> r = s.reparse(mutated.dump());
                if (r.ok()) continue;  // an optional member
                ++required;
                // Members that only make sense together report the partner.
                const bool partner = (paths[i] == "payment_method_id" && r.error.field == "token") ||
                                     (paths[i] == "settlement_currency" && r.error.field == "fx_rate");
                BOOST_TEST((partner || starts_with(r.error.field, paths[i])), r.error.field << " / " << r.error.code);
            }
        }
    }
    BOOST_TEST(required > 200);  // most members are required
}

BOOST_AUTO_TEST_CASE(required_members_are_reported_missing) {
    auto missing = [](const std::string& text) { return pw::parse_as<pw::PaymentRequest>(text).error; };
    BOOST_TEST(missing(R"({"currency":"USD","token":"tok_1"})").field == "amount");
    BOOST_TEST(missing(R"({"currency":"USD","token":"tok_1"})").code == "missing_field");
    BOOST_TEST(missing(R"({"amount":100,"currency":"USD"})").field == "token");
    BOOST_TEST(pw::parse_as<pw::TokenRequest>(R"({"number":"4242"})").error.field == "type");
    BOOST_TEST(pw::parse_as<pw::LoginRequest>(R"({"email":"a@b.c"})").error.field == "password");
}

BOOST_AUTO_TEST_CASE(unreadable_bodies_are_400_and_oversize_413) {
    using R = pw::Result<pw::PaymentRequest>;
    auto code = [](std::string_view t) { return pw::parse_as<pw::PaymentRequest>(t).error.code; };
    BOOST_TEST(code("") == "invalid_json");
    BOOST_TEST(code("{") == "invalid_json");
    BOOST_TEST(code("[1,2]") == "invalid_json");  // not an object
    BOOST_TEST(code("\"amount\"") == "invalid_json");
    BOOST_TEST(code(std::string("{\"amount\":1,\"currency\":\"US\xff\"}")) == "invalid_json");  // invalid UTF-8
    BOOST_TEST(code(R"({"amount":1,"amount":2,"currency":"USD","token":"t"})") == "duplicate_field");
    BOOST_TEST(pw::http_status_for(code("{")) == 400);
    const std::string deep = "{\"a\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
    BOOST_TEST(code(deep) == "too_deeply_nested");
    const std::string big = R"({"amount":1,"currency":"USD","token":")" + std::string(1 << 20, 'a') + "\"}";
    R r = pw::parse_as<pw::PaymentRequest>(big);
    BOOST_TEST(r.error.code == "body_too_large");
    BOOST_TEST(pw::http_status_for(r.error.code) == 413);
    // Under the body limit, a long string still hits its own limit.
    const std::string long_token = R"({"amount":1,"currency":"USD","token":")" + std::string(5000, 'a') + "\"}";
    BOOST_TEST(code(long_token) == "string_too_long");
}

BOOST_AUTO_TEST_CASE(payment_request_rules) {
    auto err = [](std::string_view t) { return pw::parse_as<pw::PaymentRequest>(t).error; };
    BOOST_TEST(err(R"({"amount":0,"currency":"USD","token":"t"})").field == "amount");
    BOOST_TEST(err(R"({"amount":-5,"currency":"USD","token":"t"})").code == "negative_amount");
    BOOST_TEST(err(R"({"amount":12.5,"currency":"USD","token":"t"})").code == "wrong_type");
    BOOST_TEST(err(R"({"amount":1e3,"currency":"USD","token":"t"})").code == "wrong_type");
    BOOST_TEST(err(R"({"amount":"1250","currency":"USD","token":"t"})").code == "wrong_type");
    BOOST_TEST(err(R"({"amount":1000000000000000001,"currency":"USD","token":"t"})").code == "amount_too_large");
    BOOST_TEST(err(R"({"amount":99999999999999999999999,"currency":"USD","token":"t"})").field == "amount");
    BOOST_TEST(err(R"({"amount":1,"currency":"usd","token":"t"})").code == "invalid_currency");
    BOOST_TEST(err(R"({"amount":1,"currency":"XAU","token":"t"})").code == "invalid_currency");
    const pw::Error both = err(R"({"amount":1,"currency":"USD","token":"t","payment_method_id":"pm"})");
    BOOST_TEST(both.code == "conflicting_fields");
    BOOST_TEST(both.field == "payment_method_id");
    BOOST_TEST(err(R"({"amount":1,"currency":"USD","payment_method_id":"pm","save_method":true})").field == "save_method");
    BOOST_TEST(err(R"({"amount":1,"currency":"USD","token":"","save_method":false})").code == "empty_value");
    BOOST_TEST(err(R"({"amount":1,"currency":"USD","token":null,"payment_method_id":"pm_1"})").ok());
}

BOOST_AUTO_TEST_CASE(canonical_body_ignores_order_and_whitespace_not_values) {
    auto a = pw::parse_as<pw::PaymentRequest>(R"({"token":"tok_1","amount":2500,"currency":"USD"})");
    auto b = pw::parse_as<pw::PaymentRequest>("{ \"currency\" : \"USD\",\n \"amount\":2500, \"token\":\"tok_1\", \"save_method\": false }");
    auto c = pw::parse_as<pw::PaymentRequest>(R"({"token":"tok_1","amount":2501,"currency":"USD"})");
    BOOST_TEST_REQUIRE((a.ok() && b.ok() && c.ok()));
    BOOST_TEST(pw::canonical_body(a.value) == pw::canonical_body(b.value));
    BOOST_TEST(pw::canonical_body(a.value) != pw::canonical_body(c.value));
}

BOOST_AUTO_TEST_CASE(idempotency_keys) {
    BOOST_TEST(pw::check_idempotency_key("").code == "idempotency_key_required");
    BOOST_TEST(pw::check_idempotency_key("3f2a9c1e-77b0-4d4e-9a51-0c6f1f2b8e10").ok());
    BOOST_TEST(pw::check_idempotency_key("attempt:1.a_b").ok());
    BOOST_TEST(pw::check_idempotency_key(std::string(255, 'k')).ok());
    BOOST_TEST(pw::check_idempotency_key(std::string(256, 'k')).code == "invalid_idempotency_key");
    BOOST_TEST(pw::check_idempotency_key("has space").code == "invalid_idempotency_key");
    BOOST_TEST(pw::check_idempotency_key(std::string("nul\0x", 5)).code == "invalid_idempotency_key");
    BOOST_TEST(pw::check_idempotency_key("kéy").code == "invalid_idempotency_key");
    BOOST_TEST(pw::http_status_for("invalid_idempotency_key") == 400);
    BOOST_TEST(pw::http_status_for("idempotency_mismatch") == 409);
    BOOST_TEST(pw::http_status_for("in_progress") == 409);
}

BOOST_AUTO_TEST_CASE(token_request_shapes) {
    auto err = [](std::string_view t) { return pw::parse_as<pw::TokenRequest>(t).error; };
    BOOST_TEST(err(R"({"type":"card","number":"4242","exp":"1/30","cvc":"1","name":"A","postal_code":""})").ok());
    // card fields are not accepted on a bank debit and vice versa
    BOOST_TEST(err(R"({"type":"card","number":"4242","exp":"1/30","cvc":"1","name":"A","postal_code":"","iban":"x"})").field == "iban");
    const std::string sepa = R"({"type":"bank_debit","scheme":"sepa","account_holder":"M","iban":"DE89",)";
    BOOST_TEST(err(sepa + R"("mandate":{"accepted":true,"text_version":"v1"}})").ok());
    const pw::Error refused = err(sepa + R"("mandate":{"accepted":false,"text_version":"v1"}})");
    BOOST_TEST(refused.code == "mandate_not_accepted");
    BOOST_TEST(refused.field == "mandate.accepted");
    BOOST_TEST(err(sepa + R"("mandate":{"accepted":true,"text_version":""}})").field == "mandate.text_version");
    BOOST_TEST(err(sepa + R"("mandate":{"accepted":"yes","text_version":"v1"}})").code == "wrong_type");
    BOOST_TEST(err(R"({"type":"bank_debit","scheme":"sepa","account_holder":"M","iban":"DE89"})").field == "mandate");
    BOOST_TEST(err(R"({"type":"bank_debit","scheme":"bacs","account_holder":"M"})").code == "invalid_value");
    BOOST_TEST(err(R"({"type":"paypal"})").code == "invalid_value");
    BOOST_TEST(err(R"({"type":"bank_debit","scheme":"ach","account_holder":"M","routing_number":"1","account_number":"2","account_type":"brokerage","mandate":{"accepted":true,"text_version":"v"}})").field == "account_type");
    // A 1 MB card number never reaches a validator.
    BOOST_TEST(err(R"({"type":"card","number":")" + std::string(60000, '4') + R"(","exp":"1/30","cvc":"1","name":"A","postal_code":""})").code == "string_too_long");
}

BOOST_AUTO_TEST_CASE(responses_are_checked_too) {
    // A link view must never carry the wallet.
    json v = pw::encode(make_view(pw::SessionKind::portal));
    v["session"] = "link";
    pw::Error e;
    pw::LinkView out;
    e = pw::decode(v, out);
    BOOST_TEST(e.field == "saved_methods");
    v["saved_methods"] = json::array();
    BOOST_TEST(pw::decode(v, out).field == "can_save_method");
    // The server's date is required: the widget has no other "today".
    json dated = pw::encode(make_view(pw::SessionKind::link));
    BOOST_TEST(pw::decode(dated, out).code == "");
    BOOST_TEST((out.today == pw::Date{2025, 1, 15}));
    dated["today"] = "2025-02-30";
    BOOST_TEST(pw::decode(dated, out).field == "today");
    dated.erase("today");
    BOOST_TEST(pw::decode(dated, out).field == "today");
    // Declines come with their reason, successes without one.
    json p = pw::encode(make_payment(pw::PaymentStatus::declined));
    p["decline"] = nullptr;
    pw::PaymentResult pr;
    BOOST_TEST(pw::decode(p, pr).field == "decline");
    p = pw::encode(make_payment(pw::PaymentStatus::succeeded));
    p["decline"] = {{"code", "generic_decline"}, {"message", "x"}};
    BOOST_TEST(pw::decode(p, pr).code == "conflicting_fields");
    p = pw::encode(make_payment(pw::PaymentStatus::succeeded));
    p["refunded"] = 5001;
    BOOST_TEST(pw::decode(p, pr).field == "refunded");
    p["refunded"] = 0;
    p["created_at"] = "2025-01-15 09:30:00";
    BOOST_TEST(pw::decode(p, pr).code == "invalid_timestamp");
    p["created_at"] = "2025-02-30T09:30:00Z";
    BOOST_TEST(pw::decode(p, pr).code == "invalid_timestamp");
    p["created_at"] = "2025-02-28T24:00:00Z";
    BOOST_TEST(pw::decode(p, pr).code == "invalid_timestamp");
    // An invoice inside a message is decoded by the invoice codec, path prefixed.
    json r = pw::encode(pw::InvoiceEnvelope{make_invoice()});
    r["invoice"]["items"][1]["quantity"] = 0;
    pw::InvoiceEnvelope env;
    BOOST_TEST(pw::decode(r, env).field == "invoice.items[1].quantity");
}

BOOST_AUTO_TEST_CASE(portal_and_admin_rules) {
    BOOST_TEST(pw::parse_as<pw::LoginRequest>(R"({"email":"nope","password":"x"})").error.code == "invalid_email");
    BOOST_TEST(pw::parse_as<pw::LoginRequest>(R"({"email":"a@b@c","password":"x"})").error.code == "invalid_email");
    BOOST_TEST(pw::parse_as<pw::LoginRequest>(R"({"email":"a b@c.d","password":"x"})").error.code == "invalid_email");
    BOOST_TEST(pw::parse_as<pw::SetPasswordRequest>(R"({"token":"t","password":"short"})").error.code == "password_too_short");
    // ten characters counted as characters, not bytes
    BOOST_TEST(pw::parse_as<pw::SetPasswordRequest>(R"({"token":"t","password":"ééééé"})").error.code == "password_too_short");
    BOOST_TEST(pw::parse_as<pw::SetPasswordRequest>(R"({"token":"t","password":"éééééééééé"})").ok());
    auto origin = [](const std::string& o) {
        return pw::parse_as<pw::Settings>(R"({"allow_saved_method_removal":false,"settlement_currency":"USD","embed_origins":[")" + o + "\"]}").error;
    };
    BOOST_TEST(origin("https://practice.example").ok());
    BOOST_TEST(origin("http://localhost:8081").ok());
    BOOST_TEST(origin("https://practice.example/").code == "invalid_origin");
    BOOST_TEST(origin("https://practice.example/path").code == "invalid_origin");
    BOOST_TEST(origin("javascript:alert(1)").code == "invalid_origin");
    BOOST_TEST(origin("https://user@practice.example").code == "invalid_origin");
    BOOST_TEST(origin("https://practice.example:0").code == "invalid_origin");
    BOOST_TEST(origin("https://practice.example:65536").code == "invalid_origin");
    BOOST_TEST(origin("*").field == "embed_origins[0]");
    BOOST_TEST(origin("http://practice.example").code == "invalid_origin");  // https only, but for loopback
    BOOST_TEST(origin("http://127.0.0.1:8081").ok());
    BOOST_TEST(pw::parse_as<pw::CreateLinkRequest>("{}").value.expires_in_days == 30);
    BOOST_TEST(pw::parse_as<pw::CreateLinkRequest>(R"({"expires_in_days":0})").error.code == "out_of_range");
    BOOST_TEST(pw::parse_as<pw::CreateLinkRequest>(R"({"expires_in_days":366})").error.code == "out_of_range");
    BOOST_TEST(pw::parse_as<pw::SendInvoiceRequest>("{}").value.revoke_previous);
    BOOST_TEST(pw::parse_as<pw::RefundRequest>(R"({"amount":0})").error.field == "amount");
    json ci = pw::encode(pw::CreateInvoiceRequest{});
    pw::CreateInvoiceRequest out;
    BOOST_TEST(!pw::decode(ci, out).ok());  // an empty request is not an invoice
    ci = json::parse(R"({"client_id":"cl_1","currency":"USD","issue_date":"2025-01-02","due_date":"2025-01-01",
        "items":[{"description":"x","quantity":1,"unit_amount":1}],"partial_payments":{"enabled":false},
        "accepted_methods":{"card":true,"bank_debit":[]}})");
    BOOST_TEST(pw::decode(ci, out).field == "due_date");
    ci["due_date"] = "2025-01-31";
    BOOST_TEST(pw::decode(ci, out).ok());
    ci["accepted_methods"] = {{"card", false}, {"bank_debit", {"ach", "ach"}}};
    BOOST_TEST(pw::decode(ci, out).field == "accepted_methods.bank_debit[1]");
    ci["accepted_methods"] = {{"card", false}, {"bank_debit", json::array()}};
    BOOST_TEST(pw::decode(ci, out).field == "accepted_methods");
    ci["accepted_methods"] = {{"card", true}, {"bank_debit", json::array()}};
    ci["items"] = json::array();
    BOOST_TEST(pw::decode(ci, out).field == "items");
    ci["items"] = json::array();
    for (int i = 0; i < 101; ++i) ci["items"].push_back({{"description", "x"}, {"quantity", 1}, {"unit_amount", 1}});
    BOOST_TEST(pw::decode(ci, out).code == "too_many_items");
    ci["items"] = {{{"description", "x"}, {"quantity", 1}, {"unit_amount", 1}}};
    ci["fx_rate"] = "0.73";
    BOOST_TEST(pw::decode(ci, out).field == "fx_rate");  // needs a different settlement currency
}

BOOST_AUTO_TEST_CASE(api_error_envelope) {
    pw::ApiError e = pw::to_api_error(pw::make_error("link_revoked", "", ""));
    BOOST_TEST(e.message == std::string(pw::error_message_for("link_revoked")));
    const json j = pw::encode(e);
    BOOST_TEST(j["error"]["code"] == "link_revoked");
    BOOST_TEST(j["error"]["field"] == "");
    BOOST_TEST(!j["error"].contains("login_url"));
    pw::ApiError back;
    BOOST_TEST(pw::decode(json::parse(R"({"error":{"code":"x","message":"m","field":null}})"), back).ok());
    BOOST_TEST(back.field.empty());
    BOOST_TEST(pw::decode(json::parse(R"({"code":"x","message":"m"})"), back).field == "error");
    // a core Error keeps its own message
    BOOST_TEST(pw::to_api_error(pw::make_error("invalid_card_number", "number", "Check it.")).message == "Check it.");
}

namespace {

template <class T>
std::function<pw::Error(std::string_view)> checker() {
    return [](std::string_view text) { return pw::parse_as<T>(text).error; };
}

}  // namespace

// docs/api.md is the contract: every example in it must decode with the
// core's codecs, so the document cannot drift from the code.
BOOST_AUTO_TEST_CASE(docs_examples_decode) {
    const std::map<std::string, std::function<pw::Error(std::string_view)>> decoders = {
        {"ApiError", checker<pw::ApiError>()},
        {"LinkView", checker<pw::LinkView>()},
        {"TokenRequest", checker<pw::TokenRequest>()},
        {"TokenResponse", checker<pw::TokenResponse>()},
        {"PaymentRequest", checker<pw::PaymentRequest>()},
        {"PaymentResponse", checker<pw::PaymentResponse>()},
        {"Receipt", checker<pw::Receipt>()},
        {"LoginRequest", checker<pw::LoginRequest>()},
        {"SessionInfo", checker<pw::SessionInfo>()},
        {"SetPasswordRequest", checker<pw::SetPasswordRequest>()},
        {"InvoiceList", checker<pw::InvoiceList>()},
        {"PaymentHistory", checker<pw::PaymentHistory>()},
        {"SavedMethodList", checker<pw::SavedMethodList>()},
        {"CreateClientRequest", checker<pw::CreateClientRequest>()},
        {"UpdateClientRequest", checker<pw::UpdateClientRequest>()},
        {"CreateInvoiceRequest", checker<pw::CreateInvoiceRequest>()},
        {"LinkInfo", checker<pw::LinkInfo>()},
        {"SendInvoiceResponse", checker<pw::SendInvoiceResponse>()},
        {"RefundRequest", checker<pw::RefundRequest>()},
        {"RefundResponse", checker<pw::RefundResponse>()},
        {"Settings", checker<pw::Settings>()},
        {"InviteResponse", checker<pw::InviteResponse>()},
        {"CreateAdminKeyRequest", checker<pw::CreateAdminKeyRequest>()},
        {"NewAdminKeyResponse", checker<pw::NewAdminKeyResponse>()},
        {"AdminKeyList", checker<pw::AdminKeyList>()},
    };
    const std::string doc = pwtest::read_repo_file("docs/api.md");
    BOOST_TEST_REQUIRE(!doc.empty());
    const std::string marker = "<!-- example: ";
    int examples = 0;
    std::set<std::string> types;
    for (std::size_t at = doc.find(marker); at != std::string::npos; at = doc.find(marker, at + 1)) {
        const std::size_t name_end = doc.find(" -->", at);
        const std::string name = doc.substr(at + marker.size(), name_end - at - marker.size());
        const std::size_t open = doc.find("```json\n", name_end);
        const std::size_t close = doc.find("\n```", open + 8);
        BOOST_TEST_REQUIRE((open != std::string::npos && close != std::string::npos));
        const std::string body = doc.substr(open + 8, close - open - 8);
        BOOST_TEST_CONTEXT(name << ": " << body.substr(0, 80)) {
            auto it = decoders.find(name);
            BOOST_TEST_REQUIRE((it != decoders.end()));
            const pw::Error e = it->second(body);
            BOOST_TEST(e.ok(), e.code << " " << e.field << ": " << e.message);
        }
        types.insert(name);
        ++examples;
    }
    BOOST_TEST(examples >= 25);
    BOOST_TEST(types.size() == decoders.size());  // every listed type has an example
}

// One wording of a payment method for the widget, the pages and receipts.
BOOST_AUTO_TEST_CASE(method_labels_read_as_payers_expect) {
    using pw::MethodSummary;
    using pw::MethodType;
    BOOST_TEST(pw::method_label(MethodSummary{MethodType::card, "visa", "4242"}) == "Visa \u2022\u2022\u2022\u2022 4242");
    BOOST_TEST(pw::method_label(MethodSummary{MethodType::card, "american-express", "0005"}) ==
               "American Express \u2022\u2022\u2022\u2022 0005");
    BOOST_TEST(pw::method_label(MethodSummary{MethodType::bank_debit, "ach", "6789"}) ==
               "US bank account \u2022\u2022\u2022\u2022 6789");
    BOOST_TEST(pw::method_label(MethodSummary{MethodType::bank_debit, "sepa", ""}) == "SEPA bank account");
}
