// Storage: opening a database, schema migrations, durability (both
// backends; SQLite's WAL mode: test_storage_sqlite_file.cpp).
#define BOOST_TEST_MODULE storage_migrations
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/pg_session.hpp"
#include "storage/sqlite_session.hpp"
#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

// A bare connection to the test's database (no Store), to apply steps.
class RawSession {
public:
    explicit RawSession(const std::string& path) {
        if (on_postgres()) {
            auto c = pws::pg::Conn::open(path, {});
            BOOST_REQUIRE(c.ok());
            pg_ = std::move(c.value);
            session_ = std::make_unique<pws::PgSession>(*pg_, false);
        } else {
            auto c = pws::sql::Conn::open(path, {});
            BOOST_REQUIRE(c.ok());
            sqlite_ = std::move(c.value);
            session_ = std::make_unique<pws::SqliteSession>(*sqlite_);
        }
    }
    pws::db::Session& session() { return *session_; }

private:
    std::unique_ptr<pws::pg::Conn> pg_;
    std::unique_ptr<pws::sql::Conn> sqlite_;
    std::unique_ptr<pws::db::Session> session_;
};

std::span<const pws::Migration> backend_migrations() {
    return on_postgres() ? pws::postgres_schema_migrations() : pws::schema_migrations();
}

}  // namespace

// ---------------------------------------------------------------- migrations

BOOST_AUTO_TEST_CASE(migrates_an_empty_file_and_reopens_idempotently) {
    TempDb db;
    {
        auto s = open_store(db.path);
        BOOST_REQUIRE(s);
        BOOST_TEST(s->schema_version() == pws::latest_schema_version());
        BOOST_REQUIRE_EQUAL(seed(*s, 5000).code, "");
    }
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM schema_version") ==
               static_cast<std::int64_t>(pws::schema_migrations().size()));
    for (int i = 0; i < 2; ++i) {
        auto s = open_store(db.path);
        BOOST_REQUIRE(s);
        BOOST_TEST(s->schema_version() == pws::latest_schema_version());
        // Data survives and no step ran twice.
        Error e = s->read_transaction([](pws::ReadTxn& t) -> Error { return t.practice("prc_a").error; });
        BOOST_TEST(e.code == "");
    }
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM schema_version") ==
               static_cast<std::int64_t>(pws::schema_migrations().size()));
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM practices") == 1);
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_refused) {
    TempDb db;
    { BOOST_REQUIRE(open_store(db.path)); }
    raw_exec(db.path, "INSERT INTO schema_version (version, summary, applied_at) "
                      "VALUES (999, 'from the future', 0)");
    pws::StoreOptions o;
    o.path = db.path;
    auto s = pws::open_store(o);
    BOOST_TEST(!s.ok());
    BOOST_TEST(s.error.code == "schema_too_new");
    BOOST_TEST(s.error.message.find("999") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(steps_apply_in_order_once_and_a_failing_step_changes_nothing) {
    TempDb db;
    RawSession conn(db.path);
    const pws::Migration v1[] = {{1, "one", "CREATE TABLE a (x INTEGER)"}};
    const pws::Migration v2[] = {{1, "one", "CREATE TABLE a (x INTEGER)"},
                                 {2, "two", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (7)"}};
    const pws::Migration v3_bad[] = {{1, "one", "CREATE TABLE a (x INTEGER)"},
                                     {2, "two", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (7)"},
                                     {3, "three", "CREATE TABLE c (z INTEGER)"},
                                     {4, "bad", "INSERT INTO no_such_table VALUES (1)"}};
    auto r1 = pws::apply_migrations(conn.session(), v1, 1);
    BOOST_REQUIRE(r1.ok());
    BOOST_TEST(r1.value == 1);
    auto again = pws::apply_migrations(conn.session(), v1, 2);
    BOOST_TEST(again.value == 1);
    auto r2 = pws::apply_migrations(conn.session(), v2, 3);
    BOOST_REQUIRE(r2.ok());
    BOOST_TEST(r2.value == 2);
    auto r2b = pws::apply_migrations(conn.session(), v2, 4);
    BOOST_TEST(r2b.value == 2);
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM a") == 1);  // step 2 ran once
    auto r3 = pws::apply_migrations(conn.session(), v3_bad, 5);
    BOOST_TEST(!r3.ok());
    BOOST_TEST(r3.error.code == "storage_error");
    // Step 3 succeeded before step 4 failed, but the whole run rolled back.
    BOOST_TEST(raw_count(db.path, on_postgres() ? "SELECT COUNT(*) FROM information_schema.tables "
                                                  "WHERE table_schema = current_schema() AND table_name = 'c'"
                                                : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'c'") == 0);
    BOOST_TEST(raw_count(db.path, "SELECT MAX(version) FROM schema_version") == 2);
    auto older = pws::apply_migrations(conn.session(), v1, 6);
    BOOST_TEST(older.error.code == "schema_too_new");
}

BOOST_AUTO_TEST_CASE(durability_setting_is_stated) {
    BOOST_TEST(pws::durability_id(pws::Durability::normal) == "NORMAL");
    BOOST_TEST(pws::durability_id(pws::Durability::full) == "FULL");
    TempDb db;
    auto s = open_store(db.path, pws::Durability::full);
    BOOST_REQUIRE(s);
    BOOST_TEST(s->durability() == pws::Durability::full);
    BOOST_TEST(seed(*s, 100).code == "");
}

BOOST_AUTO_TEST_CASE(unopenable_path_is_an_error_not_a_crash) {
    pws::StoreOptions o;
    o.path = "/nonexistent_dir_for_pw_tests/x/y.db";
    o.log = [](std::string_view) {};
    auto s = pws::open_store(o);
    BOOST_TEST(!s.ok());
    BOOST_TEST(s.error.code == "storage_error");
    o.path = "postgresql:///paywidget?host=/nonexistent_dir_for_pw_tests";
    auto pg = pws::open_store(o);
    BOOST_TEST(!pg.ok());
    BOOST_TEST(pg.error.code == "storage_error");
}

// ---------------------------------------------------------------- version 3

BOOST_AUTO_TEST_CASE(version_3_moves_each_practices_admin_key_into_admin_keys) {
    TempDb db;
    {
        RawSession conn(db.path);
        BOOST_REQUIRE(pws::apply_migrations(conn.session(), backend_migrations().first(2), 1).ok());
    }
    raw_exec(db.path, "INSERT INTO practices (id, name, email, api_key_hash, created_at) "
                      "VALUES ('prc_old', 'Dr Old', 'old@practice.example', 'hash_of_old_key', 1600000000)");
    raw_exec(db.path, "INSERT INTO practices (id, name, email, api_key_hash, created_at) "
                      "VALUES ('prc_two', 'Dr Two', 'two@practice.example', 'hash_of_two_key', 1600000001)");
    auto s = open_store(db.path);
    BOOST_REQUIRE(s);
    BOOST_TEST(s->schema_version() >= 3);
    (void)s->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto k = t.active_admin_key("hash_of_old_key");
        BOOST_REQUIRE(k.ok());
        BOOST_TEST(k.value.practice_id == "prc_old");
        BOOST_TEST(k.value.name == "first key");
        BOOST_TEST(k.value.hint == "");  // learnt at the first use
        BOOST_TEST(k.value.created_at == 1600000000);
        BOOST_TEST(k.value.id.rfind("key_", 0) == 0u);
        BOOST_TEST(t.active_admin_key("hash_of_two_key").value.practice_id == "prc_two");
        BOOST_TEST(t.admin_keys("prc_old").value.size() == 1u);
        return {};
    });
    // The old column no longer holds a credential (PostgreSQL drops it).
    BOOST_TEST(raw_count(db.path, on_postgres() ? "SELECT COUNT(*) FROM information_schema.columns WHERE "
                                                  "table_schema = current_schema() AND column_name = 'api_key_hash'"
                                                : "SELECT COUNT(*) FROM practices WHERE api_key_hash LIKE 'hash_of_%'") == 0);
}

// Mandates accepted before version 11 were all English texts: they read as "en".
BOOST_AUTO_TEST_CASE(version_11_records_existing_mandates_as_english) {
    TempDb db;
    {
        RawSession conn(db.path);
        BOOST_REQUIRE(pws::apply_migrations(conn.session(), backend_migrations().first(2), 1).ok());
    }
    raw_exec(db.path, "INSERT INTO practices (id, name, email, api_key_hash, created_at) "
                      "VALUES ('prc_old', 'Dr Old', 'old@practice.example', 'hash_of_old_key', 1600000000)");
    raw_exec(db.path, "INSERT INTO mandates (id, practice_id, scheme, text_version, text, accepted_at, payer_name, "
                      "client_address) VALUES ('mdt_old', 'prc_old', 'ach', 'ach-2025-01', 'I authorize Dr Old…', "
                      "1600000100, 'Ann Payer', '203.0.113.9')");
    auto s = open_store(db.path);
    BOOST_REQUIRE(s);
    BOOST_TEST(s->schema_version() >= 11);
    (void)s->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto m = t.mandate("mdt_old");
        BOOST_REQUIRE(m.ok());
        BOOST_TEST(m.value.locale == "en");
        BOOST_TEST(m.value.text_version == "ach-2025-01");
        return {};
    });
}

// ---------------------------------------------------------------- instances starting together

BOOST_AUTO_TEST_CASE(stores_opening_a_new_database_together_migrate_it_once) {
    TempDb db;
    constexpr int kOpeners = 6;
    std::vector<std::thread> openers;
    std::atomic<int> opened{0};
    std::atomic<bool> go{false};
    for (int i = 0; i < kOpeners; ++i) {
        openers.emplace_back([&] {
            while (!go.load()) std::this_thread::yield();
            auto s = open_store(db.path);
            if (s && s->schema_version() == pws::latest_schema_version()) ++opened;
        });
    }
    go = true;
    for (std::thread& t : openers) t.join();
    BOOST_TEST(opened.load() == kOpeners);
    // Every step recorded once: no opener applied a step another had applied.
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM schema_version") ==
               static_cast<std::int64_t>(pws::schema_migrations().size()));
}
