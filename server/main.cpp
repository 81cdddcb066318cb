// The reference payment host.
//
//   server [--db var/paywidget.db | --db postgresql://...] [--db-pool-size N] [--listen 127.0.0.1:8080] [--public-url URL]
//          [--static-dir DIR] [--workers 16] [--durability normal|full]
//          [--settle-delay-seconds 5] [--reservation-lease-seconds 30]
//          [--recovery-interval-seconds 10] [--test-mode] [--seed-demo]
//          [--smtp-url smtp://host:587] [--smtp-user U] [--smtp-from billing@example.com]
//          [--secret-file FILE]
//   server practitioner create --name N --email E [--phone P] [--db ...] [--secret-file ...]
//          (prints the practice's first admin key, pwk_...; `practice` works as well)
//   server practitioner create --practice prc_... --email E --name N [--role owner|staff] [--db ...]
//          [--secret-file ...] (a console user, by default the practice's OWNER; password from env PAYWIDGET_PRACTITIONER_PASSWORD or the
//          first line of stdin, never argv)
//   server secret rotate [--secret-file FILE | --db ...]
//
// Environment fallbacks: PAYWIDGET_DB, PAYWIDGET_LISTEN, PAYWIDGET_SECRET_FILE. The SMTP password
// comes only from PAYWIDGET_SMTP_PASSWORD (argv is visible in ps).
// Start-up order: signals first (before any thread), open the app (migrate
// the store, draw the instance id), recover reservations whose lease lapsed,
// start the lease renewal and settlement (+ periodic recovery) threads,
// register routes, bind, print "listening on http://host:port", serve.
// SIGTERM/SIGINT stop the server, join those threads and exit 0. Any number
// of instances may start and stop at any moment on one database
// (services/reservation_lease.hpp).
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include "http/router.hpp"

#include "app/app.hpp"
#include "auth/session_cookie.hpp"
#include "faults/faults.hpp"
#include "http/access_log.hpp"
#include "http/address_range.hpp"
#include "http/common_handlers.hpp"
#include "http/cross_site.hpp"
#include "http/listener.hpp"
#include "http/shutdown.hpp"
#include "routes/embed_routes.hpp"
#include "routes/routes.hpp"
#include "security/secret_file.hpp"
#include "services/practice_users.hpp"
#include "services/practices.hpp"
#include "services/recovery.hpp"
#include "services/refunds.hpp"
#include "services/seed_demo.hpp"
#include "services/settlement.hpp"
#include "services/smtp_delivery.hpp"

namespace {

// Every connection is a file descriptor: thousands of idle or slow clients
// must meet the listener's own caps (http/listener.hpp), not the default
// soft limit of 1024. Raise the soft limit to the hard one.
void raise_open_file_limit() {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur >= r.rlim_max) return;
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
}

bool parse_listen(const std::string& listen, std::string& host, int& port) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= listen.size()) return false;
    host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    int p = 0;
    for (char c : listen.substr(colon + 1)) {
        if (c < '0' || c > '9') return false;
        p = p * 10 + (c - '0');
        if (p > 65535) return false;
    }
    port = p;
    return true;
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

int create_practitioner(pws::AppConfig config, const std::string& name, const std::string& email,
                        const std::string& phone) {
    pw::Result<std::unique_ptr<pws::App>> app = pws::open_app(std::move(config));
    if (!app.ok()) {
        std::fprintf(stderr, "server: %s: %s\n", app.error.code.c_str(), app.error.message.c_str());
        return 1;
    }
    pws::Practice p;
    p.name = name;
    p.email = email;
    p.phone = phone;
    auto made = pws::create_practice(*app.value, p);
    if (!made) {
        std::fprintf(stderr, "server: cannot create the practice: %s %s\n", made.error.code.c_str(),
                     made.error.message.c_str());
        return 1;
    }
    std::printf("practice_id: %s\nadmin_key: %s\n", made.value.practice.id.c_str(), made.value.admin_key.c_str());
    std::printf("(the admin key is shown once; only its hash is stored)\n");
    return 0;
}

// The console password: never on the command line (argv is visible in ps).
std::string practitioner_password() {
    if (const char* v = std::getenv("PAYWIDGET_PRACTITIONER_PASSWORD"); v != nullptr && *v != '\0') return v;
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// `server practitioner create --practice <id>`: a console user of the
// practice, the owner unless --role staff.
int create_console_user(pws::AppConfig config, const std::string& practice_id, const std::string& name,
                        const std::string& email, const std::string& role) {
    pw::Result<std::unique_ptr<pws::App>> app = pws::open_app(std::move(config));
    if (!app.ok()) {
        std::fprintf(stderr, "server: %s: %s\n", app.error.code.c_str(), app.error.message.c_str());
        return 1;
    }
    const pws::PracticeRole r = role == "staff" ? pws::PracticeRole::staff : pws::PracticeRole::owner;
    pws::NewPracticeUser u{practice_id, email, name, r, practitioner_password()};
    auto made = pws::create_practice_user(*app.value, u);
    if (!made) {
        std::fprintf(stderr, "server: cannot create the console user: %s %s %s\n", made.error.code.c_str(),
                     made.error.field.c_str(), made.error.message.c_str());
        return 1;
    }
    std::printf("user_id: %s\nrole: %s\nsign in at %s\n", made.value.id.c_str(), role.c_str(),
                app.value->url("/console/login").c_str());
    return 0;
}

// `server secret rotate`: the new key makes every hash from now on; the old
// one stays as "previous" for lookups until the next rotation.
int rotate_secret_file(const std::string& path) {
    auto r = pws::rotate_secret(path);
    if (!r) {
        std::fprintf(stderr, "server: %s: %s\n", r.error.code.c_str(), r.error.message.c_str());
        return 1;
    }
    std::printf("rotated %s: a new current key; the old one is kept as previous for lookups.\n", path.c_str());
    if (r.value.dropped_previous)
        std::printf("The key before that was dropped: links, sessions and admin keys made with it and not used "
                    "since the last rotation no longer work.\n");
    std::printf("Restart every server process that uses this file.\n");
    return 0;
}

// The default keeps `scripts/demo` working with nothing to set up, but a copy
// of the data directory (backup, support bundle) then carries the key with
// the hashes it protects.
void warn_if_secret_beside_data(const pws::AppConfig& config) {
    // On PostgreSQL the hashes live in the database server, not in a local
    // directory a copy could carry together with the key; nothing to compare.
    if (pws::is_postgres_url(config.db_path)) return;
    if (!pws::secret_inside_data_dir(config.secret_path, config.db_path)) return;
    std::fprintf(stderr,
                 "server: WARNING: the server secret %s is inside the database's directory, so a copy of that "
                 "directory carries the key with the data it protects. Move it: stop the server, `mv` the file to "
                 "a directory outside the data directory (mode 0600, owned by the server's user), and start with "
                 "--secret-file <new path> (or PAYWIDGET_SECRET_FILE).\n",
                 config.secret_path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    // Before any thread exists, so every later thread inherits the blocked mask.
    pws::http::Listener* running = nullptr;
    std::mutex running_mu;
    pws::ShutdownSignals signals([&](int) {
        std::lock_guard<std::mutex> lock(running_mu);
        if (running) running->stop();
    });

    CLI::App cli{"paywidget reference payment host"};
    std::string db = env_or("PAYWIDGET_DB", "var/paywidget.db");
    std::string secret_file = env_or("PAYWIDGET_SECRET_FILE", "");
    std::string listen = env_or("PAYWIDGET_LISTEN", "127.0.0.1:8080");
    std::string public_url, static_dir, durability = "normal";
    std::string smtp_url, smtp_user, smtp_from;
    int workers = 16;
    int busy_timeout_ms = pws::kDefaultBusyTimeoutMs;
    int settle_delay = 5;
    bool test_mode = false, seed_demo = false;
    cli.add_option("--db", db,
                   "SQLite database file, or a PostgreSQL URL postgresql://... (env PAYWIDGET_DB)");
    int db_pool_size = static_cast<int>(pws::kDefaultPgPoolSize);
    cli.add_option("--db-pool-size", db_pool_size,
                   "PostgreSQL: most database connections this instance opens at once")
        ->check(CLI::Range(1, 1000));
    cli.add_option("--secret-file", secret_file,
                   "the server secret, best outside the data directory (env PAYWIDGET_SECRET_FILE; "
                   "default: server-secret beside the database)");
    cli.add_option("--listen", listen, "host:port to listen on (env PAYWIDGET_LISTEN)");
    cli.add_option("--public-url", public_url, "public base URL of the payment host");
    std::vector<std::string> trusted_proxies;
    cli.add_option("--trusted-proxy", trusted_proxies,
                   "address or CIDR range of a reverse proxy whose X-Forwarded-For is believed (repeatable)");
    cli.add_option("--static-dir", static_dir, "directory of static files (widget, pages)");
    cli.add_option("--workers", workers, "worker threads")->check(CLI::Range(1, 1024));
    cli.add_option("--durability", durability, "SQLite durability: normal or full")
        ->check(CLI::IsMember({"normal", "full"}));
    cli.add_option("--busy-timeout-ms", busy_timeout_ms,
                   "how long a write waits for the database lock before answering 503 storage_busy")
        ->check(CLI::Range(0, 60000));
    cli.add_option("--settle-delay-seconds", settle_delay, "bank debit settlement delay")
        ->check(CLI::Range(0, 86400 * 30));
    int processor_latency_ms = 0;
    cli.add_option("--processor-latency-ms", processor_latency_ms,
                   "simulated network time of each test-processor charge and refund")
        ->check(CLI::Range(0, 60000));
    int lease_seconds = static_cast<int>(pws::kDefaultLeaseLength.count());
    cli.add_option("--reservation-lease-seconds", lease_seconds,
                   "how long a reservation stays its instance's after the last renewal (renewed every third of it "
                   "while the processor call runs); recovery elsewhere waits this long after a crash")
        ->check(CLI::Range(1, 3600));
    int recovery_interval_seconds = 10;
    cli.add_option("--recovery-interval-seconds", recovery_interval_seconds,
                   "how often the settlement worker resolves reservations whose lease lapsed")
        ->check(CLI::Range(1, 3600));
    cli.add_flag("--test-mode", test_mode, "enable /api/v1/test/* routes");
    cli.add_flag("--seed-demo", seed_demo, "load a demo practice, clients and invoices");
    cli.add_option("--smtp-url", smtp_url, "send email by SMTP: smtp://host:port (STARTTLS required unless the host is loopback) or smtps://host:port; default: .eml files in the outbox");
    cli.add_option("--smtp-user", smtp_user, "SMTP login (password in env PAYWIDGET_SMTP_PASSWORD)");
    cli.add_option("--smtp-from", smtp_from, "sender address for outgoing email (From: \"<practice> via paywidget\", Reply-To: the practice)");

    CLI::App* prac = cli.add_subcommand("practitioner", "manage practices (also: server practice ...)");
    prac->alias("practice");
    CLI::App* create = prac->add_subcommand("create", "create a practice and print its admin key");
    std::string p_name, p_email, p_phone;
    create->add_option("--name", p_name, "practice name")->required();
    create->add_option("--email", p_email, "practice email")->required();
    create->add_option("--phone", p_phone, "practice phone");
    std::string p_practice;
    create->add_option("--practice", p_practice,
                       "an existing practice id: create its console owner instead (password from env "
                       "PAYWIDGET_PRACTITIONER_PASSWORD or stdin); --name and --email are the person's");
    std::string p_role = "owner";
    create->add_option("--role", p_role, "with --practice: the console user's role")
        ->check(CLI::IsMember({"owner", "staff"}));
    create->add_option("--db", db, "SQLite database file or PostgreSQL URL");
    create->add_option("--secret-file", secret_file, "the server secret (env PAYWIDGET_SECRET_FILE)");
    prac->require_subcommand(1);

    CLI::App* secret = cli.add_subcommand("secret", "manage the server secret");
    CLI::App* rotate = secret->add_subcommand(
        "rotate", "make a new current key; the old one stays readable as previous until the next rotation");
    rotate->add_option("--secret-file", secret_file, "the server secret (env PAYWIDGET_SECRET_FILE)");
    rotate->add_option("--db", db, "SQLite database file or PostgreSQL URL (locates the default secret file)");
    secret->require_subcommand(1);

    CLI11_PARSE(cli, argc, argv);

    pws::AppConfig config;
    config.db_path = db;
    config.db_pool_size = static_cast<std::size_t>(db_pool_size);
    config.secret_path = secret_file.empty() ? pws::default_secret_path(db) : secret_file;
    if (rotate->parsed()) return rotate_secret_file(config.secret_path);
    if (!parse_listen(listen, config.listen_host, config.listen_port)) {
        std::fprintf(stderr, "server: --listen must be host:port, got \"%s\"\n", listen.c_str());
        return 2;
    }
    config.public_url = public_url;
    for (const std::string& p : trusted_proxies)
        if (!pws::parse_address_range(p)) {
            std::fprintf(stderr, "server: --trusted-proxy must be an address or CIDR range, got \"%s\"\n", p.c_str());
            return 2;
        }
    config.trusted_proxies = trusted_proxies;
    config.static_dir = static_dir;
    config.workers = workers;
    config.busy_timeout_ms = busy_timeout_ms;
    config.durability = durability == "full" ? pws::Durability::full : pws::Durability::normal;
    config.settle_delay = std::chrono::seconds(settle_delay);
    config.test_mode = test_mode;
    config.reservation_lease = std::chrono::seconds(lease_seconds);
    config.recovery_interval = std::chrono::seconds(recovery_interval_seconds);
    config.processor_latency = std::chrono::milliseconds(processor_latency_ms);
    if (!smtp_url.empty()) {
        if (const std::string problem = pws::smtp_url_problem(smtp_url); !problem.empty()) {
            std::fprintf(stderr, "server: --smtp-url: %s\n", problem.c_str());
            return 2;
        }
    }
    config.smtp_url = smtp_url;
    config.smtp_user = smtp_user;
    config.smtp_password = env_or("PAYWIDGET_SMTP_PASSWORD", "");
    config.smtp_from = smtp_from;

    // Crash points are for the crash-safety tests only: a production server
    // ignores PWS_CRASH_AT.
    if (test_mode) pws::faults::arm_from_environment();

    if (create->parsed() && !p_practice.empty())
        return create_console_user(std::move(config), p_practice, p_name, p_email, p_role);
    if (create->parsed()) return create_practitioner(std::move(config), p_name, p_email, p_phone);

    warn_if_secret_beside_data(config);
    pw::Result<std::unique_ptr<pws::App>> opened = pws::open_app(std::move(config));
    if (!opened.ok()) {
        std::fprintf(stderr, "server: %s: %s\n", opened.error.code.c_str(), opened.error.message.c_str());
        return 1;
    }
    pws::App& app = *opened.value;

    if (seed_demo) {
        pw::Error e = pws::seed_demo(app);
        if (e) {
            std::fprintf(stderr, "server: seed failed: %s %s\n", e.code.c_str(), e.message.c_str());
            return 1;
        }
    }

    std::fprintf(stderr, "server: instance %s (reservation lease %llds, recovery every %llds)\n",
                 app.leases->instance_id().c_str(), static_cast<long long>(app.config.reservation_lease.count()),
                 static_cast<long long>(app.config.recovery_interval.count()));
    // Reservations whose owner is gone are resolved before anyone can pay;
    // those of live instances keep their lease and are left alone.
    pws::recover_lapsed_reservations(app);
    pws::reconcile_processing_payments(app);
    app.leases->start();

    pws::AccessLog access_log(
        [](const std::string& line) {
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
        },
        app.leases->instance_id());
    app.access_log = &access_log;

    pws::http::Router router;
    pws::CommonHandlerOptions common;
    common.access_log = &access_log;
    common.trusted_proxies = app.config.trusted_proxies;
    common.hsts = app.config.public_url.rfind("https://", 0) == 0;
    common.public_origin = pws::origin_of(app.config.public_url);
    common.session_cookie = pws::session_cookie_name(app.config);
    pws::install_common_handlers(router, common);

    pws::register_health_routes(router, app);
    pws::register_payer_routes(router, app);
    pws::register_admin_routes(router, app);
    pws::register_portal_routes(router, app);
    pws::register_test_routes(router, app);
    pws::register_embed_routes(router, app);
    pws::register_page_routes(router, app);
    if (!app.config.static_dir.empty() && !router.set_mount_point("/", app.config.static_dir)) {
        std::fprintf(stderr, "server: --static-dir %s is not a directory\n", app.config.static_dir.c_str());
        return 1;
    }

    raise_open_file_limit();
    pws::http::Limits limits;
    limits.max_body_bytes = pw::kMaxBodyBytes;
    limits.general_workers = static_cast<std::size_t>(app.config.workers);
    limits.processor_workers = static_cast<std::size_t>(app.config.workers);
    limits.uncapped_peers = app.config.trusted_proxies;
    pws::http::Listener server(router, limits, pws::answer_busy);

    pws::SettlementWorker settlement(app, std::chrono::seconds(1), app.config.recovery_interval);
    settlement.start();

    std::string bind_error;
    if (!server.bind(app.config.listen_host, app.config.listen_port, bind_error)) {
        std::fprintf(stderr, "server: cannot listen on %s:%d: %s\n", app.config.listen_host.c_str(),
                     app.config.listen_port, bind_error.c_str());
        settlement.stop();
        return 1;
    }
    {
        std::lock_guard<std::mutex> lock(running_mu);
        running = &server;
    }
    // A signal that came before `running` was set is not lost: stop() works
    // before run() too.
    if (signals.received() != 0) server.stop();
    std::printf("listening on http://%s:%d\n", app.config.listen_host.c_str(), server.port());
    std::fflush(stdout);
    server.run();
    {
        std::lock_guard<std::mutex> lock(running_mu);
        running = nullptr;
    }
    settlement.stop();
    app.leases->stop();
    std::fprintf(stderr, "server: stopped\n");
    return 0;
}
