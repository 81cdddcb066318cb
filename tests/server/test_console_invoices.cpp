// The console's invoices against the real server binary: a draft saved,
// edited and issued (the invoice and its Pay Invoice email), a double issue
// making one invoice and one email, the preview's totals equal to the
// invoice's, voiding (refused once paid), another practice's invoice and
// draft answered 404, staff at work, the Origin check, the limits, and the
// practice's default partial-payment policy reaching the editor.
#define BOOST_TEST_MODULE console_invoices
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>
#include <thread>

#include "api_steps.hpp"
#include "console_forms.hpp"
#include "services/display_text.hpp"

using namespace pws_test;

namespace {

// Two lines, tax on the first, a discount, 25 % minimum: subtotal 285.50,
// tax 9.60, discount 10.00, total 285.10, minimum 71.28 (rounded up).
FormFields two_line_form(const std::string& client_id, const std::string& action) {
    return {{"client_id", client_id},
            {"currency", "USD"},
            {"issue_date", "2025-03-01"},
            {"due_date", "2025-03-31"},
            {"items[0].description", "Consultation"},
            {"items[0].quantity", "2"},
            {"items[0].unit_amount", "120.00"},
            {"items[0].tax", "9.60"},
            {"items[1].description", "Report"},
            {"items[1].quantity", "1"},
            {"items[1].unit_amount", "45.50"},
            {"items[1].tax", ""},
            {"discount", "10.00"},
            {"partial_enabled", "1"},
            {"minimum_type", "percent"},
            {"minimum_percent", "25"},
            {"accept_card", "1"},
            {"action", action}};
}

struct Fixture : ConsoleServer {
    std::string owner = signed_in(practice.id, "owner@clinic.example");
    std::string client = create_client(*c, practice.key, unique_email("grace"));

    // A fresh draft id from the new-invoice editor.
    std::string new_draft() {
        ConsolePage p = get("/console/invoices/new", owner);
        BOOST_REQUIRE_EQUAL(p.status, 200);
        std::smatch m;
        BOOST_REQUIRE(std::regex_search(p.body, m, std::regex("action=\"/console/invoices/drafts/(drf_[A-Za-z0-9_-]+)\"")));
        return m[1].str();
    }
    std::size_t invoice_count() {
        std::size_t n = 0;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            n = t.practice_invoices(practice.id, pws::InvoiceFilter::all).value.size();
            return {};
        });
        return n;
    }
    std::vector<std::string> actions() {
        std::vector<std::string> out;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            for (const pws::ActivityEntry& a : t.activity(practice.id, 100, 0).value) out.push_back(a.action);
            return {};
        });
        return out;
    }
    bool logged(const std::string& action) {
        auto a = actions();
        return std::find(a.begin(), a.end(), action) != a.end();
    }
    json invoice(const std::string& id) { return admin_get(*c, practice.key, "/api/v1/admin/invoices/" + id).body; }
};

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(console_invoices, Fixture)

BOOST_AUTO_TEST_CASE(a_draft_is_saved_edited_and_issued_with_its_email) {
    BOOST_REQUIRE(!client.empty());
    const std::string draft = new_draft();
    // An incomplete draft may be saved: no client yet, no price.
    ConsolePage saved = post("/console/invoices/drafts/" + draft,
                             {{"currency", "USD"}, {"items[0].description", "Consultation"}, {"action", "save"}}, owner);
    BOOST_TEST(saved.status == 302);
    BOOST_TEST(saved.location == "/console/invoices/drafts/" + draft + "?saved=1");
    BOOST_TEST(logged("draft.created"));
    ConsolePage list = get("/console/invoices", owner);
    BOOST_TEST(has(list.body, "/console/invoices/drafts/" + draft));

    // Edited: the whole form, saved again (the same draft, not a second one).
    BOOST_TEST(post("/console/invoices/drafts/" + draft, two_line_form(client, "save"), owner).status == 302);
    ConsolePage reopened = get("/console/invoices/drafts/" + draft, owner);
    BOOST_TEST(reopened.status == 200);
    BOOST_TEST(has(reopened.body, "value=\"45.50\""));
    BOOST_TEST(has(reopened.body, "value=\"25\""));
    std::size_t drafts = 0;
    seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
        drafts = t.invoice_drafts(practice.id, 10).value.size();
        return {};
    });
    BOOST_TEST(drafts == 1u);

    ConsolePage issued = post("/console/invoices/drafts/" + draft, two_line_form(client, "issue"), owner);
    BOOST_TEST(issued.status == 302);
    const std::string invoice_id = "inv_" + draft.substr(4);
    BOOST_TEST(issued.location == "/console/invoices/" + invoice_id + "?issued=1");
    json inv = invoice(invoice_id)["invoice"];
    BOOST_TEST(inv["total"].get<std::int64_t>() == 28510);
    BOOST_TEST(inv["tax"].get<std::int64_t>() == 960);
    BOOST_TEST(inv["partial_payments"]["minimum"]["basis_points"].get<int>() == 2500);
    BOOST_TEST(invoice(invoice_id)["links"].size() == 1u);
    auto mails = outbox_messages(dir.path().string());
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    BOOST_TEST(has(mails[0], "/pay/"));
    BOOST_TEST(get("/console/invoices/drafts/" + draft, owner).status == 404);  // issued: the draft is gone
    BOOST_TEST(logged("invoice.sent"));
    ConsolePage page = get(issued.location, owner);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(has(page.body, "Active"));
    BOOST_TEST(has(page.body, "Resend the invoice email"));
    // The rules the client pays under, checked after issuing.
    BOOST_TEST(has(page.body, "<dt>Partial payments</dt><dd>Allowed, in up to 2 payments; at least 25 % of the balance first</dd>"));
    BOOST_TEST(has(page.body, "<dt>Accepted</dt><dd>Card"));
}

BOOST_AUTO_TEST_CASE(issuing_twice_makes_one_invoice_and_one_email) {
    const std::string draft = new_draft();
    // Two submits at once (a double click reaching two workers), then a late one.
    ConsolePage a, b;
    std::thread t1([&] { a = to_console_page(server.client()->Post("/console/invoices/drafts/" + draft,
        pwhttp::Headers{{"Cookie", "pw_console=" + owner}, {"Origin", origin()}},
        form_encode(two_line_form(client, "issue")), "application/x-www-form-urlencoded")); });
    std::thread t2([&] { b = to_console_page(server.client()->Post("/console/invoices/drafts/" + draft,
        pwhttp::Headers{{"Cookie", "pw_console=" + owner}, {"Origin", origin()}},
        form_encode(two_line_form(client, "issue")), "application/x-www-form-urlencoded")); });
    t1.join();
    t2.join();
    ConsolePage late = post("/console/invoices/drafts/" + draft, two_line_form(client, "issue"), owner);
    const std::string page = "/console/invoices/inv_" + draft.substr(4);
    for (const ConsolePage* p : {&a, &b, &late}) {
        BOOST_TEST(p->status == 302);
        BOOST_TEST(p->location.rfind(page, 0) == 0u, p->location);
    }
    BOOST_TEST(invoice_count() == 1u);
    BOOST_TEST(outbox_messages(dir.path().string()).size() == 1u);
    // A save arriving after the issue does not bring the draft back.
    BOOST_TEST(post("/console/invoices/drafts/" + draft, two_line_form(client, "save"), owner).location == page);
    BOOST_TEST(get("/console/invoices/drafts/" + draft, owner).status == 404);
}

BOOST_AUTO_TEST_CASE(the_preview_shows_the_totals_the_invoice_gets) {
    ConsolePage preview = post("/console/invoices/preview", two_line_form(client, "update"), owner);
    BOOST_TEST(preview.status == 200);
    const std::string draft = new_draft();
    ConsolePage issued = post("/console/invoices/drafts/" + draft, two_line_form(client, "issue"), owner);
    BOOST_REQUIRE_EQUAL(issued.status, 302);
    json inv = invoice("inv_" + draft.substr(4))["invoice"];
    for (const char* member : {"subtotal", "tax", "discount", "total"})
        BOOST_TEST(has(preview.body, pws::money(inv[member].get<std::int64_t>(), "USD")), member);
    BOOST_TEST(has(preview.body, pws::money(7128, "USD")));  // 25 % of 285.10, rounded up
    // "Update totals" without the script: the same numbers in the page.
    ConsolePage updated = post("/console/invoices/drafts/" + draft.substr(0, 4) + "x" + draft.substr(5),
                               two_line_form(client, "update"), owner);
    BOOST_TEST(updated.status == 200);
    BOOST_TEST(has(updated.body, pws::money(28510, "USD")));
}

BOOST_AUTO_TEST_CASE(field_errors_name_the_input_and_say_what_to_do) {
    const std::string draft = new_draft();
    FormFields f = two_line_form(client, "issue");
    for (auto& [k, v] : f)
        if (k == "items[1].unit_amount") v = "45.505";  // three decimals in USD
    ConsolePage bad = post("/console/invoices/drafts/" + draft, f, owner);
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(has(bad.body, "role=\"alert\""));
    BOOST_TEST(has(bad.body, "href=\"#items-1-unit_amount\""));
    BOOST_TEST(has(bad.body, "id=\"items-1-unit_amount-error\">"));
    // A rule only the core knows (the due date before the issue date): the
    // draft is kept and the field named.
    f = two_line_form(client, "issue");
    for (auto& [k, v] : f)
        if (k == "due_date") v = "2025-02-01";
    ConsolePage late = post("/console/invoices/drafts/" + draft, f, owner);
    BOOST_TEST(late.status == 422);
    BOOST_TEST(has(late.body, "href=\"#due_date\""));
    BOOST_TEST(invoice_count() == 0u);
    BOOST_TEST(get("/console/invoices/drafts/" + draft, owner).status == 200);
}

BOOST_AUTO_TEST_CASE(a_paid_invoice_cannot_be_voided_an_unpaid_one_can) {
    LinkedInvoice paid = invoice_with_link(*c, practice.key, client, 20000);
    BOOST_REQUIRE(!paid.link.empty());
    BOOST_REQUIRE_EQUAL(pay_by_card(*c, paid.link, paid.invoice, 20000).status, 200);
    ConsolePage refused = post("/console/invoices/" + paid.invoice + "/void", {}, owner);
    BOOST_TEST(refused.status == 409);
    BOOST_TEST(has(refused.body, "role=\"alert\""));
    BOOST_TEST(invoice(paid.invoice)["invoice"]["status"] == "paid");
    BOOST_TEST(get("/console/invoices/" + paid.invoice + "/void", owner).status == 409);

    const std::string open = create_invoice(*c, practice.key, client);
    BOOST_TEST(get("/console/invoices/" + open + "/void", owner).status == 200);  // the confirm step
    ConsolePage voided = post("/console/invoices/" + open + "/void", {}, owner);
    BOOST_TEST(voided.status == 302);
    BOOST_TEST(invoice(open)["invoice"]["status"] == "void");
    BOOST_TEST(logged("invoice.voided"));
    // Void: it cannot be sent any more.
    BOOST_TEST(post("/console/invoices/" + open + "/send", {{"revoke_previous", "1"}}, owner).status == 422);
}

BOOST_AUTO_TEST_CASE(links_are_made_once_shown_and_revoked_with_a_log_line) {
    const std::string id = create_invoice(*c, practice.key, client);
    ConsolePage made = post("/console/invoices/" + id + "/links", {}, owner);
    BOOST_TEST(made.status == 201);
    BOOST_TEST(has(made.body, "/pay/"));
    BOOST_TEST(has(made.body, "readonly"));
    BOOST_TEST(!has(get("/console/invoices/" + id, owner).body, "/pay/"));  // shown once
    const std::string link_id = invoice(id)["links"][0]["id"].get<std::string>();
    ConsolePage revoked = post("/console/invoices/" + id + "/links/" + link_id + "/revoke", {}, owner);
    BOOST_TEST(revoked.status == 302);
    BOOST_TEST(invoice(id)["links"][0]["revoked"] == true);
    BOOST_TEST(logged("link.revoked"));
}

BOOST_AUTO_TEST_CASE(another_practices_invoice_and_draft_are_not_found) {
    AdminPractice other = make_admin_practice(seed, "Dr. Other");
    const std::string other_client = create_client(*c, other.key, unique_email("other"));
    const std::string other_invoice = create_invoice(*c, other.key, other_client);
    const std::string theirs = signed_in(other.id, "owner@other.example");
    ConsolePage blank = get("/console/invoices/new", theirs);
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(blank.body, m, std::regex("drafts/(drf_[A-Za-z0-9_-]+)\"")));
    const std::string other_draft = m[1].str();
    BOOST_REQUIRE_EQUAL(post("/console/invoices/drafts/" + other_draft, {{"currency", "USD"}, {"action", "save"}}, theirs).status, 302);

    BOOST_TEST(get("/console/invoices/" + other_invoice, owner).status == 404);
    BOOST_TEST(get("/console/invoices/" + other_invoice + "/void", owner).status == 404);
    BOOST_TEST(post("/console/invoices/" + other_invoice + "/void", {}, owner).status == 404);
    BOOST_TEST(post("/console/invoices/" + other_invoice + "/send", {}, owner).status == 404);
    BOOST_TEST(post("/console/invoices/" + other_invoice + "/links", {}, owner).status == 404);
    BOOST_TEST(get("/console/invoices/drafts/" + other_draft, owner).status == 404);
    BOOST_TEST(post("/console/invoices/drafts/" + other_draft, two_line_form(client, "save"), owner).status == 404);
    BOOST_TEST(post("/console/invoices/drafts/" + other_draft, two_line_form(client, "issue"), owner).status == 404);
    BOOST_TEST(post("/console/invoices/drafts/" + other_draft + "/delete", {}, owner).status == 404);
    BOOST_TEST(invoice(other_invoice).is_object());
    BOOST_TEST(admin_get(*c, other.key, "/api/v1/admin/invoices/" + other_invoice).body["invoice"]["status"] == "open");
    // Another practice's client cannot be put on this practice's invoice.
    const std::string draft = new_draft();
    ConsolePage foreign_client = post("/console/invoices/drafts/" + draft, two_line_form(other_client, "issue"), owner);
    BOOST_TEST(foreign_client.status == 422);
    BOOST_TEST(has(foreign_client.body, "href=\"#client_id\""));
    BOOST_TEST(!has(get("/console/invoices", owner).body, other_invoice));
}

BOOST_AUTO_TEST_CASE(staff_can_write_issue_and_void_invoices) {
    const std::string staff = signed_in(practice.id, "staff@clinic.example", pws::PracticeRole::staff);
    ConsolePage blank = get("/console/invoices/new", staff);
    BOOST_TEST(blank.status == 200);
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(blank.body, m, std::regex("drafts/(drf_[A-Za-z0-9_-]+)\"")));
    ConsolePage issued = post("/console/invoices/drafts/" + m[1].str(), two_line_form(client, "issue"), staff);
    BOOST_TEST(issued.status == 302);
    BOOST_TEST(post("/console/invoices/inv_" + m[1].str().substr(4) + "/void", {}, staff).status == 302);
}

BOOST_AUTO_TEST_CASE(every_invoice_form_needs_this_hosts_origin) {
    const std::string id = create_invoice(*c, practice.key, client);
    const std::string draft = new_draft();
    for (const std::string& path : std::vector<std::string>{"/console/invoices/preview", "/console/invoices/drafts/" + draft,
                                                            "/console/invoices/" + id + "/void", "/console/invoices/" + id + "/send",
                                                            "/console/invoices/" + id + "/links"}) {
        BOOST_TEST(post(path, two_line_form(client, "issue"), owner, "https://evil.example").status == 403, path);
        BOOST_TEST(post(path, two_line_form(client, "issue"), owner, "").status == 403, path);
    }
    BOOST_TEST(invoice(id)["invoice"]["status"] == "open");
    BOOST_TEST(invoice_count() == 1u);
    BOOST_TEST(outbox_messages(dir.path().string()).empty());
}

BOOST_AUTO_TEST_CASE(lines_and_values_are_limited) {
    const std::string draft = new_draft();
    FormFields many = {{"currency", "USD"}, {"action", "save"}};
    for (int i = 0; i <= 100; ++i) {
        many.emplace_back("items[" + std::to_string(i) + "].description", "x");
        many.emplace_back("items[" + std::to_string(i) + "].unit_amount", "1");
    }
    ConsolePage too_many = post("/console/invoices/drafts/" + draft, many, owner);
    BOOST_TEST(too_many.status == 422);
    BOOST_TEST(has(too_many.body, "at most 100 lines"));
    ConsolePage long_text = post("/console/invoices/drafts/" + draft,
                                 {{"currency", "USD"}, {"items[0].description", std::string(2001, 'a')}, {"action", "save"}},
                                 owner);
    BOOST_TEST(long_text.status == 422);
    ConsolePage long_value = post("/console/invoices/preview", {{"currency", std::string(100, 'U')}}, owner);
    BOOST_TEST(long_value.status == 200);
    BOOST_TEST(!has(long_value.body, std::string(100, 'U')));
    BOOST_TEST(get("/console/invoices/drafts/" + draft, owner).status == 404);  // nothing was stored
}

BOOST_AUTO_TEST_CASE(the_practices_default_partial_policy_fills_the_editor) {
    Reply patched = admin_patch(*c, practice.key, "/api/v1/admin/settings",
                                json{{"default_partial_payments",
                                      {{"enabled", true}, {"minimum", {{"type", "percent"}, {"basis_points", 3000}}}}}});
    BOOST_TEST(patched.status == 200);
    BOOST_TEST(patched.body["default_partial_payments"]["minimum"]["basis_points"] == 3000);
    ConsolePage blank = get("/console/invoices/new", owner);
    BOOST_TEST(has(blank.body, "id=\"partial_enabled\" name=\"partial_enabled\" value=\"1\" checked"));
    BOOST_TEST(has(blank.body, "id=\"minimum_percent\" name=\"minimum_percent\""));
    BOOST_TEST(has(blank.body, "value=\"30\""));
    // The Settings form (owner) sets it too, logged like every setting.
    ConsolePage saved = post("/console/settings",
                             {{"settlement_currency", ""}, {"embed_origins", ""}, {"default_minimum_percent", "12.5"}},
                             owner);
    BOOST_TEST(saved.status == 302);
    json s = admin_get(*c, practice.key, "/api/v1/admin/settings").body;
    BOOST_TEST(s["default_partial_payments"]["enabled"] == false);
    BOOST_TEST(s["default_partial_payments"]["minimum"]["basis_points"] == 1250);
    ConsolePage refused = post("/console/settings",
                               {{"settlement_currency", ""}, {"embed_origins", ""}, {"default_partial_enabled", "1"},
                                {"default_minimum_percent", "a lot"}},
                               owner);
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(has(refused.body, "percentage from 1 to 100"));
}

BOOST_AUTO_TEST_CASE(the_list_filters_by_status_overdue_and_currency) {
    const std::string open = create_invoice(*c, practice.key, client);  // due 2025-03-31: overdue now
    const std::string voided = create_invoice(*c, practice.key, client);
    BOOST_REQUIRE_EQUAL(post("/console/invoices/" + voided + "/void", {}, owner).status, 302);
    ConsolePage all = get("/console/invoices", owner);
    BOOST_TEST((has(all.body, open) && has(all.body, voided)));
    ConsolePage only_void = get("/console/invoices?status=void", owner);
    BOOST_TEST((!has(only_void.body, open) && has(only_void.body, voided)));
    ConsolePage overdue = get("/console/invoices?overdue=1", owner);
    BOOST_TEST((has(overdue.body, open) && !has(overdue.body, voided)));
    ConsolePage cad = get("/console/invoices?currency=CAD", owner);
    BOOST_TEST((!has(cad.body, open) && !has(cad.body, voided)));
}

BOOST_AUTO_TEST_SUITE_END()
