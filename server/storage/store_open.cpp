// Which Store a --db value opens (a PostgreSQL URL or an SQLite file path),
// and the options' defaults both engines share.
#include <cstdio>

#include "storage/store_defaults.hpp"

namespace pws {

StoreOptions with_defaults(StoreOptions o) {
    if (!o.log) {
        o.log = [](std::string_view line) {
            std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
        };
    }
    if (o.max_idle_connections == 0) o.max_idle_connections = 1;
    if (o.pool_size == 0) o.pool_size = 1;
    if (o.busy_timeout_ms < 0) o.busy_timeout_ms = 0;
    return o;
}

bool is_postgres_url(std::string_view db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> open_store(const StoreOptions& options) {
    return is_postgres_url(options.path) ? open_postgres_store(options) : open_sqlite_store(options);
}

}  // namespace pws
