#define BOOST_TEST_MODULE token_request
#include <boost/test/unit_test.hpp>

#include "paywidget/token_request.hpp"

using namespace pw;

namespace {
const Date kToday{2026, 12, 3};

TokenRequest card(const std::string& number, const std::string& exp = "12/34") {
    TokenRequest r;
    r.type = MethodType::card;
    r.card = CardFields{number, exp, "123", "Grace Hopper", "94107"};
    return r;
}

TokenRequest bank(BankScheme scheme) {
    TokenRequest r;
    r.type = MethodType::bank_debit;
    r.bank.scheme = scheme;
    r.bank.account_holder = "  Grace Hopper ";
    r.bank.routing_number = "110000000";
    r.bank.account_number = "0001234567";
    r.bank.account_type = "checking";
    r.bank.transit_number = "12345";
    r.bank.institution_number = "001";
    r.bank.iban = "DE89 3704 0044 0532 0130 00";
    return r;
}
// The validated account of `r`, which must pass.
ValidBankAccount valid_bank(const TokenRequest& r) {
    auto ok = validate_token_request(r, kToday);
    BOOST_REQUIRE(ok.ok());
    BOOST_TEST((ok.value.type == MethodType::bank_debit));
    return ok.value.bank;
}

// The error of `r`, which must fail.
Error bank_error(const TokenRequest& r) {
    auto bad = validate_token_request(r, kToday);
    BOOST_TEST(!bad.ok());
    return bad.error;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_valid_card_comes_out_as_digits_and_parsed_expiry) {
    auto r = validate_token_request(card("4242 4242-4242 4242", "07/31"), kToday);
    BOOST_REQUIRE(r.ok());
    BOOST_TEST((r.value.type == MethodType::card));
    BOOST_TEST(r.value.card.number == "4242424242424242");
    BOOST_TEST(r.value.card.exp_month == 7);
    BOOST_TEST(r.value.card.exp_year == 2031);
    BOOST_TEST(r.value.card.last4 == "4242");
    BOOST_TEST((r.value.card.brand == CardBrand::visa));
}

BOOST_AUTO_TEST_CASE(card_errors_come_from_the_card_validators) {
    auto bad_number = validate_token_request(card("4242424242424241"), kToday);
    BOOST_TEST(!bad_number.ok());
    BOOST_TEST(bad_number.error.field == "number");
    auto expired = validate_token_request(card("4242424242424242", "01/20"), kToday);
    BOOST_TEST(!expired.ok());
    BOOST_TEST(expired.error.field == "exp");
}

BOOST_AUTO_TEST_CASE(ach_is_checked_by_the_ach_rules_only) {
    TokenRequest r = bank(BankScheme::ach);
    r.bank.iban = "not an iban";  // another scheme's field: not looked at
    const ValidBankAccount ok = valid_bank(r);
    BOOST_TEST((ok.scheme == BankScheme::ach));
    BOOST_TEST(ok.routing_number == "110000000");
    BOOST_TEST(ok.account_number == "0001234567");
    BOOST_TEST(ok.account_holder == "Grace Hopper");
    BOOST_TEST(ok.iban.empty());
    r.bank.routing_number = "110000001";
    BOOST_TEST(bank_error(r).code == "invalid_routing_number");
    BOOST_TEST(bank_error(r).field == "routing_number");
}

BOOST_AUTO_TEST_CASE(pad_is_checked_by_the_pad_rules_only) {
    TokenRequest r = bank(BankScheme::pad);
    r.bank.routing_number = "";  // ACH's field: not looked at
    const ValidBankAccount ok = valid_bank(r);
    BOOST_TEST(ok.transit_number == "12345");
    BOOST_TEST(ok.institution_number == "001");
    BOOST_TEST(ok.account_number == "0001234567");
    r.bank.transit_number = "12";
    BOOST_TEST(bank_error(r).code == "invalid_transit_number");
    BOOST_TEST(bank_error(r).field == "transit_number");
}

BOOST_AUTO_TEST_CASE(sepa_is_checked_by_the_iban_rules_only) {
    TokenRequest r = bank(BankScheme::sepa);
    r.bank.account_number = "";
    const ValidBankAccount ok = valid_bank(r);
    BOOST_TEST(ok.iban == "DE89370400440532013000");
    BOOST_TEST(ok.account_number.empty());
    r.bank.iban = "DE89 3704 0044 0532 0130 01";
    BOOST_TEST(bank_error(r).field == "iban");
}

BOOST_AUTO_TEST_CASE(a_missing_holder_is_reported_first) {
    TokenRequest r = bank(BankScheme::ach);
    r.bank.account_holder = "   ";
    BOOST_TEST(bank_error(r).code == "missing_account_holder");
}
