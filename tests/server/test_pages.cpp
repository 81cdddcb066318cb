// The server-rendered pages (server/pages/) against the real server binary:
// every state of an email link (/pay/<token>), receipts and who may see
// them, the portal's session gate and pages, the login's `next` (never an
// open redirect), the pages' own headers, and HTML escaping.
#define BOOST_TEST_MODULE pages
#include <boost/test/unit_test.hpp>

#include "admin_api.hpp"
#include "pages/page_kit.hpp"
#include "raw_reply.hpp"
#include "paywidget/messages.hpp"
#include "paywidget/url.hpp"

using namespace pws_test;

namespace {

const std::string kPassword = "portal secret 1";
const std::string kHostile = "<script>alert(1)</script>";

struct Page : RawReply {
    bool has(const std::string& text) const { return body.find(text) != std::string::npos; }
};

// One server for the suite. Logins are rate limited per address (10 in
// 15 minutes) and per email (5): the suite signs in a handful of times.
struct Env {
    TempDir dir;
    Seeder seed{dir.path().string()};
    AdminPractice practice = make_admin_practice(seed, "Dr. Ada Lovelace");
    AdminPractice hostile = make_admin_practice(seed, kHostile + " Clinic");
    ServerProcess server{dir.path().string()};
    std::unique_ptr<pwhttp::Client> c;
    std::string link_client;  // no portal account: links pay without login
    Env() {
        BOOST_REQUIRE(seed.ok());
        BOOST_REQUIRE(server.start());
        c = server.client();
        link_client = seed.client(practice.id);
    }
    Page get(const std::string& path, const std::string& session = "") {
        return Page{to_raw_reply(session.empty() ? c->Get(path.c_str()) : c->Get(path.c_str(), cookie(session)))};
    }
    // A portal client with an activated account, signed in.
    std::pair<std::string, std::string> portal_client(const std::string& tag) {
        const std::string mail = tag + "-" + pws::random_token(8) + "@example.com";
        const std::string id = create_client(*c, practice.key, mail, kPassword);
        BOOST_REQUIRE(!id.empty());
        const std::string session = session_cookie(login(*c, mail, kPassword));
        BOOST_REQUIRE(!session.empty());
        return {id, session};
    }
    // Pays `amount` of the invoice through the link with a 4242 card; the payment id.
    std::string pay(const std::string& link_token, const std::string& invoice_id, std::int64_t amount) {
        const std::string tok = card_token(*c, link_token);
        BOOST_REQUIRE(!tok.empty());
        Reply r = post_payment(*c, link_token, invoice_id, pay_body(amount, tok), new_key());
        BOOST_REQUIRE(r.status == 200);
        BOOST_REQUIRE(r.body["payment"]["status"] == "succeeded");
        return r.body["payment"]["id"].get<std::string>();
    }
};

Env& env() {
    static Env e;
    return e;
}

std::string invoice_number(const std::string& invoice_id) { return env().seed.invoice_now(invoice_id).number; }

// The pages' own policy and caching, on every page and redirect.
void check_page_headers(const Page& p) {
    const std::string csp = p.header("Content-Security-Policy");
    BOOST_TEST(csp.find("default-src 'self'") != std::string::npos);
    BOOST_TEST(csp.find("script-src 'self';") != std::string::npos);  // no wasm, no inline
    BOOST_TEST(csp.find("frame-src 'self'") != std::string::npos);
    BOOST_TEST(csp.find("form-action 'self'") != std::string::npos);
    BOOST_TEST(csp.find("frame-ancestors 'none'") != std::string::npos);
    BOOST_TEST(csp.find("unsafe-inline") == std::string::npos);
    BOOST_TEST(p.headers.count("Content-Security-Policy") == 1u);
    BOOST_TEST(p.header("Cache-Control") == "no-store");
    BOOST_TEST(p.header("Referrer-Policy") == "no-referrer");
    BOOST_TEST(p.header("X-Frame-Options") == "DENY");
}

// Every <script> on a page loads a file: nothing inline.
void check_no_inline_script(const Page& p) {
    std::size_t scripts = 0, external = 0;
    for (std::size_t at = p.body.find("<script"); at != std::string::npos; at = p.body.find("<script", at + 1)) {
        ++scripts;
        if (p.body.compare(at, 13, "<script src=\"") == 0) ++external;
    }
    BOOST_TEST(scripts == external);
}

}  // namespace

// ---------------------------------------------------------------- /pay/<token>

BOOST_AUTO_TEST_CASE(a_valid_link_shows_the_invoice_and_the_widget) {
    const std::string inv = env().seed.invoice(env().practice.id, env().link_client);
    const SeededLink link = env().seed.link(env().practice.id, inv);
    Page p = env().get("/pay/" + link.token);
    BOOST_REQUIRE(p.status == 200);
    BOOST_TEST(p.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(p.has("Invoice " + invoice_number(inv)));
    BOOST_TEST(p.has("Dr. Ada Lovelace"));
    BOOST_TEST(p.has("$200.00"));           // balance, from minor units
    BOOST_TEST(p.has("Feb 10, 2025"));      // due date, human-readable
    // The plain frame only without script: the loader mounts the widget once.
    BOOST_TEST(p.has("<noscript><iframe class=\"pay-frame\" title=\"Invoice payment\" src=\"/embed#link=" + link.token + "\""));
    BOOST_TEST(p.body.find("<iframe") == p.body.find("<noscript><iframe") + 10);
    // Nothing paid yet: neither sentence about payments made shows.
    BOOST_TEST(p.has("data-note=\"partially_paid\" hidden>"));
    BOOST_TEST(p.has("data-note=\"paid\" hidden>"));
    BOOST_TEST(p.has("Pay Invoice"));
    check_page_headers(p);
    check_no_inline_script(p);
}

BOOST_AUTO_TEST_CASE(a_link_to_an_activated_account_redirects_to_the_login) {
    const auto [client_id, session] = env().portal_client("redirect");
    const std::string inv = create_invoice(*env().c, env().practice.key, client_id);
    const std::string token = create_link(*env().c, env().practice.key, inv);
    BOOST_REQUIRE(!token.empty());
    Page p = env().get("/pay/" + token);
    BOOST_TEST(p.status == 302);
    // The next path is percent-encoded (login_url_for).
    BOOST_TEST(p.header("Location") == "/portal/login?next=%2Fportal%2Finvoices%2F" + inv);
    BOOST_TEST(p.header("Location").find(token) == std::string::npos);  // never the token
    check_page_headers(p);
    // The login page names whose portal it is, from the invoice it leads to;
    // without such a next it says only "Client portal".
    Page login = env().get("/portal/login?next=%2Fportal%2Finvoices%2F" + inv);
    BOOST_TEST(login.status == 200);
    BOOST_TEST(login.has("<span class=\"brand\">Dr. Ada Lovelace</span>"));
    BOOST_TEST(login.has("Dr. Ada Lovelace keeps your invoices and receipts in this portal."));
    Page plain = env().get("/portal/login?next=%2Fportal%2Finvoices%2Finv_unknown");
    BOOST_TEST(plain.has("<span class=\"brand\">Client portal</span>"));
    BOOST_TEST(!plain.has("keeps your invoices"));
    // ...and the login sends a signed-in client on to that invoice.
    Page again = env().get("/portal/login?next=%2Fportal%2Finvoices%2F" + inv, session);
    BOOST_TEST(again.status == 302);
    BOOST_TEST(again.header("Location") == "/portal/invoices/" + inv);
}

BOOST_AUTO_TEST_CASE(an_expired_link_says_so_with_the_practitioners_contact) {
    const std::string inv = env().seed.invoice(env().practice.id, env().link_client);
    const SeededLink link = env().seed.link(env().practice.id, inv, -60);
    Page p = env().get("/pay/" + link.token);
    BOOST_TEST(p.status == 410);
    BOOST_TEST(p.has("This payment link has expired"));
    BOOST_TEST(p.has("Dr. Ada Lovelace"));
    BOOST_TEST(p.has("href=\"mailto:ada@practice.example\""));
    BOOST_TEST(p.has("href=\"tel:+15550100\""));
    BOOST_TEST(p.has("Ask for a new link"));
    BOOST_TEST(!p.has("<iframe"));
    BOOST_TEST(!p.has("<canvas"));
    check_page_headers(p);
}

BOOST_AUTO_TEST_CASE(a_revoked_link_says_so_with_the_practitioners_contact) {
    const std::string inv = env().seed.invoice(env().practice.id, env().link_client);
    const SeededLink link = env().seed.link(env().practice.id, inv, 86400, /*revoked=*/true);
    Page p = env().get("/pay/" + link.token);
    BOOST_TEST(p.status == 410);
    BOOST_TEST(p.has("This payment link is no longer active"));
    BOOST_TEST(p.has("href=\"mailto:ada@practice.example\""));
    BOOST_TEST(!p.has("<iframe"));
}

BOOST_AUTO_TEST_CASE(an_unknown_link_is_a_kind_404_without_a_practitioner) {
    for (const std::string& token : {pws::random_token(), std::string("x"), std::string(300, 'a')}) {
        Page p = env().get("/pay/" + token);
        BOOST_TEST_CONTEXT(token.substr(0, 20)) {
            BOOST_TEST(p.status == 404);
            BOOST_TEST(p.has("This payment link does not work"));
            BOOST_TEST(p.has("ask for a new link"));
            BOOST_TEST(!p.has("mailto:"));
            BOOST_TEST(!p.has("<iframe"));
            check_page_headers(p);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_paid_invoice_shows_its_receipt_instead_of_the_widget) {
    const std::string inv = env().seed.invoice(env().practice.id, env().link_client);
    const SeededLink link = env().seed.link(env().practice.id, inv);
    env().pay(link.token, inv, 20000);
    Page p = env().get("/pay/" + link.token);
    BOOST_REQUIRE(p.status == 200);
    BOOST_TEST(p.has("Receipt"));
    BOOST_TEST(p.has("Invoice " + invoice_number(inv)));
    BOOST_TEST(p.has("Visa \u2022\u2022\u2022\u2022 4242"));
    BOOST_TEST(p.has("Print receipt"));
    BOOST_TEST(p.has("badge-paid"));
    BOOST_TEST(!p.has("<iframe"));
}

// ---------------------------------------------------------------- receipts

BOOST_AUTO_TEST_CASE(a_receipt_is_shown_only_to_a_link_or_session_that_may_see_it) {
    const std::string inv = env().seed.invoice(env().practice.id, env().link_client);
    const SeededLink link = env().seed.link(env().practice.id, inv);
    const std::string payment = env().pay(link.token, inv, 5000);

    Page mine = env().get("/pay/" + link.token + "/receipts/" + payment);
    BOOST_REQUIRE(mine.status == 200);
    BOOST_TEST(mine.has("$50.00"));             // the payment
    BOOST_TEST(mine.has("$150.00"));            // the balance left
    BOOST_TEST(mine.has("Initial consultation"));
    BOOST_TEST(mine.has("data-print"));
    check_page_headers(mine);
    // The pay page links to it while a balance remains, saying a part is
    // paid; "This invoice is paid" is written for site.js but hidden.
    Page partly = env().get("/pay/" + link.token);
    BOOST_TEST(partly.has("/pay/" + link.token + "/receipts/" + payment));
    BOOST_TEST(partly.has("data-note=\"partially_paid\">You have already paid part of this invoice. <a data-receipt-link "
                          "href=\"/pay/" + link.token + "/receipts/" + payment + "\">View your receipt</a>"));
    BOOST_TEST(partly.has("data-note=\"paid\" hidden>This invoice is paid."));
    BOOST_TEST(partly.has("data-receipt-base=\"/pay/" + link.token + "/receipts/\""));

    // Another invoice's link, of the same practice and client: not found.
    const std::string other_inv = env().seed.invoice(env().practice.id, env().link_client);
    const SeededLink other = env().seed.link(env().practice.id, other_inv);
    Page theirs = env().get("/pay/" + other.token + "/receipts/" + payment);
    BOOST_TEST(theirs.status == 404);
    BOOST_TEST(!theirs.has("Initial consultation"));
    // Another client's session: not found either.
    const auto [stranger, session] = env().portal_client("stranger");
    Page portal = env().get("/portal/receipts/" + payment, session);
    BOOST_TEST(portal.status == 404);
    BOOST_TEST(!portal.has("Initial consultation"));
    // An unknown payment, and an expired link.
    BOOST_TEST(env().get("/pay/" + link.token + "/receipts/pay_nope").status == 404);
    const SeededLink expired = env().seed.link(env().practice.id, inv, -60);
    BOOST_TEST(env().get("/pay/" + expired.token + "/receipts/" + payment).status == 410);
}

// ---------------------------------------------------------------- login next

BOOST_AUTO_TEST_CASE(safe_next_keeps_portal_paths_only) {
    using pws::pages::safe_next;
    BOOST_TEST(safe_next("/portal/invoices/inv_8Hq2") == "/portal/invoices/inv_8Hq2");
    BOOST_TEST(safe_next("/portal") == "/portal");
    BOOST_TEST(safe_next("/portal/billing?x=1") == "/portal/billing?x=1");
    for (const std::string bad : {"", "//evil.example", "https://evil.example/portal", "/\\evil.example",
                                  "\\\\evil.example", "/portal//evil.example", "/portal/\\evil", "javascript:alert(1)",
                                  "/pay/abc", "/portalx", "/portal/a b", "/portal/\"><script>", "/portal/\r\nX: y",
                                  " /portal", "/Portal"}) {
        BOOST_TEST_CONTEXT(bad) { BOOST_TEST(safe_next(bad) == "/portal"); }
    }
}

BOOST_AUTO_TEST_CASE(the_login_never_redirects_off_the_site) {
    const auto [client_id, session] = env().portal_client("next");
    const std::vector<std::string> attacks = {
        "%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example", "%5C%5Cevil.example",
        "%2Fportal%2F%2Fevil.example", "javascript%3Aalert(1)", "%2F%252F%252Fevil.example", "http:evil.example",
    };
    for (const std::string& next : attacks) {
        BOOST_TEST_CONTEXT(next) {
            Page signed_in = env().get("/portal/login?next=" + next, session);
            BOOST_TEST(signed_in.status == 302);
            BOOST_TEST(signed_in.header("Location") == "/portal");
            Page form = env().get("/portal/login?next=" + next);
            BOOST_TEST(form.status == 200);
            BOOST_TEST(form.has("data-next=\"/portal\""));
            BOOST_TEST(!form.has("evil.example"));
        }
    }
    Page good = env().get("/portal/login?next=%2Fportal%2Fbilling");
    BOOST_TEST(good.has("data-next=\"/portal/billing\""));
    BOOST_TEST(good.has("autocomplete=\"current-password\""));
    BOOST_TEST(good.has("autocomplete=\"email\""));
    BOOST_TEST(good.has("<label for=\"email\">"));
    BOOST_TEST(good.has("aria-live"));
    check_page_headers(good);
    check_no_inline_script(good);
}

// ---------------------------------------------------------------- portal

BOOST_AUTO_TEST_CASE(portal_pages_send_a_visitor_without_a_session_to_the_login) {
    const std::vector<std::string> paths = {"/portal", "/portal/billing", "/portal/payment-methods",
                                            "/portal/invoices/inv_abc", "/portal/receipts/pay_abc"};
    for (const std::string& path : paths) {
        BOOST_TEST_CONTEXT(path) {
            for (const std::string& session : {std::string(), std::string("not-a-session")}) {
                Page p = env().get(path, session);
                BOOST_TEST(p.status == 302);
                // The next path is percent-encoded (login_url_for).
                BOOST_TEST(p.header("Location") == "/portal/login?next=" + pw::percent_encode(path));
                check_page_headers(p);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(portal_pages_render_for_a_signed_in_client) {
    const auto [client_id, session] = env().portal_client("pages");
    const std::string inv = create_invoice(*env().c, env().practice.key, client_id, 12000);
    BOOST_REQUIRE(!inv.empty());
    const std::string number = invoice_number(inv);
    env().seed.saved_card(env().practice.id, client_id);

    Page dash = env().get("/portal", session);
    BOOST_REQUIRE(dash.status == 200);
    BOOST_TEST(dash.has("Pending Invoices"));
    BOOST_TEST(dash.has("Invoice " + number));
    BOOST_TEST(dash.has("href=\"/portal/invoices/" + inv + "\""));
    BOOST_TEST(dash.has(">Pay Now</a>"));
    BOOST_TEST(dash.has("$120.00"));
    BOOST_TEST(dash.has("aria-current=\"page\">Pending Invoices"));
    BOOST_TEST(!dash.has("Dashboard"));  // the help article's words: Pending Invoices, Invoices &amp; Billing
    check_page_headers(dash);

    Page invoice = env().get("/portal/invoices/" + inv, session);
    BOOST_REQUIRE(invoice.status == 200);
    BOOST_TEST(invoice.has("src=\"/embed#invoice=" + inv + "\""));
    BOOST_TEST(invoice.has("Invoice " + number));

    Page methods = env().get("/portal/payment-methods", session);
    BOOST_REQUIRE(methods.status == 200);
    BOOST_TEST(methods.has("Mastercard \u2022\u2022\u2022\u2022 4444"));
    BOOST_TEST(methods.has("Expires 12/2030"));
    // This practice does not let clients remove cards: no Remove button.
    BOOST_TEST(methods.has("Your practitioner manages saved cards; contact them to remove one."));
    BOOST_TEST(!methods.has("data-remove"));

    // Pay it in the portal; the billing page then lists payment and receipt.
    Reply tok = session_post(*env().c, session, "/api/v1/tokens", card_body("4242424242424242"));
    BOOST_REQUIRE(tok.status == 201);
    Reply paid = session_post(*env().c, session, "/api/v1/invoices/" + inv + "/payments",
                              pay_body(12000, tok.body["token"].get<std::string>()), new_key());
    BOOST_REQUIRE(paid.status == 200);
    const std::string payment = paid.body["payment"]["id"].get<std::string>();
    Page billing = env().get("/portal/billing", session);
    BOOST_REQUIRE(billing.status == 200);
    BOOST_TEST(billing.has("Invoices &amp; Billing"));
    BOOST_TEST(billing.has("Payment history"));
    BOOST_TEST(billing.has("badge-paid"));
    BOOST_TEST(billing.has("href=\"/portal/receipts/" + payment + "\""));
    BOOST_TEST(!env().get("/portal", session).has("Invoice " + number));  // no longer pending
    Page receipt = env().get("/portal/receipts/" + payment, session);
    BOOST_TEST(receipt.status == 200);
    BOOST_TEST(receipt.has("Print receipt"));
    BOOST_TEST(receipt.has("$120.00"));
    // The paid invoice is its receipt.
    Page paid_invoice = env().get("/portal/invoices/" + inv, session);
    BOOST_TEST(paid_invoice.has("Print receipt"));
    BOOST_TEST(!paid_invoice.has("<iframe"));

    // Another client's invoice: not found.
    const std::string other = env().seed.invoice(env().practice.id, env().link_client);
    BOOST_TEST(env().get("/portal/invoices/" + other, session).status == 404);
}

BOOST_AUTO_TEST_CASE(signing_out_ends_the_session) {
    const auto [client_id, session] = env().portal_client("logout");
    BOOST_REQUIRE(env().get("/portal", session).status == 200);
    auto r = env().c->Post("/portal/logout", cookie(session), "", "application/x-www-form-urlencoded");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 302);
    BOOST_TEST(r->get_header_value("Location") == "/portal/login?signed_out=1");
    BOOST_TEST(r->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    BOOST_TEST(env().get("/portal", session).status == 302);
    BOOST_TEST(env().get("/portal/login?signed_out=1").has("You are signed out."));
}

BOOST_AUTO_TEST_CASE(account_pages_render_their_forms) {
    Page invite = env().get("/portal/invite");
    BOOST_TEST(invite.status == 200);
    BOOST_TEST(invite.has("data-api=\"/api/v1/invitations/accept\""));
    BOOST_TEST(invite.has("autocomplete=\"new-password\""));
    Page reset = env().get("/portal/reset");
    BOOST_TEST(reset.status == 200);
    BOOST_TEST(reset.has("data-api=\"/api/v1/password-resets\""));
    BOOST_TEST(reset.has("data-api=\"/api/v1/password-resets/complete\""));
    BOOST_TEST(reset.has("If an account exists for that email, we sent an email"));
    check_page_headers(reset);
    check_no_inline_script(reset);
}

// ---------------------------------------------------------------- escaping

BOOST_AUTO_TEST_CASE(names_are_escaped_on_every_page) {
    auto& c = *env().c;
    Reply client = admin_post(c, env().hostile.key, "/api/v1/admin/clients",
                              json{{"name", kHostile}, {"email", "hostile-" + pws::random_token(6) + "@example.com"}});
    BOOST_REQUIRE(client.status == 201);
    const std::string inv = create_invoice(c, env().hostile.key, client.body["client"]["id"].get<std::string>());
    const std::string token = create_link(c, env().hostile.key, inv);
    BOOST_REQUIRE(!token.empty());
    Page p = env().get("/pay/" + token);
    BOOST_REQUIRE(p.status == 200);
    BOOST_TEST(p.has("&lt;script&gt;alert(1)&lt;/script&gt;"));           // client
    BOOST_TEST(p.has("&lt;script&gt;alert(1)&lt;/script&gt; Clinic"));     // practitioner
    BOOST_TEST(!p.has(kHostile));
    check_no_inline_script(p);
}

// ---------------------------------------------------------------- store failures

// A receipt the store cannot read is "try again" (500), never "not found":
// the payer must not be told a payment they made has no receipt. The
// invoice's stored definition is made unreadable by hand (a storage error
// when the receipt loads it); the portal signs in by session, so only the
// receipt's own read meets it.
BOOST_AUTO_TEST_CASE(a_receipt_the_store_cannot_read_is_try_again_not_not_found) {
    const auto [client_id, session] = env().portal_client("unreadable");
    const std::string inv = create_invoice(*env().c, env().practice.key, client_id, 3000);
    BOOST_REQUIRE(!inv.empty());
    Reply tok = session_post(*env().c, session, "/api/v1/tokens", card_body("4242424242424242"));
    BOOST_REQUIRE(tok.status == 201);
    Reply paid = session_post(*env().c, session, "/api/v1/invoices/" + inv + "/payments",
                              pay_body(3000, tok.body["token"].get<std::string>()), new_key());
    BOOST_REQUIRE(paid.status == 200);
    const std::string payment = paid.body["payment"]["id"].get<std::string>();
    BOOST_REQUIRE(env().get("/portal/receipts/" + payment, session).status == 200);

    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(env().server.db_path().c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    const std::string sql = "UPDATE invoices SET definition = '{\"unreadable\": true}' WHERE id = '" + inv + "'";
    BOOST_REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);

    Page receipt = env().get("/portal/receipts/" + payment, session);
    BOOST_TEST(receipt.status == 500);
    BOOST_TEST(receipt.has(pw::text("en", "receipt.error_text")));
    BOOST_TEST(!receipt.has(pw::text("en", "receipt.not_found_heading")));
}
