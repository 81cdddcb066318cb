#define BOOST_TEST_MODULE decline
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <utility>

#include "paywidget/decline.hpp"
#include "paywidget/messages.hpp"
#include "repo_file.hpp"

namespace {

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(each_code_appears_once_per_kind) {
    std::set<std::pair<std::string, pw::CodeKind>> seen;
    for (const pw::CodeInfo& row : pw::code_catalogue()) {
        BOOST_TEST_CONTEXT(row.code) {
            BOOST_TEST(seen.insert({std::string(row.code), row.kind}).second);
            for (char c : row.code) BOOST_TEST(((c >= 'a' && c <= 'z') || c == '_'));
        }
    }
    BOOST_TEST(seen.size() > 60u);
}

BOOST_AUTO_TEST_CASE(http_statuses) {
    BOOST_TEST(pw::http_status_for("invalid_json") == 400);
    BOOST_TEST(pw::http_status_for("body_too_large") == 413);
    BOOST_TEST(pw::http_status_for("unknown_field") == 422);
    BOOST_TEST(pw::http_status_for("unauthorized") == 401);
    BOOST_TEST(pw::http_status_for("login_required") == 403);
    BOOST_TEST(pw::http_status_for("removal_disabled") == 403);
    BOOST_TEST(pw::http_status_for("smtp_unreachable") == 502);
    BOOST_TEST(pw::http_status_for("save_method_not_allowed") == 403);
    BOOST_TEST(pw::http_status_for("link_unknown") == 404);
    BOOST_TEST(pw::http_status_for("link_expired") == 410);
    BOOST_TEST(pw::http_status_for("link_revoked") == 410);
    BOOST_TEST(pw::http_status_for("idempotency_mismatch") == 409);
    BOOST_TEST(pw::http_status_for("in_progress") == 409);
    BOOST_TEST(pw::http_status_for("rate_limited") == 429);
    BOOST_TEST(pw::http_status_for("internal_error") == 500);
    BOOST_TEST(pw::http_status_for("processor_unavailable") == 503);
    // Validator codes of card.hpp, bank_debit.hpp and partial_plan.hpp are 422.
    for (const char* c : {"invalid_card_number", "card_number_incomplete", "cvc_incomplete", "card_expired",
                          "invalid_routing_number", "invalid_iban", "below_minimum", "above_balance",
                          "must_pay_balance", "too_many_decimals"})
        BOOST_TEST(pw::http_status_for(c) == 422, c);
    // Declines are not error responses: insufficient_funds has no error row.
    BOOST_TEST(pw::find_error_code("insufficient_funds") == nullptr);
    BOOST_TEST(pw::find_error_code("generic_decline") == nullptr);
}

BOOST_AUTO_TEST_CASE(messages_say_what_to_do) {
    for (const pw::CodeInfo& row : pw::code_catalogue()) {
        BOOST_TEST_CONTEXT(row.code) {
            const bool validator = row.kind == pw::CodeKind::request && row.http_status == 422 && row.message.empty();
            if (validator) continue;  // validators' own messages name the field
            BOOST_TEST(!row.message.empty());
            BOOST_TEST(row.message.back() == '.');
            if (row.kind == pw::CodeKind::card_decline || row.kind == pw::CodeKind::bank_return) {
                const bool action = contains(row.message, "ontact") || contains(row.message, "ry ") ||
                                    contains(row.message, "Check") || contains(row.message, "Pay ") ||
                                    contains(row.message, "pay ");
                BOOST_TEST(action, row.message);
                BOOST_TEST(row.http_status == 200);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(suspicious_declines_get_generic_wording) {
    const pw::DeclineAdvice generic = pw::advise_decline("generic_decline", pw::MethodType::card);
    BOOST_TEST(contains(generic.message, "bank or card issuer"));
    BOOST_TEST(contains(generic.message, "HSA or FSA"));
    BOOST_TEST(contains(generic.message, "practitioner"));
    for (const char* raw : {"lost_card", "stolen_card", "fraudulent", "pickup_card", "card_declined",
                            "restricted_card", "security_violation", "merchant_blacklist"}) {
        const pw::DeclineAdvice a = pw::advise_decline(raw, pw::MethodType::card);
        BOOST_TEST(a.code == "generic_decline", raw);
        BOOST_TEST(a.message == generic.message);
        BOOST_TEST(!contains(a.message, "stolen"));
        BOOST_TEST(!contains(a.message, "lost"));
        BOOST_TEST(!contains(a.message, "fraud"));
    }
    // do_not_honor keeps its code (the practitioner may want it) but not a scarier message.
    BOOST_TEST(pw::advise_decline("do_not_honor", pw::MethodType::card).message == generic.message);
    // Unknown or hostile codes never leak through.
    BOOST_TEST(pw::advise_decline("", pw::MethodType::card).code == "generic_decline");
    BOOST_TEST(pw::advise_decline("<script>", pw::MethodType::card).code == "generic_decline");
    BOOST_TEST(pw::advise_decline("R99", pw::MethodType::bank_debit).code == "debit_returned");
}

BOOST_AUTO_TEST_CASE(specific_declines) {
    using pw::MethodType;
    BOOST_TEST(pw::advise_decline("insufficient_funds", MethodType::card).code == "insufficient_funds");
    BOOST_TEST(pw::advise_decline("expired_card", MethodType::card).field == "exp");
    BOOST_TEST(pw::advise_decline("incorrect_cvc", MethodType::card).field == "cvc");
    BOOST_TEST(pw::advise_decline("invalid_cvc", MethodType::card).code == "incorrect_cvc");
    BOOST_TEST(pw::advise_decline("withdrawal_count_limit_exceeded", MethodType::card).code == "card_velocity_exceeded");
    const pw::DeclineAdvice retry = pw::advise_decline("processing_error", MethodType::card);
    BOOST_TEST(retry.retryable);
    BOOST_TEST(contains(retry.message, "not been charged"));
    BOOST_TEST(!pw::advise_decline("insufficient_funds", MethodType::card).retryable);
    BOOST_TEST(contains(pw::advise_decline("card_not_supported", MethodType::card).message, "HSA or FSA"));
    // Same code, different wording for a bank account.
    const pw::DeclineAdvice bank = pw::advise_decline("insufficient_funds", MethodType::bank_debit);
    BOOST_TEST(bank.code == "insufficient_funds");
    BOOST_TEST(bank.message != pw::advise_decline("insufficient_funds", MethodType::card).message);
    BOOST_TEST(contains(bank.message, "returned"));
    BOOST_TEST(pw::advise_decline("account_closed", MethodType::bank_debit).code == "account_closed");
    // A card-only code on a bank debit falls back to the bank's generic return.
    BOOST_TEST(pw::advise_decline("incorrect_cvc", MethodType::bank_debit).code == "debit_returned");
    BOOST_TEST(pw::advise_decline("account_closed", MethodType::card).code == "generic_decline");
    const pw::Decline d = pw::to_decline(bank);
    BOOST_TEST(d.code == bank.code);
    BOOST_TEST(d.message == bank.message);
}

BOOST_AUTO_TEST_CASE(docs_list_every_code_with_its_status) {
    const std::string doc = pwtest::read_repo_file("docs/api.md");
    BOOST_TEST_REQUIRE(!doc.empty());
    for (const pw::CodeInfo& row : pw::code_catalogue()) {
        BOOST_TEST_CONTEXT(row.code << " " << pw::code_kind_id(row.kind)) {
            // Each code has a table row "| `code` | status | ..." in docs/api.md.
            const std::string cell = "| `" + std::string(row.code) + "` | " + std::to_string(row.http_status) + " |";
            BOOST_TEST(contains(doc, cell));
        }
    }
}

BOOST_AUTO_TEST_CASE(messages_come_from_the_catalogue_in_every_language) {
    // The API's English is the catalogue's en; the widget asks for the payer's language.
    for (const pw::CodeInfo& row : pw::code_catalogue()) {
        if (row.message_id.empty()) continue;
        BOOST_TEST(row.message == pw::text("en", row.message_id), row.code);
        BOOST_TEST(pw::text("fr", row.message_id) != row.message, row.code);
        BOOST_TEST(pw::text("es", row.message_id) != row.message, row.code);
    }
    using pw::MethodType;
    BOOST_TEST(pw::decline_text("fr", "stolen_card", MethodType::card) == pw::text("fr", "decline.generic_decline"));
    BOOST_TEST(pw::decline_text("es", "insufficient_funds", MethodType::bank_debit) ==
               pw::text("es", "bank_return.insufficient_funds"));
    BOOST_TEST(pw::decline_text("en", "insufficient_funds", MethodType::card) ==
               pw::advise_decline("insufficient_funds", MethodType::card).message);
    BOOST_TEST(pw::api_error_text("fr", "link_expired", "x") == pw::text("fr", "error.link_expired"));
    // Validator codes keep the server's message (it names the field).
    BOOST_TEST(pw::api_error_text("fr", "missing_field", "items[0].quantity is required.") ==
               "items[0].quantity is required.");
}
