// App: everything a request handler needs, built once at start-up and shared
// by every worker thread. Handlers get an App& and never reach for globals.
//
// Thread safety: Store, Processor and RateLimit are safe to share; the
// rest is read-only after start-up.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/access_log.hpp"
#include "paywidget/date.hpp"
#include "processor/processor.hpp"
#include "security/keyed_hash.hpp"
#include "security/rate_limit.hpp"
#include "services/reservation_lease.hpp"
#include "storage/store.hpp"

namespace pws {

struct AppConfig {
    // An SQLite file, or a postgresql:// (postgres://) URL (storage/store.hpp).
    std::string db_path = "var/paywidget.db";
    // PostgreSQL: most connections this instance opens at once.
    std::size_t db_pool_size = kDefaultPgPoolSize;
    // "" : <db_path without .db>-processor-ledger.db (PostgreSQL:
    // var/paywidget-processor-ledger.db)
    std::string ledger_path;
    std::string secret_path;   // --secret-file; "" : default_secret_path(db_path)
    std::string listen_host = "127.0.0.1";
    int listen_port = 8080;
    std::string public_url;    // "" : http://<listen_host>:<listen_port>
    // --trusted-proxy: addresses or CIDR ranges of our own reverse proxies;
    // only their X-Forwarded-For is believed (http/client_address.hpp).
    std::vector<std::string> trusted_proxies;
    std::string static_dir;    // "" : no static files (widget, pages)
    std::string outbox_dir;    // "" : <db dir>/outbox
    int workers = 16;          // threads of each handler pool (general, processor)
    Durability durability = kDefaultDurability;
    int busy_timeout_ms = kDefaultBusyTimeoutMs;  // wait for the database write lock
    std::chrono::seconds settle_delay{5};  // bank debits: pending -> settled
    // The test processor's simulated network time per charge and refund
    // (--processor-latency-ms), for load tests of the processor pool.
    std::chrono::milliseconds processor_latency{0};
    // How long a reservation's lease runs past its owner's last renewal
    // (services/reservation_lease.hpp), and how often the settlement worker
    // resolves reservations whose lease lapsed (services/recovery.hpp).
    // Together: a charge that timed out or whose settle failed is
    // reconciled within lease + interval (40 s by default).
    std::chrono::seconds reservation_lease = kDefaultLeaseLength;
    std::chrono::seconds recovery_interval{10};
    bool test_mode = false;    // enables /api/v1/test/* (bank settlement)
    // Outgoing email (services/outbox.hpp): SMTP when smtp_url is set
    // (smtp://host:port with STARTTLS required unless loopback, or smtps://),
    // else .eml files in outbox_dir.
    std::string smtp_url;
    std::string smtp_user;      // "" : no SMTP AUTH
    std::string smtp_password;  // from the environment only, never argv
    std::string smtp_from;      // envelope sender and From address; "" : the practitioner's
};

// Per-key limits (card-testing defence, login guessing), shared by every
// instance through the store (security/rate_limit.hpp). Windows are sliding.
struct AppLimits {
    RateLimit tokens_per_link{"tokens_per_link", 20, std::chrono::minutes(10)};
    RateLimit tokens_per_address{"tokens_per_address", 60, std::chrono::minutes(10)};
    RateLimit declines_per_link{"declines_per_link", 5, std::chrono::minutes(30)};
    RateLimit declines_per_address{"declines_per_address", 15, std::chrono::minutes(30)};
    RateLimit logins_per_address{"logins_per_address", 10, std::chrono::minutes(15)};
    RateLimit logins_per_email{"logins_per_email", 5, std::chrono::minutes(15)};
    RateLimit resets_per_address{"resets_per_address", 5, std::chrono::minutes(15)};
    // The practitioner console's sign-in: the portal's numbers, own buckets
    // (a client's typos never lock out their practitioner).
    RateLimit console_logins_per_address{"console_logins_per_address", 10, std::chrono::minutes(15)};
    RateLimit console_logins_per_email{"console_logins_per_email", 5, std::chrono::minutes(15)};
    // /invitations/accept and /password-resets/complete together: token
    // guessing, and each accepted attempt costs an Argon2id hash.
    RateLimit password_sets_per_address{"password_sets_per_address", 10, std::chrono::minutes(15)};
};

struct App {
    AppConfig config;
    std::unique_ptr<Store> store;
    // This process's instance id and the leases of its reservations in
    // flight (declared after `store`, which it uses, so destroyed first).
    std::unique_ptr<LeaseKeeper> leases;
    std::unique_ptr<Processor> processor;
    ServerSecret secret;
    AppLimits limits;
    AccessLog* access_log = nullptr;

    // The wall clock in ms since the epoch, read only here: every service
    // asks app.now() (seconds) or app.now_ms() (rate limits), so one
    // assignment moves time for all of them.
    std::function<std::int64_t()> now_ms = [] {
        return static_cast<std::int64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count());
    };
    UnixTime now() const { return static_cast<UnixTime>(now_ms() / 1000); }
    pw::Date today() const { return pw::civil_from_days(now() / 86400); }

    // Absolute URL for a path on the payment host ("/pay/abc" ->
    // "http://127.0.0.1:8080/pay/abc").
    std::string url(std::string_view path) const { return config.public_url + std::string(path); }
};

// "<db dir>/server-secret": the default secret file, beside the database.
std::string default_secret_path(const std::string& db_path);

// Opens the store (migrating it), the test processor's ledger and the server
// secret; fills the config's derived paths. Errors name what failed.
pw::Result<std::unique_ptr<App>> open_app(AppConfig config);

}  // namespace pws
