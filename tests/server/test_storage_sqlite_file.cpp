// Storage, SQLite only: what the file itself promises (WAL journal mode) and
// the planner's use of a partial index that the query names (INDEXED BY).
// PostgreSQL has neither a journal mode nor INDEXED BY, so this suite runs on
// SQLite only (PW_SQLITE_ONLY_STORAGE in server_tests.cmake).
#define BOOST_TEST_MODULE storage_sqlite_file
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <string>

#include "storage/migrations.hpp"
#include "storage_fixture.hpp"

using namespace storage_test;

namespace {

// SQLite's plan for the store's query, as text.
std::string query_plan(const std::string& path) {
    sqlite3* db = nullptr;
    std::string plan;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        const char* sql =
            "EXPLAIN QUERY PLAN SELECT id FROM payments INDEXED BY payments_released_by_retry WHERE state = 'released' AND token_hash = 'a' "
            "AND idem_scope = 'b' AND idem_key = 'c' ORDER BY created_at, id LIMIT 1";
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW)
                plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3)) + std::string("\n");
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return plan;
}

}  // namespace

BOOST_AUTO_TEST_CASE(file_is_in_wal_mode) {
    TempDb db;
    auto s = open_store(db.path);
    BOOST_REQUIRE(s);
    sqlite3* raw = nullptr;
    sqlite3_open(db.path.c_str(), &raw);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, nullptr);
    BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    BOOST_TEST(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

BOOST_AUTO_TEST_CASE(schema_version_2_adds_the_partial_index_and_the_lookup_uses_it) {
    TempDb db;
    {
        auto store = open_store(db.path);
        BOOST_REQUIRE(store);
        BOOST_TEST(store->schema_version() >= 2);
    }
    bool found = false;
    for (const pws::Migration& m : pws::schema_migrations())
        if (m.version == 2) found = std::string(m.sql).find("WHERE state = 'released'") != std::string::npos;
    BOOST_TEST(found);
    BOOST_TEST(query_plan(db.path).find("payments_released_by_retry") != std::string::npos, query_plan(db.path));
}
