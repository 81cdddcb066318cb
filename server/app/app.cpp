#include "app/app.hpp"

#include <algorithm>
#include <filesystem>

#include "faults/faults.hpp"
#include "processor/test_processor.hpp"
#include "security/random.hpp"
#include "security/secret_file.hpp"

namespace pws {

namespace fs = std::filesystem;

namespace {

// The directory of this instance's local files (test-processor ledger,
// outbox, default secret): beside an SQLite file; for a PostgreSQL URL, the
// default database's directory "var" under the working directory.
fs::path local_dir(const std::string& db_path) {
    if (is_postgres_url(db_path)) return fs::path("var");
    const fs::path db(db_path);
    return db.has_parent_path() ? db.parent_path() : fs::path(".");
}

std::string db_stem(const std::string& db_path) {
    return is_postgres_url(db_path) ? std::string("paywidget") : fs::path(db_path).stem().string();
}

}  // namespace

std::string default_secret_path(const std::string& db_path) { return (local_dir(db_path) / "server-secret").string(); }

pw::Result<std::unique_ptr<App>> open_app(AppConfig config) {
    using R = pw::Result<std::unique_ptr<App>>;
    ensure_sodium();
    const fs::path dir = local_dir(config.db_path);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return R::failure("storage_error", "db", "Cannot create " + dir.string() + ": " + ec.message());
    if (config.ledger_path.empty()) config.ledger_path = (dir / (db_stem(config.db_path) + "-processor-ledger.db")).string();
    if (config.secret_path.empty()) config.secret_path = default_secret_path(config.db_path);
    if (config.outbox_dir.empty()) config.outbox_dir = (dir / "outbox").string();
    if (config.public_url.empty())
        config.public_url = "http://" + config.listen_host + ":" + std::to_string(config.listen_port);

    auto app = std::make_unique<App>();
    auto secret = load_or_create_secret(config.secret_path);
    if (!secret) return R::failure(secret.error);
    app->secret = secret.value;

    StoreOptions store_options;
    store_options.path = config.db_path;
    store_options.durability = config.durability;
    store_options.busy_timeout_ms = config.busy_timeout_ms;
    // Every thread of both handler pools (http/listener.hpp) may hold a
    // connection at once, plus the settlement worker and start-up recovery.
    // A smaller pool closes connections that the next request reopens
    // (pragmas, schema, every statement prepared again): the profile at 64
    // clients with --workers 72 showed that as a tenth of a payment's time.
    store_options.max_idle_connections = 2 * static_cast<std::size_t>(std::max(config.workers, 1)) + 4;
    // PostgreSQL: each connection is a server process, shared by every
    // instance under the cluster's max_connections; --db-pool-size.
    store_options.pool_size = config.db_pool_size;
    auto store = open_store(store_options);
    if (!store) return R::failure(store.error);
    app->store = std::move(store.value);
    app->leases = std::make_unique<LeaseKeeper>(*app->store, new_instance_id(), config.reservation_lease,
                                                [a = app.get()] { return a->now(); });

    TestProcessorOptions processor_options;
    processor_options.ledger_path = config.ledger_path;
    processor_options.settle_delay = config.settle_delay;
    processor_options.latency = config.processor_latency;
    // Test mode only: charges that time out, then land (faults/faults.hpp).
    if (config.test_mode)
        if (auto late = faults::charge_lands_late_from_environment()) processor_options.lands_late = *late;
    auto processor = TestProcessor::open(processor_options);
    if (!processor) return R::failure(processor.error);
    app->processor = std::move(processor.value);

    app->config = std::move(config);
    return R::success(std::move(app));
}

}  // namespace pws
