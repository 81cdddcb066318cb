#define BOOST_TEST_MODULE accepted_methods
#include <boost/test/unit_test.hpp>

#include "paywidget/accepted_methods.hpp"

using namespace pw;

namespace {
AcceptedMethods cards_and_ach() {
    AcceptedMethods a;
    a.card = true;
    a.bank_debit = {BankScheme::ach};
    return a;
}
}  // namespace

BOOST_AUTO_TEST_CASE(card_follows_the_card_flag) {
    AcceptedMethods a = cards_and_ach();
    BOOST_TEST(accepts(a, MethodType::card));
    a.card = false;
    BOOST_TEST(!accepts(a, MethodType::card));
    BOOST_TEST(!accepts(a, MethodSummary{MethodType::card, "visa", "4242"}));
}

BOOST_AUTO_TEST_CASE(bank_debit_needs_a_listed_scheme) {
    const AcceptedMethods a = cards_and_ach();
    BOOST_TEST(accepts(a, MethodType::bank_debit, BankScheme::ach));
    BOOST_TEST(!accepts(a, MethodType::bank_debit, BankScheme::pad));
    BOOST_TEST(!accepts(a, MethodType::bank_debit, BankScheme::sepa));
    BOOST_TEST(!accepts(a, MethodType::bank_debit));  // which scheme? never assume one
}

BOOST_AUTO_TEST_CASE(summaries_are_read_by_their_brand_id) {
    AcceptedMethods cards_only;
    cards_only.card = true;
    BOOST_TEST(!accepts(cards_only, MethodSummary{MethodType::bank_debit, "ach", "6789"}));
    BOOST_TEST(accepts(cards_and_ach(), MethodSummary{MethodType::bank_debit, "ach", "6789"}));
    BOOST_TEST(!accepts(cards_and_ach(), MethodSummary{MethodType::bank_debit, "bacs", "6789"}));
    BOOST_TEST(!accepts(cards_and_ach(), MethodSummary{MethodType::bank_debit, "", ""}));
}

BOOST_AUTO_TEST_CASE(scheme_ids_round_trip) {
    for (BankScheme s : {BankScheme::ach, BankScheme::pad, BankScheme::sepa})
        BOOST_TEST((bank_scheme_from_id(scheme_id(s)) == s));
    BOOST_TEST(!bank_scheme_from_id("ACH"));
    BOOST_TEST(!bank_scheme_from_id(""));
}

BOOST_AUTO_TEST_CASE(only_cards_are_kept_in_a_wallet) {
    BOOST_TEST(can_save(MethodType::card));
    BOOST_TEST(!can_save(MethodType::bank_debit));
}
