// Admin keys through the real server: one recognisable prefix, several per
// practice, listed without secrets, revocable (at once), never the last
// one, never another practice's; and `server practitioner create` (alias
// `practice create`) prints the first key.
#define BOOST_TEST_MODULE api_admin_keys
#include <boost/test/unit_test.hpp>

#include <cstdio>

#include "admin_api.hpp"

using namespace pws_test;

namespace {

constexpr const char* kKeys = "/api/v1/admin/keys";

const json* find_key(const Reply& list, const std::string& id) {
    for (const json& k : list.body["keys"])
        if (k["id"] == id) return &k;
    return nullptr;
}

// The id of the practice's first key (the one make_admin_practice wrote),
// found by its hint: keys made in the same second have no order.
std::string first_key_id(AdminServer& s) {
    Reply list = admin_get(*s.c, s.practice.key, kKeys);
    if (list.status != 200) return "";
    for (const json& k : list.body["keys"])
        if (k["hint"] == pws::admin_key_hint(s.practice.key)) return k["id"].get<std::string>();
    return "";
}

// POST /api/v1/admin/keys with the practice's first key: the answer, and
// the new key ("" when it was not 201).
std::pair<Reply, std::string> add_key(AdminServer& s, const std::string& name) {
    Reply made = admin_post(*s.c, s.practice.key, kKeys, {{"name", name}});
    return {made, made.status == 201 ? made.body["key"].get<std::string>() : ""};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_new_key_has_the_prefix_works_and_is_shown_once) {
    AdminServer s;
    BOOST_REQUIRE(s.started);
    auto [made, key] = add_key(s, "billing integration");
    BOOST_REQUIRE_EQUAL(made.status, 201);
    BOOST_TEST(key.rfind("pwk_", 0) == 0u);
    BOOST_TEST(key.size() == 4u + 43u);  // prefix + 32 random bytes, base64url
    BOOST_TEST(made.body["admin_key"]["name"] == "billing integration");
    BOOST_TEST(made.body["admin_key"]["hint"] == "pwk_..." + key.substr(key.size() - 4));
    BOOST_TEST(made.body["admin_key"]["revoked_at"].is_null());

    // Both keys work, for the same practice.
    Reply with_new = admin_get(*s.c, key, kKeys);
    BOOST_REQUIRE_EQUAL(with_new.status, 200);
    BOOST_TEST(admin_get(*s.c, s.practice.key, kKeys).status == 200);
    BOOST_TEST(with_new.body["keys"].size() == 2u);
    // The list never holds a key or a hash.
    const std::string text = with_new.body.dump();
    BOOST_TEST(text.find(key) == std::string::npos);
    BOOST_TEST(text.find(s.practice.key) == std::string::npos);
    BOOST_TEST(text.find("hash") == std::string::npos);
    for (const json& k : with_new.body["keys"]) BOOST_TEST(!k.contains("key"));
    // Used just now: last_used_at is set.
    const json* mine = find_key(with_new, made.body["admin_key"]["id"].get<std::string>());
    BOOST_REQUIRE(mine);
    BOOST_TEST((*mine)["last_used_at"].is_string());
}

BOOST_AUTO_TEST_CASE(a_key_needs_a_name) {
    AdminServer s;
    BOOST_REQUIRE(s.started);
    Reply r = admin_post(*s.c, s.practice.key, kKeys, json::object());
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.error_code() == "missing_field");
    r = admin_post(*s.c, s.practice.key, kKeys, {{"name", std::string(201, 'n')}});
    BOOST_TEST(r.status == 422);
    BOOST_TEST(admin_get(*s.c, "pwk_" + pws::random_token(), kKeys).status == 401);
    BOOST_TEST(to_reply(s.c->Get(kKeys)).status == 401);
}

BOOST_AUTO_TEST_CASE(a_revoked_key_is_refused_at_once) {
    AdminServer s;
    BOOST_REQUIRE(s.started);
    auto [made, second] = add_key(s, "second");
    BOOST_REQUIRE_EQUAL(made.status, 201);
    const std::string first_id = first_key_id(s);
    BOOST_REQUIRE(!first_id.empty());

    // The second key revokes the first; the first is refused on its very next call.
    BOOST_TEST(admin_delete(*s.c, second, std::string(kKeys) + "/" + first_id).status == 204);
    Reply refused = admin_get(*s.c, s.practice.key, kKeys);
    BOOST_TEST(refused.status == 401);
    BOOST_TEST(refused.error_code() == "unauthorized");
    // Revoking again is not an error; the list shows it revoked.
    BOOST_TEST(admin_delete(*s.c, second, std::string(kKeys) + "/" + first_id).status == 204);
    Reply list = admin_get(*s.c, second, kKeys);
    BOOST_REQUIRE_EQUAL(list.status, 200);
    const json* first = find_key(list, first_id);
    BOOST_REQUIRE(first);
    BOOST_TEST((*first)["revoked_at"].is_string());
}

BOOST_AUTO_TEST_CASE(the_last_active_key_cannot_be_revoked) {
    AdminServer s;
    BOOST_REQUIRE(s.started);
    const std::string first_id = first_key_id(s);
    Reply r = admin_delete(*s.c, s.practice.key, std::string(kKeys) + "/" + first_id);
    BOOST_TEST(r.status == 409);
    BOOST_TEST(r.error_code() == "last_admin_key");
    BOOST_TEST(admin_get(*s.c, s.practice.key, kKeys).status == 200);  // still works

    // With a second key, the first can go; then the second is the last.
    auto [made, second] = add_key(s, "second");
    BOOST_REQUIRE_EQUAL(made.status, 201);
    BOOST_TEST(admin_delete(*s.c, s.practice.key, std::string(kKeys) + "/" + first_id).status == 204);
    r = admin_delete(*s.c, second, std::string(kKeys) + "/" + made.body["admin_key"]["id"].get<std::string>());
    BOOST_TEST(r.status == 409);
    BOOST_TEST(r.error_code() == "last_admin_key");
}

BOOST_AUTO_TEST_CASE(another_practices_key_is_not_found_and_untouched) {
    AdminServer s;
    BOOST_REQUIRE(s.started);
    AdminPractice other = make_admin_practice(s.seed, "Dr. Other");
    Reply made = admin_post(*s.c, other.key, kKeys, {{"name", "other's second"}});
    BOOST_REQUIRE_EQUAL(made.status, 201);
    const std::string other_id = made.body["admin_key"]["id"].get<std::string>();

    Reply r = admin_delete(*s.c, s.practice.key, std::string(kKeys) + "/" + other_id);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.error_code() == "not_found");
    BOOST_TEST(admin_delete(*s.c, s.practice.key, std::string(kKeys) + "/key_nope").status == 404);
    // Still active, and not in this practice's list.
    BOOST_TEST(admin_get(*s.c, made.body["key"].get<std::string>(), kKeys).status == 200);
    Reply mine = admin_get(*s.c, s.practice.key, kKeys);
    BOOST_REQUIRE_EQUAL(mine.status, 200);
    BOOST_TEST(mine.body["keys"].size() == 1u);
    BOOST_TEST(!find_key(mine, other_id));
}

BOOST_AUTO_TEST_CASE(practitioner_create_prints_a_working_prefixed_key) {
    TempDir dir;
    std::vector<std::string> keys;
    for (const char* command : {"practitioner", "practice"}) {  // the second is an alias
        auto [rc, out] = run_server_command(std::string(command) + " create --name 'Dr. New' --email new@practice.example --db " +
                                            dir.file("paywidget.db"));
        BOOST_REQUIRE_MESSAGE(rc == 0, out);
        const auto at = out.find("admin_key: ");
        BOOST_REQUIRE(at != std::string::npos);
        keys.push_back(out.substr(at + 11, out.find('\n', at) - at - 11));
        BOOST_TEST(keys.back().rfind("pwk_", 0) == 0u);
    }

    ServerProcess server(dir.path().string());
    BOOST_REQUIRE(server.start());
    for (const std::string& key : keys) {  // two practices, one key each
        Reply list = admin_get(*server.client(), key, kKeys);
        BOOST_REQUIRE_EQUAL(list.status, 200);
        BOOST_REQUIRE_EQUAL(list.body["keys"].size(), 1u);
        BOOST_TEST(list.body["keys"][0]["name"] == "first key");
        BOOST_TEST(list.body["keys"][0]["hint"] == "pwk_..." + key.substr(key.size() - 4));
    }
}
