// How a processor's refusal of a refund reaches the admin: each refusal by
// its own truthful code, never all as refund_exceeds_settled.
#define BOOST_TEST_MODULE refund_refusal
#include <boost/test/unit_test.hpp>

#include "paywidget/decline.hpp"
#include "services/refunds.hpp"

namespace {
pw::Error refusal(const std::string& code) { return pws::refund_refusal(pw::make_error(code, "charge_id", "x")); }
}  // namespace

BOOST_AUTO_TEST_CASE(a_charge_that_cannot_be_refunded_is_a_409_conflict) {
    for (const char* code : {"charge_not_refundable", "charge_not_found"}) {
        const pw::Error e = refusal(code);
        BOOST_TEST(e.code == code);
        BOOST_TEST(pw::http_status_for(e.code) == 409);
        BOOST_TEST(!pw::error_message_for(e.code).empty());
    }
}

BOOST_AUTO_TEST_CASE(the_processors_own_refund_total_is_a_422_on_the_amount) {
    const pw::Error e = refusal("refund_exceeds_charge");
    BOOST_TEST(e.code == "refund_exceeds_charge");
    BOOST_TEST(e.field == "amount");
    BOOST_TEST(pw::http_status_for(e.code) == 422);
}

BOOST_AUTO_TEST_CASE(an_unreachable_processor_stays_503) {
    BOOST_TEST(refusal("processor_unavailable").code == "processor_unavailable");
    BOOST_TEST(pw::http_status_for("processor_unavailable") == 503);
}

BOOST_AUTO_TEST_CASE(any_other_refusal_is_a_502_naming_the_processors_code) {
    for (const char* code : {"invalid_amount", "idempotency_mismatch", "invalid_key"}) {
        const pw::Error e = refusal(code);
        BOOST_TEST(e.code == "processor_refused");
        BOOST_TEST(e.message.find(code) != std::string::npos);
        BOOST_TEST(pw::http_status_for(e.code) == 502);
    }
}
