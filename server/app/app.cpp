#include "app/app.hpp"

#include <filesystem>

#include "faults/faults.hpp"
#include "processor/test_processor.hpp"
#include "security/random.hpp"
#include "security/secret_file.hpp"

namespace pws {

namespace fs = std::filesystem;

pw::Result<std::unique_ptr<App>> open_app(AppConfig config) {
    using R = pw::Result<std::unique_ptr<App>>;
    ensure_sodium();
    const fs::path db(config.db_path);
    const fs::path dir = db.has_parent_path() ? db.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return R::failure("storage_error", "db", "Cannot create " + dir.string() + ": " + ec.message());
    if (config.ledger_path.empty()) config.ledger_path = (dir / (db.stem().string() + "-processor-ledger.db")).string();
    if (config.secret_path.empty()) config.secret_path = (dir / "server-secret").string();
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
    auto store = open_sqlite_store(store_options);
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
