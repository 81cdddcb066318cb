// The server secret through the real binary: --secret-file (and
// PAYWIDGET_SECRET_FILE) outside the data directory, the warning when it is
// inside, `server secret rotate` with everything made before it still
// working after it, and an install from before subkeys upgrading in place.
#define BOOST_TEST_MODULE api_secret
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "admin_api.hpp"
#include "storage/migrations.hpp"

using namespace pws_test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kWarning = "WARNING: the server secret";

// Stops the server, runs `server secret rotate <which>`, starts it again;
// what the command printed ("" when any step failed).
std::string rotate_and_restart(ServerProcess& server, const std::string& which) {
    if (server.terminate() != 0) return "";
    auto [rc, out] = run_server_command("secret rotate " + which);
    BOOST_TEST_MESSAGE(out);
    return rc == 0 && server.start() ? out : "";
}

// A practice, client and invoice written by the seeder; the link's token.
std::string seeded_link(Seeder& seed) {
    const std::string practice = seed.practice();
    const std::string invoice = seed.invoice(practice, seed.client(practice));
    return seed.link(practice, invoice).token;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_secret_file_outside_the_data_directory_is_used) {
    TempDir root;
    const std::string data = root.file("data"), secret = root.file("keys/server-secret");
    fs::create_directories(data);
    fs::create_directories(root.file("keys"));
    ServerProcess server(data, {"--secret-file", secret});
    BOOST_REQUIRE(server.start());
    BOOST_TEST(fs::exists(secret));
    BOOST_TEST(!fs::exists(data + "/server-secret"));
    BOOST_TEST(server.stderr_text().find(kWarning) == std::string::npos);

    // A link hashed with that file works; one hashed with any other secret does not.
    Seeder with_file(data, secret);
    BOOST_REQUIRE(with_file.ok());
    auto c = server.client();
    BOOST_TEST(get_link(*c, seeded_link(with_file)).status == 200);
    Seeder beside_db(data);  // makes a different secret beside the database
    BOOST_REQUIRE(beside_db.ok());
    BOOST_TEST(get_link(*c, seeded_link(beside_db)).status == 404);
}

BOOST_AUTO_TEST_CASE(the_environment_names_the_secret_file_too) {
    TempDir root;
    const std::string data = root.file("data"), secret = root.file("keys/server-secret");
    fs::create_directories(data);
    fs::create_directories(root.file("keys"));
    ServerProcess server(data, {}, {{"PAYWIDGET_SECRET_FILE", secret}});
    BOOST_REQUIRE(server.start());
    BOOST_TEST(fs::exists(secret));
    BOOST_TEST(!fs::exists(data + "/server-secret"));
    BOOST_TEST(server.stderr_text().find(kWarning) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_secret_beside_the_database_is_warned_about) {
    TempDir dir;
    ServerProcess server(dir.path().string());
    BOOST_REQUIRE(server.start());
    const std::string err = server.stderr_text();
    BOOST_TEST(err.find(kWarning) != std::string::npos);
    BOOST_TEST(err.find(dir.file("server-secret")) != std::string::npos);
    BOOST_TEST(err.find("--secret-file") != std::string::npos);  // says how to move it
}

BOOST_AUTO_TEST_CASE(everything_made_before_a_rotation_still_works_after_it) {
    TempDir dir;
    Seeder seed(dir.path().string());
    BOOST_REQUIRE(seed.ok());
    const AdminPractice admin = make_admin_practice(seed);
    ServerProcess server(dir.path().string());
    BOOST_REQUIRE(server.start());
    auto c = server.client();
    const std::string client_id = create_client(*c, admin.key, "grace@example.com", "correct horse battery");
    BOOST_REQUIRE(!client_id.empty());
    const std::string session = session_cookie(login(*c, "grace@example.com", "correct horse battery"));
    BOOST_REQUIRE(!session.empty());
    // Paid through a link: its client has no portal account (else login_required).
    const std::string invoice = create_invoice(*c, admin.key, create_client(*c, admin.key, "ada@example.com"));
    const std::string link = create_link(*c, admin.key, invoice);
    BOOST_REQUIRE(!link.empty());
    // A payment whose answer a retry must replay, and a card token to pay with later.
    const std::string paid_key = new_key();
    const json paid_body = pay_body(5000, card_token(*c, link));
    Reply paid = post_payment(*c, link, invoice, paid_body, paid_key);
    BOOST_REQUIRE_EQUAL(paid.status, 200);
    const std::string later_token = card_token(*c, link);
    BOOST_REQUIRE(!later_token.empty());

    std::string out = rotate_and_restart(server, "--db " + server.db_path());
    BOOST_REQUIRE(!out.empty());
    BOOST_TEST(out.find("previous") != std::string::npos);
    c = server.client();

    BOOST_TEST(admin_get(*c, admin.key, "/api/v1/admin/keys").status == 200);
    BOOST_TEST(get_link(*c, link).status == 200);
    BOOST_TEST(session_get(*c, session, "/api/v1/me/invoices").status == 200);
    Reply replay = post_payment(*c, link, invoice, paid_body, paid_key);
    BOOST_TEST(replay.status == 200);
    BOOST_TEST(replay.body == paid.body);
    Reply later = post_payment(*c, link, invoice, pay_body(15000, later_token), new_key());
    BOOST_TEST(later.status == 200, later.body.dump());
    // Signing out finds the session under the old key too.
    BOOST_TEST(to_reply(c->Delete("/api/v1/session", cookie(session))).status == 204);
    BOOST_TEST(session_get(*c, session, "/api/v1/me/invoices").status == 401);
    const std::string new_link = create_link(*c, admin.key, invoice);
    BOOST_REQUIRE(!new_link.empty());

    // A second rotation drops the first key. The admin key was re-hashed at
    // its use above, so it still works; the first link was made with the
    // dropped key and no longer does (server/README.md says so); the link
    // made after the first rotation still works.
    out = rotate_and_restart(server, "--db " + server.db_path());
    BOOST_TEST(out.find("dropped") != std::string::npos);
    c = server.client();
    BOOST_TEST(admin_get(*c, admin.key, "/api/v1/admin/keys").status == 200);
    BOOST_TEST(get_link(*c, new_link).status == 200);
    BOOST_TEST(get_link(*c, link).status == 404);
}

BOOST_AUTO_TEST_CASE(an_install_from_before_subkeys_upgrades_in_place) {
    TempDir dir;
    // The old secret file: 64 hex characters, hashes made with the key itself.
    const std::string secret_path = dir.file("server-secret");
    {
        std::ofstream(secret_path) << std::string(64, '7') << "\n";
        ::chmod(secret_path.c_str(), 0600);
    }
    pws::ServerSecret legacy;
    legacy.current.bytes.fill(0x77);
    legacy.current.legacy = true;
    auto old_hash = [&](pws::KeyUse use, const std::string& value) {
        return pws::hash_candidates(legacy, use, value).back();
    };
    // The old schema (version 2): the practice's one key hash in practices.
    const std::string admin_key = "pk_" + pws::random_token();
    {
        pws::sql::ConnOptions co;
        auto conn = pws::sql::Conn::open(dir.file("paywidget.db"), co);
        BOOST_REQUIRE(conn.ok());
        BOOST_REQUIRE(pws::apply_migrations(*conn.value, pws::schema_migrations().first(2), 1).ok());
        const std::string sql = "INSERT INTO practices (id, name, email, api_key_hash, created_at) VALUES "
                                "('prc_old', 'Dr Old', 'old@practice.example', '" +
                                old_hash(pws::KeyUse::admin_key, admin_key) + "', 1600000000)";
        BOOST_REQUIRE(!conn.value->exec(sql.c_str()));
    }
    // A link stored the old way (the seeder opening the store migrates it).
    Seeder seed(dir.path().string());
    BOOST_REQUIRE(seed.ok());
    const std::string invoice = seed.invoice("prc_old", seed.client("prc_old"));
    const std::string link_token = pws::random_token();
    pws::Link l;
    l.id = pws::random_id("lnk_");
    l.invoice_id = invoice;
    l.practice_id = "prc_old";
    l.token_hash = old_hash(pws::KeyUse::link_token, link_token);
    l.created_at = Seeder::now();
    l.expires_at = Seeder::now() + 86400;
    BOOST_REQUIRE(!seed.store().write_transaction([&](pws::WriteTxn& t) { return t.insert_link(l); }));

    ServerProcess server(dir.path().string());
    BOOST_REQUIRE(server.start());
    auto c = server.client();
    BOOST_TEST(get_link(*c, link_token).status == 200);
    Reply keys = admin_get(*c, admin_key, "/api/v1/admin/keys");
    BOOST_REQUIRE_EQUAL(keys.status, 200);
    // The hint is learnt at the first use (shown from the next list on).
    Reply again = admin_get(*c, admin_key, "/api/v1/admin/keys");
    BOOST_TEST(again.body["keys"][0]["hint"] == "pk_..." + admin_key.substr(admin_key.size() - 4));

    // Rotating keeps the old key (still read the old way) as previous.
    BOOST_REQUIRE(!rotate_and_restart(server, "--secret-file " + secret_path).empty());
    BOOST_TEST(read_file(secret_path).find("previous " + std::string(64, '7') + " legacy") != std::string::npos);
    c = server.client();
    BOOST_TEST(get_link(*c, link_token).status == 200);
    BOOST_TEST(admin_get(*c, admin_key, "/api/v1/admin/keys").status == 200);
}
