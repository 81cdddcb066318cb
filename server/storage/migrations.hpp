// Versioned schema migrations (private to server/storage/).
//
// The schema_version table records every step applied. At start-up every
// step newer than the database's version runs, in order, inside ONE write
// transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory transaction
// lock), so several processes starting together migrate once and a failing
// step leaves the database untouched. SQLite and PostgreSQL have their own
// lists of steps (the DDL differs) with the SAME version numbers, so
// schema_version() means the same schema on both. A file whose
// version is newer than the code knows is refused (schema_too_new): an old
// binary must not write into a schema it does not understand.
#pragma once

#include <span>
#include <string_view>

#include "paywidget/result.hpp"
#include "storage/sql_session.hpp"
#include "storage/sqlite_db.hpp"

namespace pws {

struct Migration {
    int version;               // 1, 2, 3... strictly increasing
    std::string_view summary;  // what the step does, stored with it
    const char* sql;           // one or more statements
};

// The server's steps, oldest first. Append; never edit a released step.
std::span<const Migration> schema_migrations();
int latest_schema_version();
// The same versions for PostgreSQL (pg_migrations.cpp).
std::span<const Migration> postgres_schema_migrations();

// Applies `steps` to `conn` (see above) and returns the resulting version.
// Errors: schema_too_new, storage_busy, storage_error.
pw::Result<int> apply_migrations(db::Session& s, std::span<const Migration> steps, std::int64_t now);
// The same on a bare SQLite connection.
pw::Result<int> apply_migrations(sql::Conn& conn, std::span<const Migration> steps,
                                 std::int64_t now);

}  // namespace pws
