// The console's Payments against the real server binary: the refund's
// confirmation step and its idempotency (a double submit refunds once),
// partial then over-refund refused, staff may refund, another practice's
// payment is a 404, a foreign Origin is refused, the activity line, the
// decline codes, the list's filters, and the CSV export (content, RFC 4180
// quoting, formula injection, amount strings).
#define BOOST_TEST_MODULE console_payments
#include <boost/test/unit_test.hpp>

#include "api_steps.hpp"
#include "console_forms.hpp"
#include "paywidget/date.hpp"

using namespace pws_test;

namespace {

struct Fixture : ConsoleServer {
    std::string owner = signed_in(practice.id, "owner@clinic.example");

    std::string client_named(const std::string& name) {
        Reply r = admin_post(*c, practice.key, "/api/v1/admin/clients",
                             {{"name", name}, {"email", unique_email("client")}});
        BOOST_REQUIRE_EQUAL(r.status, 201);
        return r.body["client"]["id"].get<std::string>();
    }
    // A card payment of `amount` cents on a new 200.00 USD invoice: its id.
    std::string paid(std::int64_t amount = 20000, const std::string& client_name = "Grace Hopper",
                     const std::string& card = "4242424242424242") {
        LinkedInvoice inv = invoice_with_link(*c, practice.key, client_named(client_name));
        BOOST_REQUIRE(!inv.link.empty());
        Reply r = pay_by_card(*c, inv.link, inv.invoice, amount, card);
        BOOST_REQUIRE_EQUAL(r.status, 200);
        return r.body["payment"]["id"].get<std::string>();
    }
    std::string payment_path(const std::string& id) { return "/console/payments/" + id; }
    // The confirmation page of a refund (200), or the refusal.
    ConsolePage review(const std::string& pay, const std::string& amount, const std::string& reason,
                       const std::string& session = "") {
        return post(payment_path(pay) + "/refund", {{"amount", amount}, {"reason", reason}},
                    session.empty() ? owner : session);
    }
    // "Confirm refund" with the fields the confirmation page carries.
    ConsolePage confirm(const std::string& pay, const ConsolePage& confirmation, const std::string& session = "") {
        return post(payment_path(pay) + "/refund/confirm",
                    {{"amount", input_value(confirmation.body, "amount")},
                     {"reason", input_value(confirmation.body, "reason")},
                     {"idempotency_key", input_value(confirmation.body, "idempotency_key")}},
                    session.empty() ? owner : session);
    }
    std::int64_t refunded(const std::string& pay) {
        std::int64_t sum = 0;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            for (const pws::RefundRecord& r : t.receipt(pay).value.view.refunds)
                if (r.payment_id == pay && r.state == pws::RefundState::succeeded) sum += r.amount;
            return {};
        });
        return sum;
    }
    int activity_count(const std::string& action) {
        int n = 0;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            for (const pws::ActivityEntry& a : t.activity(practice.id, 100, 0).value) n += a.action == action;
            return {};
        });
        return n;
    }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(console_payments, Fixture)

BOOST_AUTO_TEST_CASE(a_refund_is_confirmed_first_and_a_double_submit_refunds_once) {
    const std::string pay = paid();
    ConsolePage page = get(payment_path(pay), owner);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(has(page.body, "Payment of $200.00"));
    BOOST_TEST(has(page.body, "Review refund"));

    ConsolePage step = review(pay, "50.00", "Paid twice for the same session");
    BOOST_TEST(step.status == 200);
    BOOST_TEST(has(step.body, "Confirm refund"));
    BOOST_TEST(has(step.body, "Paid twice for the same session"));  // the line the client will see
    BOOST_TEST(has(step.body, "$50.00"));
    BOOST_TEST(has(step.body, "Left to refund after this</dt><dd>$150.00"));
    BOOST_TEST(!input_value(step.body, "idempotency_key").empty());
    BOOST_TEST(refunded(pay) == 0);  // nothing yet: the confirmation only shows

    ConsolePage first = confirm(pay, step);
    ConsolePage again = confirm(pay, step);  // a double click, or a reload of the post
    BOOST_TEST(first.status == 302);
    BOOST_TEST(again.status == 302);
    BOOST_TEST(first.location == again.location);  // the same refund, shown again
    BOOST_TEST(has(first.location, payment_path(pay) + "?refunded=re_"));
    BOOST_TEST(refunded(pay) == 5000);
    BOOST_TEST(activity_count("refund.issued") == 1);

    ConsolePage after = get(first.location, owner);
    BOOST_TEST(after.status == 200);
    BOOST_TEST(has(after.body, "role=\"status\">Refund of $50.00 issued."));
    BOOST_TEST(has(after.body, "Paid, $50.00 refunded"));
    BOOST_TEST(has(after.body, "Up to $150.00"));
    // The activity page names it.
    BOOST_TEST(has(get("/console/activity", owner).body, "Refunded 50.00 USD of payment " + pay));
}

BOOST_AUTO_TEST_CASE(a_partial_refund_then_more_than_is_left_is_refused) {
    const std::string pay = paid();
    BOOST_TEST(confirm(pay, review(pay, "150", "Session cancelled")).status == 302);
    BOOST_TEST(refunded(pay) == 15000);

    ConsolePage over = review(pay, "60.00", "Again");
    BOOST_TEST(over.status == 422);
    BOOST_TEST(has(over.body, "At most $50.00 can still be refunded. Enter that amount or less."));
    BOOST_TEST(has(over.body, "aria-invalid=\"true\""));
    // A confirmation made before the first refund settled is checked again
    // by the service: nothing more moves.
    ConsolePage stale = review(pay, "50.00", "The rest");
    BOOST_TEST(stale.status == 200);
    ConsolePage other = review(pay, "40.00", "Part of the rest");
    BOOST_TEST(confirm(pay, stale).status == 302);
    ConsolePage refused = confirm(pay, other);
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(has(refused.body, "role=\"alert\""));
    BOOST_TEST(has(refused.body, "Nothing was refunded"));
    BOOST_TEST(refunded(pay) == 20000);
    BOOST_TEST(has(get(payment_path(pay), owner).body, "This payment has been refunded in full."));

    // Amounts the core's parser refuses, and a missing reason.
    const std::string pay2 = paid();
    ConsolePage bad = review(pay2, "12.345", "Too precise");
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(has(bad.body, "Enter the amount to refund in USD"));
    BOOST_TEST(review(pay2, "ten", "Words").status == 422);
    BOOST_TEST(review(pay2, "0", "Nothing").status == 422);
    ConsolePage no_reason = review(pay2, "10.00", "   ");
    BOOST_TEST(no_reason.status == 422);
    BOOST_TEST(has(no_reason.body, "Give a reason"));
    BOOST_TEST(review(pay2, "10.00", std::string(501, 'x')).status == 422);
    BOOST_TEST(review(pay2, "1,000.00", "Grouped").status == 422);  // parsed, but more than was paid
    BOOST_TEST(refunded(pay2) == 0);
}

BOOST_AUTO_TEST_CASE(staff_may_refund) {
    const std::string pay = paid();
    const std::string staff = signed_in(practice.id, "sam@clinic.example", pws::PracticeRole::staff);
    ConsolePage step = review(pay, "20.00", "Goodwill", staff);
    BOOST_TEST(step.status == 200);
    BOOST_TEST(confirm(pay, step, staff).status == 302);
    BOOST_TEST(refunded(pay) == 2000);
}

BOOST_AUTO_TEST_CASE(another_practices_payment_is_a_404_and_a_foreign_origin_is_refused) {
    const std::string pay = paid();
    const std::string other = seed.practice("Dr. Other Practice");
    const std::string olga = signed_in(other, "olga@other.example");
    BOOST_TEST(get(payment_path(pay), olga).status == 404);
    BOOST_TEST(get(payment_path("pay_unknown"), owner).status == 404);
    BOOST_TEST(review(pay, "10.00", "Not yours", olga).status == 404);
    ConsolePage step = review(pay, "10.00", "Mine");
    BOOST_TEST(confirm(pay, step, olga).status == 404);
    BOOST_TEST(!has(get("/console/payments", olga).body, pay));
    BOOST_TEST(get("/console/payments.csv", olga).body.find(pay) == std::string::npos);

    // A foreign Origin (or none) is refused before anything else.
    const FormFields fields = {{"amount", input_value(step.body, "amount")},
                               {"reason", "Mine"},
                               {"idempotency_key", input_value(step.body, "idempotency_key")}};
    BOOST_TEST(post(payment_path(pay) + "/refund/confirm", fields, owner, "https://evil.example").status == 403);
    BOOST_TEST(post(payment_path(pay) + "/refund/confirm", fields, owner, "").status == 403);
    BOOST_TEST(post(payment_path(pay) + "/refund", fields, owner, "https://evil.example").status == 403);
    BOOST_TEST(refunded(pay) == 0);
    // Signed out: the sign-in page, nothing refunded.
    BOOST_TEST(post(payment_path(pay) + "/refund/confirm", fields, "").status == 302);
    BOOST_TEST(refunded(pay) == 0);
}

BOOST_AUTO_TEST_CASE(a_declined_payment_shows_both_decline_codes_and_cannot_be_refunded) {
    LinkedInvoice inv = invoice_with_link(*c, practice.key, client_named("Dee Cline"));
    Reply r = pay_by_card(*c, inv.link, inv.invoice, 20000, "4000000000000002");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.body["payment"]["status"] == "declined");
    const std::string pay = r.body["payment"]["id"].get<std::string>();
    ConsolePage page = get(payment_path(pay), owner);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(has(page.body, "Processor's decline code"));
    BOOST_TEST(has(page.body, "What the payer saw"));
    BOOST_TEST(has(page.body, "Nothing was paid"));
    ConsolePage refused = review(pay, "10.00", "Declined anyway");
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(has(refused.body, "nothing to refund"));
}

BOOST_AUTO_TEST_CASE(the_list_filters_by_status_method_currency_dates_and_client) {
    const std::string refunded_pay = paid(20000, "Rita Refunded");
    const std::string plain = paid(20000, "Paula Paid");
    BOOST_TEST(confirm(refunded_pay, review(refunded_pay, "5", "Part")).status == 302);

    ConsolePage all = get("/console/payments", owner);
    BOOST_TEST(all.status == 200);
    BOOST_TEST(has(all.body, payment_path(refunded_pay)));
    BOOST_TEST(has(all.body, payment_path(plain)));
    BOOST_TEST(has(all.body, "href=\"/console/payments.csv\""));

    ConsolePage only_refunded = get("/console/payments?status=refunded", owner);
    BOOST_TEST(has(only_refunded.body, payment_path(refunded_pay)));
    BOOST_TEST(!has(only_refunded.body, payment_path(plain)));
    BOOST_TEST(has(only_refunded.body, "href=\"/console/payments.csv?status=refunded\""));

    ConsolePage by_client = get("/console/payments?client=paula", owner);  // case-insensitive
    BOOST_TEST(has(by_client.body, payment_path(plain)));
    BOOST_TEST(!has(by_client.body, payment_path(refunded_pay)));
    BOOST_TEST(!has(get("/console/payments?client=%25", owner).body, payment_path(plain)));  // % is literal

    BOOST_TEST(!has(get("/console/payments?method=bank_debit", owner).body, payment_path(plain)));
    BOOST_TEST(has(get("/console/payments?method=card&currency=usd", owner).body, payment_path(plain)));
    BOOST_TEST(!has(get("/console/payments?currency=EUR", owner).body, payment_path(plain)));
    BOOST_TEST(!has(get("/console/payments?status=declined", owner).body, payment_path(plain)));
    BOOST_TEST(has(get("/console/payments?status=paid", owner).body, payment_path(plain)));

    const std::string today = pw::format_iso_date(pw::civil_from_days(Seeder::now() / 86400));
    const std::string tomorrow = pw::format_iso_date(pw::civil_from_days(Seeder::now() / 86400 + 1));
    BOOST_TEST(has(get("/console/payments?from=" + today + "&to=" + today, owner).body, payment_path(plain)));
    BOOST_TEST(!has(get("/console/payments?from=" + tomorrow, owner).body, payment_path(plain)));
    BOOST_TEST(!has(get("/console/payments?to=2020-01-01", owner).body, payment_path(plain)));

    // A value not understood is named, and ignored.
    ConsolePage bad = get("/console/payments?from=31/12/2026&status=bogus", owner);
    BOOST_TEST(bad.status == 200);
    BOOST_TEST(has(bad.body, "role=\"alert\""));
    BOOST_TEST(has(bad.body, "From: enter a date as YYYY-MM-DD"));
    BOOST_TEST(has(bad.body, "Choose a status from the list."));
    BOOST_TEST(has(bad.body, payment_path(plain)));
    BOOST_TEST(get("/console/payments?client=" + std::string(101, 'a'), owner).status == 200);
    BOOST_TEST(get("/console/payments?page=99999", owner).status == 200);  // out of range: page 1
}

BOOST_AUTO_TEST_CASE(the_csv_has_a_row_per_payment_and_refund_quoted_and_defused) {
    const std::string evil = paid(12345, "=HYPERLINK(\"http://evil.example\",\"x\")");
    const std::string quoted = paid(20000, "Doe, \"Jane\"");
    BOOST_TEST(confirm(evil, review(evil, "23.45", "-1+2 adjustment, \"goodwill\"")).status == 302);

    ConsolePage csv = get("/console/payments.csv?from=2026-01-01&to=2099-12-31", owner);
    BOOST_TEST(csv.status == 200);
    BOOST_TEST(csv.content_type == "text/csv; charset=utf-8");
    BOOST_TEST(csv.disposition == "attachment; filename=\"payments-2026-01-01-2099-12-31.csv\"");
    BOOST_TEST(csv.body.rfind("type,date,invoice,client,method,status,amount,currency,payment_id,refund_reason\r\n",
                              0) == 0);
    // RFC 4180: quotes doubled, the field quoted; formula cells start with '.
    BOOST_TEST(has(csv.body, ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","), csv.body);
    BOOST_TEST(has(csv.body, ",\"Doe, \"\"Jane\"\"\","));
    BOOST_TEST(has(csv.body, ",succeeded,123.45,USD," + evil + ",\r\n"));
    BOOST_TEST(has(csv.body, ",refunded,-23.45,USD," + evil + ",\"'-1+2 adjustment, \"\"goodwill\"\"\"\r\n"));
    BOOST_TEST(has(csv.body, ",succeeded,200.00,USD," + quoted + ",\r\n"));
    // Three rows and the header; dates are ISO 8601 UTC.
    std::size_t lines = 0;
    for (std::size_t at = csv.body.find("\r\n"); at != std::string::npos; at = csv.body.find("\r\n", at + 2)) ++lines;
    BOOST_TEST(lines == 4u);
    BOOST_TEST(has(csv.body, "\r\npayment," + pw::format_iso_date(pw::civil_from_days(Seeder::now() / 86400)) + "T"));
    // The filters apply to the file too.
    ConsolePage filtered = get("/console/payments.csv?status=refunded", owner);
    BOOST_TEST(has(filtered.body, evil));
    BOOST_TEST(!has(filtered.body, quoted));
    BOOST_TEST(has(filtered.disposition, "filename=\"payments-all-"));
    // Signed out: the sign-in page, never the file.
    BOOST_TEST(get("/console/payments.csv", "").status == 302);
}

BOOST_AUTO_TEST_SUITE_END()
