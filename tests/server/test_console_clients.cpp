// The console's Clients against the real server binary: the list and its
// search, creating a client (the core's rules, per field; the email unique
// per practice), a client's page (portal status, invoices, payments, saved
// cards), the portal invitation (emailed, never shown), removing a saved
// card with the client's reason (required, bounded, logged), tenants
// (another practice's client is a 404 for every page and form) and the
// Origin check on every form.
#define BOOST_TEST_MODULE console_clients
#include <boost/test/unit_test.hpp>

#include "console_forms.hpp"

using namespace pws_test;

namespace {

struct Fixture : ConsoleServer {
    std::string owner_session;
    Fixture() {
        add_user(practice.id, "ann@clinic.example", pws::PracticeRole::owner);
        owner_session = session_of("ann@clinic.example");
    }
    // Creates a client through the console form; returns its id.
    std::string add_client(const std::string& name, const std::string& email, const std::string& phone = "") {
        ConsolePage p = post("/console/clients", {{"name", name}, {"email", email}, {"phone", phone}}, owner_session);
        BOOST_REQUIRE_EQUAL(p.status, 302);
        const std::string prefix = "/console/clients/";
        BOOST_REQUIRE(p.location.rfind(prefix, 0) == 0);
        return p.location.substr(prefix.size(), p.location.find('?') - prefix.size());
    }
    std::size_t live_cards(const std::string& client_id) {
        std::size_t n = 0;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            n = t.saved_methods(client_id).value.size();
            return {};
        });
        return n;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(console_clients, Fixture)

BOOST_AUTO_TEST_CASE(a_client_is_created_through_the_core_rules_and_logged) {
    ConsolePage form = get("/console/clients/new", owner_session);
    BOOST_TEST(form.status == 200);
    BOOST_TEST(form.body.find("<label for=\"phone\">Phone (optional)</label>") != std::string::npos);

    // A bad email: 422, the field marked, what was typed kept, nothing stored.
    ConsolePage bad = post("/console/clients", {{"name", "Jordan Rivera"}, {"email", "not-an-email"}}, owner_session);
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(bad.body.find("role=\"alert\"") != std::string::npos);
    BOOST_TEST(bad.body.find("id=\"email\" name=\"email\" type=\"email\" autocomplete=\"off\" required "
                             "aria-describedby=\"email-error\" value=\"not-an-email\" aria-invalid=\"true\"") !=
               std::string::npos);
    BOOST_TEST(bad.body.find("value=\"Jordan Rivera\"") != std::string::npos);
    ConsolePage no_name = post("/console/clients", {{"name", "  "}, {"email", "j@example.com"}}, owner_session);
    BOOST_TEST(no_name.status == 422);
    BOOST_TEST(no_name.body.find("id=\"name-error\">") != std::string::npos);
    // Every wrong field is marked at once.
    ConsolePage both = post("/console/clients", {{"name", ""}, {"email", "nope"}}, owner_session);
    BOOST_TEST(both.status == 422);
    BOOST_TEST(both.body.find("correct the marked fields") != std::string::npos);
    BOOST_TEST(both.body.find("id=\"name\" name=\"name\" type=\"text\" autocomplete=\"off\" required "
                              "aria-describedby=\"name-error\" aria-invalid=\"true\"") != std::string::npos);
    BOOST_TEST(both.body.find("value=\"nope\" aria-invalid=\"true\"") != std::string::npos);
    BOOST_TEST(post("/console/clients", {{"name", "J"}, {"email", "j@example.com"}, {"phone", std::string(80, '5')}},
                    owner_session)
                   .status == 422);  // the core's phone limit
    BOOST_TEST(get("/console/clients", owner_session).body.find("j@example.com") == std::string::npos);

    const std::string id = add_client(" Jordan Rivera ", "jordan@example.com", "+1 555 0199");
    ConsolePage page = get("/console/clients/" + id + "?created=1", owner_session);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.body.find("<h1 class=\"page-title\">Jordan Rivera</h1>") != std::string::npos);  // trimmed
    BOOST_TEST(page.body.find("+1 555 0199") != std::string::npos);
    BOOST_TEST(page.body.find("href=\"tel:+15550199\"") != std::string::npos);  // RFC 3966: no spaces
    // An invoice for this client starts from their page, the client chosen.
    BOOST_TEST(page.body.find("href=\"/console/invoices/new?client=" + id + "\">New invoice</a>") != std::string::npos);
    BOOST_TEST(get("/console/invoices/new?client=" + id, owner_session).body.find("value=\"" + id + "\" selected") !=
               std::string::npos);
    BOOST_TEST(page.body.find("Not invited.") != std::string::npos);
    BOOST_TEST(page.body.find("The client was added.") != std::string::npos);
    // The API sees the same client; the same email again is refused (any case).
    ConsolePage twice = post("/console/clients", {{"name", "Again"}, {"email", "JORDAN@example.com"}}, owner_session);
    BOOST_TEST(twice.status == 409);
    BOOST_TEST(twice.body.find("Another client already has this email") != std::string::npos);
    BOOST_TEST(activity(owner_session).find("Added client Jordan Rivera (jordan@example.com)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_list_searches_name_and_email_and_says_when_nothing_matches) {
    add_client("Jordan Rivera", "jordan@example.com");
    add_client("Sam Lee", "sam.lee@mail.example");
    add_client("Robin Park", "robin@jordan-family.example");
    auto names = [&](const std::string& q) {
        const std::string body = get("/console/clients?q=" + pw::percent_encode(q), owner_session).body;
        std::vector<std::string> out;
        for (const char* n : {"Jordan Rivera", "Sam Lee", "Robin Park"})
            if (body.find(std::string(">") + n + "</a>") != std::string::npos) out.push_back(n);
        return out;
    };
    BOOST_TEST(names("").size() == 3u);
    BOOST_TEST(names("JORDAN") == (std::vector<std::string>{"Jordan Rivera", "Robin Park"}));  // name or email
    BOOST_TEST(names("mail.EXAMPLE") == std::vector<std::string>{"Sam Lee"});
    ConsolePage none = get("/console/clients?q=zzz%25", owner_session);
    BOOST_TEST(none.status == 200);
    BOOST_TEST(none.body.find("No client matches “zzz%”") != std::string::npos);
    BOOST_TEST(none.body.find("value=\"zzz%\"") != std::string::npos);  // the box keeps the text
    // A very long query is cut to the bound, not refused.
    ConsolePage longq = get("/console/clients?q=" + std::string(5000, 'a'), owner_session);
    BOOST_TEST(longq.status == 200);
    BOOST_TEST(longq.body.find(std::string(101, 'a')) == std::string::npos);
    // Markup in the query is text.
    BOOST_TEST(get("/console/clients?q=%3Cb%3E", owner_session).body.find("<b>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_client_page_shows_invoices_payments_and_the_portal_status) {
    const std::string id = add_client("Jordan Rivera", "jordan@example.com");
    const std::string invoice_id = create_invoice(*c, practice.key, id);
    BOOST_REQUIRE(!invoice_id.empty());
    ConsolePage page = get("/console/clients/" + id, owner_session);
    BOOST_TEST(page.body.find("href=\"/console/invoices/" + invoice_id + "\"") != std::string::npos);
    BOOST_TEST(page.body.find("$200.00") != std::string::npos);  // balance, the one money formatter
    BOOST_TEST(page.body.find("No payments yet.") != std::string::npos);
    BOOST_TEST(page.body.find("No saved cards.") != std::string::npos);

    // The invitation goes by email; the page never shows the link.
    const std::size_t mails = outbox_messages(dir.path().string()).size();
    ConsolePage invited = post("/console/clients/" + id + "/invite", {}, owner_session);
    BOOST_TEST(invited.status == 302);
    BOOST_TEST(invited.location == "/console/clients/" + id + "?invited=1");
    BOOST_TEST(outbox_messages(dir.path().string()).size() == mails + 1);
    const std::set<std::string> tokens = outbox_tokens("jordan@example.com", "/portal/invite#token=");
    BOOST_REQUIRE(tokens.size() == 1u);
    ConsolePage after = get(invited.location, owner_session);
    BOOST_TEST(after.body.find("The portal invitation was emailed to the client.") != std::string::npos);
    BOOST_TEST(after.body.find("Invited on ") != std::string::npos);
    BOOST_TEST(after.body.find(*tokens.begin()) == std::string::npos);
    BOOST_TEST(invited.body.find(*tokens.begin()) == std::string::npos);
    BOOST_TEST(activity(owner_session).find("Emailed a portal invitation to Jordan Rivera") != std::string::npos);

    // Activated (the client chose a password): no more invitations.
    BOOST_REQUIRE_EQUAL(c->Post("/api/v1/invitations/accept",
                                json{{"token", *tokens.begin()}, {"password", "portal-secret-42"}}.dump(),
                                "application/json")
                            ->status,
                        200);
    ConsolePage active = get("/console/clients/" + id, owner_session);
    BOOST_TEST(active.body.find("Activated: the client signs in to the portal.") != std::string::npos);
    BOOST_TEST(active.body.find("Email a portal invitation") == std::string::npos);
    ConsolePage again = post("/console/clients/" + id + "/invite", {}, owner_session);
    BOOST_TEST(again.status == 409);
    BOOST_TEST(again.body.find("already activated") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_saved_card_is_removed_only_with_a_reason_which_is_logged) {
    const std::string id = add_client("Jordan Rivera", "jordan@example.com");
    const std::string pm = seed.saved_card(practice.id, id);
    ConsolePage page = get("/console/clients/" + id, owner_session);
    BOOST_TEST(page.body.find("Mastercard •••• 4444") != std::string::npos);
    BOOST_TEST(page.body.find("12/2030") != std::string::npos);
    const std::string action = "/console/clients/" + id + "/cards/" + pm + "/remove";
    BOOST_TEST(page.body.find("action=\"" + action + "\"") != std::string::npos);

    // No reason, or one too long: refused, said next to the field, card kept.
    ConsolePage empty = post(action, {{"reason", "   "}}, owner_session);
    BOOST_TEST(empty.status == 422);
    BOOST_TEST(empty.body.find("Write what the client asked for") != std::string::npos);
    BOOST_TEST(empty.body.find("role=\"alert\"") != std::string::npos);
    BOOST_TEST(post(action, {{"reason", std::string(501, 'x')}}, owner_session).status == 422);
    BOOST_TEST(live_cards(id) == 1u);
    // 500 characters of é (two bytes each) are 500 characters: accepted below.
    std::string reason;
    for (int i = 0; i < 500; ++i) reason += "\xC3\xA9";

    // Staff may remove a card too (clients are their work).
    add_user(practice.id, "sam@clinic.example", pws::PracticeRole::staff);
    const std::string staff = session_of("sam@clinic.example");
    ConsolePage removed = post(action, {{"reason", "Client called on Dec 3: card lost"}}, staff);
    BOOST_TEST(removed.status == 302);
    BOOST_TEST(removed.location == "/console/clients/" + id + "?removed=1");
    BOOST_TEST(live_cards(id) == 0u);
    const std::string log = activity(owner_session);
    BOOST_TEST(log.find("Removed Mastercard •••• 4444 from Jordan Rivera&#39;s saved cards. Reason: Client called "
                        "on Dec 3: card lost") != std::string::npos,
               log);
    BOOST_TEST(log.find(">sam<") != std::string::npos);  // who
    // Twice: the card is gone, nothing more happens.
    ConsolePage twice = post(action, {{"reason", "again"}}, owner_session);
    BOOST_TEST(twice.status == 404);
    BOOST_TEST(twice.body.find("This card is no longer saved.") != std::string::npos);

    const std::string pm2 = seed.saved_card(practice.id, id);
    BOOST_TEST(post("/console/clients/" + id + "/cards/" + pm2 + "/remove", {{"reason", reason}}, owner_session)
                   .status == 302);
    // The admin API's removal goes through the same service: logged too.
    const std::string pm3 = seed.saved_card(practice.id, id);
    BOOST_TEST(admin_delete(*c, practice.key, "/api/v1/admin/clients/" + id + "/payment-methods/" + pm3).status == 204);
    BOOST_TEST(activity(owner_session).find("api key first key") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(another_practices_client_is_a_404_for_every_page_and_form) {
    const std::string id = add_client("Jordan Rivera", "jordan@example.com");
    const std::string pm = seed.saved_card(practice.id, id);
    const std::string other = seed.practice("Dr. Other Practice");
    add_user(other, "olga@other.example", pws::PracticeRole::owner);
    const std::string olga = session_of("olga@other.example");
    ConsolePage page = get("/console/clients/" + id, olga);
    BOOST_TEST(page.status == 404);
    BOOST_TEST(page.body.find("jordan@example.com") == std::string::npos);
    BOOST_TEST(get("/console/clients", olga).body.find("jordan@example.com") == std::string::npos);
    BOOST_TEST(get("/console/clients?q=jordan", olga).body.find("No client matches") != std::string::npos);
    const std::size_t mails = outbox_messages(dir.path().string()).size();
    BOOST_TEST(post("/console/clients/" + id + "/invite", {}, olga).status == 404);
    BOOST_TEST(outbox_messages(dir.path().string()).size() == mails);
    BOOST_TEST(post("/console/clients/" + id + "/cards/" + pm + "/remove", {{"reason", "forged"}}, olga).status == 404);
    BOOST_TEST(live_cards(id) == 1u);
    // Another client's card through one's own client: not found either.
    const std::string mine = add_client("Sam Lee", "sam@example.com");
    BOOST_TEST(post("/console/clients/" + mine + "/cards/" + pm + "/remove", {{"reason", "wrong client"}},
                    owner_session)
                   .status == 404);
    BOOST_TEST(live_cards(id) == 1u);
    BOOST_TEST(get("/console/clients/cli_unknown", owner_session).status == 404);
}

BOOST_AUTO_TEST_CASE(every_clients_form_without_this_hosts_origin_is_refused) {
    const std::string id = add_client("Jordan Rivera", "jordan@example.com");
    const std::string pm = seed.saved_card(practice.id, id);
    const std::size_t mails = outbox_messages(dir.path().string()).size();
    const std::vector<std::pair<std::string, FormFields>> forms = {
        {"/console/clients", {{"name", "Forged"}, {"email", "forged@evil.example"}}},
        {"/console/clients/" + id + "/invite", {}},
        {"/console/clients/" + id + "/cards/" + pm + "/remove", {{"reason", "forged"}}},
    };
    for (const std::string& from : {std::string(), std::string("https://evil.example"), std::string("null")})
        for (const auto& [path, fields] : forms)
            BOOST_TEST(post(path, fields, owner_session, from).status == 403, path << " from '" << from << "'");
    BOOST_TEST(get("/console/clients", owner_session).body.find("forged@evil.example") == std::string::npos);
    BOOST_TEST(outbox_messages(dir.path().string()).size() == mails);
    BOOST_TEST(live_cards(id) == 1u);
    // Signed out: the forms ask for a sign-in and change nothing.
    ConsolePage anonymous = post("/console/clients", {{"name", "Anon"}, {"email", "anon@example.com"}});
    BOOST_TEST(anonymous.status == 302);
    BOOST_TEST(anonymous.location.rfind("/console/login", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
