// Which Store a --db value opens: a PostgreSQL URL or an SQLite file path.
#include "storage/store.hpp"

namespace pws {

bool is_postgres_url(std::string_view db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> open_store(const StoreOptions& options) {
    return is_postgres_url(options.path) ? open_postgres_store(options) : open_sqlite_store(options);
}

}  // namespace pws
