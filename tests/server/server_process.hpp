// Integration-test harness: runs the REAL `server` binary (PW_SERVER_BIN) as
// a child process on a free loopback port with a temporary data directory,
// waits for GET /healthz, and can kill -9 it, SIGTERM it and restart it on
// the same database. Plus a Seeder that writes a practice, clients, invoices
// and links DIRECTLY into the same database (pws::open_store,
// the same server secret file), so payer tests do not depend on the admin
// API, and small helpers to call the payer API.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http_client.hpp"
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "paywidget/mandate_text.hpp"
#include "processor/test_processor.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "security/secret_file.hpp"
#include "storage/store.hpp"
#include "pg_cluster.hpp"
#include "temp_dir.hpp"

#ifndef PW_SERVER_BIN
#error "PW_SERVER_BIN must name the server executable (tests/server/integration.cmake)"
#endif

namespace pws_test {

using json = nlohmann::json;

// The database of the server(s) whose data directory is `dir`: ""
// (paywidget.db in it) normally; with PW_STORE_BACKEND=postgres (a suite
// registered again as server.<x>_pg) a fresh schema on this process's
// throwaway PostgreSQL cluster, the same one for every ServerProcess and
// Seeder of that directory.
inline std::string backend_db(const std::string& dir) {
    const char* b = std::getenv("PW_STORE_BACKEND");
    if (b == nullptr || std::string(b) != "postgres") return "";
    static std::mutex mu;
    static std::map<std::string, std::string> dbs;
    std::lock_guard<std::mutex> lock(mu);
    std::string& db = dbs[dir];
    if (db.empty()) db = pwtest::PgCluster::instance().fresh_database();
    return db;
}

// A port that was free a moment ago: bind 127.0.0.1:0, read it, close.
inline int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        socklen_t len = sizeof a;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) port = ntohs(a.sin_port);
    }
    ::close(fd);
    return port;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class ServerProcess {
public:
    // `dir`: the data directory (database paywidget.db inside). `args` are
    // added to --db/--listen/--settle-delay-seconds 0/--test-mode.
    explicit ServerProcess(std::string dir, std::vector<std::string> args = {},
                           std::vector<std::pair<std::string, std::string>> env = {})
        : dir_(std::move(dir)), db_(backend_db(dir_)), args_(std::move(args)), env_(std::move(env)) {}
    ~ServerProcess() { kill9(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // The database: paywidget.db in `dir`, or what set_db chose.
    std::string db_path() const { return db_.empty() ? dir_ + "/paywidget.db" : db_; }
    // On PostgreSQL the server keeps its local files in var/ under its
    // working directory, which is then `dir` (see start()).
    std::string ledger_path() const { return ledger_path_in(dir_, db_); }
    static std::string ledger_path_in(const std::string& dir, const std::string& db) {
        return db.empty() ? dir + "/paywidget-processor-ledger.db" : dir + "/var/paywidget-processor-ledger.db";
    }
    // Another database, e.g. a PostgreSQL URL (tests/fixtures/pg_cluster.hpp).
    void set_db(std::string db) { db_ = std::move(db); }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string stdout_text() const { return read_file(log_base() + ".out"); }
    std::string stderr_text() const { return read_file(log_base() + ".err"); }
    void set_env(std::vector<std::pair<std::string, std::string>> env) { env_ = std::move(env); }
    // Off: start without --test-mode (production password cost, no test
    // routes, no fault hooks).
    void set_test_mode(bool on) { test_mode_ = on; }
    // Bank debits settle this long after submission (default 0: within the
    // settlement worker's next second); POST /api/v1/test/settle forces it.
    void set_settle_delay_seconds(int seconds) { settle_delay_seconds_ = seconds; }

    // Spawns the server and waits (up to 15 s) until /healthz answers 200.
    bool start() {
        if (pid_ > 0) return true;
        ++generation_;
        port_ = free_port();
        std::vector<std::string> argv = {PW_SERVER_BIN,
                                         "--db",
                                         db_path(),
                                         "--listen",
                                         "127.0.0.1:" + std::to_string(port_),
                                         "--settle-delay-seconds",
                                         std::to_string(settle_delay_seconds_),
                                         "--workers",
                                         "16"};
        if (test_mode_) argv.push_back("--test-mode");
        // Elsewhere than a file in `dir`, the default secret would not be
        // the Seeder's: name it (unless the test does).
        if (!db_.empty() && std::find(args_.begin(), args_.end(), "--secret-file") == args_.end()) {
            argv.push_back("--secret-file");
            argv.push_back(dir_ + "/server-secret");
        }
        for (const std::string& a : args_) argv.push_back(a);
        const std::string out = log_base() + ".out", err = log_base() + ".err";
        const pid_t pid = ::fork();
        if (pid < 0) return false;
        if (pid == 0) {
            const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (o >= 0) ::dup2(o, 1);
            if (e >= 0) ::dup2(e, 2);
            for (const auto& kv : env_) ::setenv(kv.first.c_str(), kv.second.c_str(), 1);
            // A database elsewhere: the local files (ledger, outbox) go to
            // var/ under the working directory, so run inside `dir`.
            if (!db_.empty() && ::chdir(dir_.c_str()) != 0) ::_exit(126);
            std::vector<char*> cargv;
            for (std::string& a : argv) cargv.push_back(a.data());
            cargv.push_back(nullptr);
            ::execv(cargv[0], cargv.data());
            ::_exit(127);
        }
        pid_ = pid;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                last_status_ = status;
                return false;
            }
            pwhttp::Client c("127.0.0.1", port_);
            c.set_connection_timeout(0, 200000);
            if (auto r = c.Get("/healthz"); r && r->status == 200) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kill9();
        return false;
    }

    // kill -9 and reap.
    void kill9() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &last_status_, 0);
        pid_ = -1;
    }

    // SIGTERM; returns the exit status (-1 when it had to be killed after
    // `timeout`).
    int terminate(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        if (pid_ <= 0) return -1;
        ::kill(pid_, SIGTERM);
        return wait_exit(timeout);
    }

    // Waits for the process to end by itself (e.g. a crash point); the exit
    // code, or -1 (killed after the timeout / by a signal).
    int wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        if (pid_ <= 0) return -1;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                last_status_ = status;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        kill9();
        return -1;
    }

    bool restart() {
        kill9();
        return start();
    }

    std::unique_ptr<pwhttp::Client> client() const {
        auto c = std::make_unique<pwhttp::Client>("127.0.0.1", port_);
        c->set_connection_timeout(2, 0);
        c->set_read_timeout(20, 0);
        c->set_write_timeout(20, 0);
        return c;
    }

private:
    std::string log_base() const { return dir_ + "/server-" + std::to_string(port_) + "-" + std::to_string(generation_); }

    std::string dir_;
    std::string db_;
    std::vector<std::string> args_;
    std::vector<std::pair<std::string, std::string>> env_;
    bool test_mode_ = true;
    int settle_delay_seconds_ = 0;
    int port_ = 0;
    pid_t pid_ = -1;
    int generation_ = 0;
    int last_status_ = 0;
};

// ---------------------------------------------------------------- seeding

struct InvoiceSpec {
    std::int64_t total = 20000;  // one line of this amount
    std::string currency = "USD";
    bool partial = true;
    bool percent_minimum = false;
    std::int64_t minimum = 2500;  // fixed minor units, or basis points when percent
    bool card = true;
    std::vector<pw::BankScheme> bank_debit;

    // Builders: InvoiceSpec{}.with_total(20400).percent_min(2500)
    InvoiceSpec& with_total(std::int64_t t) { total = t; return *this; }
    InvoiceSpec& percent_min(std::int64_t bps) { percent_minimum = true; minimum = bps; return *this; }
    InvoiceSpec& fixed_min(std::int64_t amount) { percent_minimum = false; minimum = amount; return *this; }
    InvoiceSpec& no_partial() { partial = false; return *this; }
    InvoiceSpec& bank(pw::BankScheme s) { bank_debit.push_back(s); return *this; }
    InvoiceSpec& bank_only(pw::BankScheme s) { card = false; return bank(s); }
};

struct SeededLink {
    std::string id;
    std::string token;  // raw: what the email carries
};

// Writes records straight into the server's database (same file, same
// secret), the way the admin API would. `secret_path`: the server's
// --secret-file ("" : the default, beside the database). `db`: another
// database than dir/paywidget.db (ServerProcess::set_db).
class Seeder {
public:
    explicit Seeder(const std::string& dir, const std::string& secret_path = "", const std::string& db = "")
        : dir_(dir) {
        pws::ensure_sodium();
        auto s = pws::load_or_create_secret(secret_path.empty() ? dir + "/server-secret" : secret_path);
        ok_ = s.ok();
        secret_ = s.value;
        pws::StoreOptions o;
        const std::string chosen = db.empty() ? backend_db(dir) : db;
        o.path = chosen.empty() ? dir + "/paywidget.db" : chosen;
        auto st = pws::open_store(o);
        ok_ = ok_ && st.ok();
        store_ = std::move(st.value);
    }
    bool ok() const { return ok_; }
    pws::Store& store() { return *store_; }
    const pws::ServerSecret& secret() const { return secret_; }

    static pws::UnixTime now() {
        return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    std::string practice(const std::string& name = "Dr. Ada Lovelace") {
        pws::Practice p;
        p.id = pws::random_id("prc_");
        p.name = name;
        p.email = "ada@practice.example";
        p.phone = "+1 555 0100";
        p.settings.allow_card_removal = false;
        p.created_at = now();
        write([&](pws::WriteTxn& t) { return t.insert_practice(p); });
        return p.id;
    }

    std::string client(const std::string& practice_id, bool portal = false) {
        pws::Client c;
        c.id = pws::random_id("cli_");
        c.practice_id = practice_id;
        c.name = "Grace Hopper";
        c.email = c.id + "@example.com";
        if (portal) c.password_hash = "$argon2id$v=19$m=8,t=1,p=1$notarealhash";
        c.created_at = now();
        write([&](pws::WriteTxn& t) { return t.insert_client(c); });
        return c.id;
    }

    std::string invoice(const std::string& practice_id, const std::string& client_id, const InvoiceSpec& spec = {}) {
        pws::InvoiceRecord r;
        r.id = pws::random_id("inv_");
        r.practice_id = practice_id;
        r.client_id = client_id;
        r.created_at = now();
        pw::Invoice& d = r.definition;
        d.id = r.id;
        d.number = "INV-" + r.id.substr(4, 10);
        d.currency = spec.currency;
        d.issue_date = pw::Date{2025, 1, 10};
        d.due_date = pw::Date{2025, 2, 10};
        d.practitioner = pw::Contact{"Dr. Ada Lovelace", "ada@practice.example", "+1 555 0100"};
        d.client = pw::Contact{"Grace Hopper", "grace@example.com", ""};
        d.items = {pw::LineItem{"Initial consultation", 1, spec.total, 0}};
        d.partial.enabled = spec.partial;
        d.partial.minimum_kind = spec.percent_minimum ? pw::MinimumKind::percent : pw::MinimumKind::fixed;
        if (spec.percent_minimum) d.partial.minimum_bps = spec.minimum;
        else d.partial.minimum_amount = spec.minimum;
        d.partial.max_payments = 2;
        d.accepted.card = spec.card;
        d.accepted.bank_debit = spec.bank_debit;
        write([&](pws::WriteTxn& t) { return t.insert_invoice(r); });
        return r.id;
    }

    SeededLink link(const std::string& practice_id, const std::string& invoice_id, pws::UnixTime expires_in = 86400,
                    bool revoked = false) {
        SeededLink out;
        out.token = pws::random_token();
        pws::Link l;
        l.id = pws::random_id("lnk_");
        l.invoice_id = invoice_id;
        l.practice_id = practice_id;
        l.token_hash = pws::hash_token(secret_, pws::KeyUse::link_token, out.token);
        l.created_at = now() - 10;
        l.expires_at = now() + expires_in;
        if (revoked) l.revoked_at = now() - 1;
        write([&](pws::WriteTxn& t) { return t.insert_link(l); });
        out.id = l.id;
        return out;
    }

    // A card in the client's wallet (for "never in a link view").
    std::string saved_card(const std::string& practice_id, const std::string& client_id) {
        pws::SavedMethodRecord m;
        m.id = pws::random_id("pm_");
        m.practice_id = practice_id;
        m.client_id = client_id;
        m.processor_ref = "pm_test_seeded";
        m.brand = "mastercard";
        m.last4 = "4444";
        m.exp_month = 12;
        m.exp_year = 2030;
        m.fingerprint = pws::random_token();
        m.created_at = now();
        std::string id;
        write([&](pws::WriteTxn& t) -> pw::Error {
            auto r = t.save_method(m);
            if (!r.ok()) return r.error;
            id = r.value.id;
            return {};
        });
        return id;
    }

    // A vault token for the link, seeded straight into the store (the token
    // route's per-address limit would stop a few hundred payments from one
    // address). `reference` is a method the test processor's ledger knows
    // (ledger_card_reference). The raw token, "" on failure.
    std::string card_token(const std::string& practice_id, const std::string& link_id, const std::string& reference) {
        const std::string raw = pws::random_token();
        pws::VaultToken v;
        v.token_hash = pws::hash_token(secret_, pws::KeyUse::payment_token, raw);
        v.practice_id = practice_id;
        v.link_id = link_id;
        v.kind = pw::MethodType::card;
        v.processor_ref = reference;
        v.brand = "visa";
        v.last4 = "4242";
        v.exp_month = 12;
        v.exp_year = 2034;
        v.fingerprint = pws::random_token();
        v.created_at = now();
        v.expires_at = now() + 3600;
        return write([&](pws::WriteTxn& t) { return t.insert_token(v); }) ? raw : std::string();
    }

    std::vector<pws::PaymentRecord> payments(const std::string& invoice_id) {
        std::vector<pws::PaymentRecord> out;
        store_->read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            auto v = t.invoice_view(invoice_id);
            if (v.ok()) out = v.value.payments;
            return v.error;
        });
        return out;
    }

    pw::Invoice invoice_now(const std::string& invoice_id) {
        pw::Invoice out;
        store_->read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            auto v = t.invoice_view(invoice_id);
            if (v.ok()) out = v.value.invoice;
            return v.error;
        });
        return out;
    }

    pw::Error last_error() const { return last_; }

private:
    // Every seeding write goes through here, so last_error() and ok() report
    // the first one that failed. True when this one succeeded.
    bool write(const std::function<pw::Error(pws::WriteTxn&)>& fn) {
        pw::Error e = store_->write_transaction(fn);
        if (e) {
            last_ = e;
            ok_ = false;
        }
        return !e;
    }
    std::string dir_;
    bool ok_ = false;
    pws::ServerSecret secret_;
    std::unique_ptr<pws::Store> store_;
    pw::Error last_;
};

// The test processor's reference for 4242 4242 4242 4242 in the ledger the
// servers of `dir` use (var/ on PostgreSQL), for Seeder::card_token; "" on
// failure.
inline std::string ledger_card_reference(const std::string& dir) {
    pws::TestProcessorOptions o;
    o.ledger_path = ServerProcess::ledger_path_in(dir, backend_db(dir));
    std::filesystem::create_directories(std::filesystem::path(o.ledger_path).parent_path());
    auto p = pws::TestProcessor::open(o);
    if (!p.ok()) return "";
    pws::CardDetails card{"4242424242424242", 12, 2034, "123", "Grace Hopper", "94107"};
    auto t = p.value->tokenize_card(card);
    return t.ok() ? t.value.reference : "";
}

// Waits (polling the store) until the invoice's only payment is in `state`;
// what recovery in a running server does within its lease + interval.
inline bool wait_for_payment_state(Seeder& seed, const std::string& invoice_id, pws::PaymentState state,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto pays = seed.payments(invoice_id);
        if (pays.size() == 1u && pays[0].state == state) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

// Server flags for tests that wait for recovery: a lease of `lease_seconds`
// and a recovery round every second.
inline std::vector<std::string> short_lease_args(int lease_seconds = 1) {
    return {"--reservation-lease-seconds", std::to_string(lease_seconds), "--recovery-interval-seconds", "1"};
}

// Rows in the test processor's ledger `charges` table (each a charge key
// that reached the processor).
inline int ledger_charge_count(const std::string& ledger_path, const std::string& where = "") {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(ledger_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 5000);
    const std::string sql = "SELECT COUNT(*) FROM charges" + (where.empty() ? std::string() : " WHERE " + where);
    sqlite3_stmt* st = nullptr;
    int n = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

// Every charge in the test processor's ledger: its key and status
// ("succeeded", "declined", ...). Empty when the ledger cannot be read.
struct LedgerCharge {
    std::string key;
    std::string status;
};
inline std::vector<LedgerCharge> ledger_charges(const std::string& ledger_path) {
    std::vector<LedgerCharge> out;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(ledger_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return out;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT key, status FROM charges ORDER BY key", -1, &st, nullptr) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                           reinterpret_cast<const char*>(sqlite3_column_text(st, 1))});
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

// ---------------------------------------------------------------- API calls

struct Reply {
    int status = 0;  // 0: no response
    json body;
    pwhttp::Headers headers;
    std::string error_code() const {
        if (body.is_object() && body.contains("error") && body["error"].is_object() &&
            body["error"].contains("code") && body["error"]["code"].is_string())
            return body["error"]["code"].get<std::string>();
        return "";
    }
    std::string error_field() const {
        if (body.is_object() && body.contains("error") && body["error"].is_object() &&
            body["error"].contains("field") && body["error"]["field"].is_string())
            return body["error"]["field"].get<std::string>();
        return "";
    }
};

inline Reply to_reply(const pwhttp::Result& r) {
    Reply out;
    if (!r) {
        out.body = json{{"transport_error", pwhttp::to_string(r.error())}};
        return out;
    }
    out.status = r->status;
    out.headers = r->headers;
    out.body = json::parse(r->body, nullptr, false);
    return out;
}

inline pwhttp::Headers link_auth(const std::string& token) { return {{"Authorization", "Link " + token}}; }

inline Reply get_link(pwhttp::Client& c, const std::string& token) { return to_reply(c.Get(("/api/v1/links/" + token).c_str())); }

inline json card_body(const std::string& number, const std::string& exp = "12/34", const std::string& cvc = "123") {
    return json{{"type", "card"}, {"number", number}, {"exp", exp}, {"cvc", cvc}, {"name", "Grace Hopper"},
                {"postal_code", "94107"}};
}

inline json ach_body(const std::string& account = "000123456789") {
    return json{{"type", "bank_debit"},
                {"scheme", "ach"},
                {"account_holder", "Grace Hopper"},
                {"routing_number", "110000000"},
                {"account_number", account},
                {"account_type", "checking"},
                {"mandate", {{"accepted", true}, {"text_version", pw::mandate_text(pw::BankScheme::ach, "en", "").version}}}};
}

inline Reply post_token(pwhttp::Client& c, const std::string& link_token, const json& body) {
    return to_reply(c.Post("/api/v1/tokens", link_auth(link_token), body.dump(), "application/json"));
}

// Tokenizes a card for the link; "" when it failed.
inline std::string card_token(pwhttp::Client& c, const std::string& link_token,
                              const std::string& number = "4242424242424242") {
    Reply r = post_token(c, link_token, card_body(number));
    if (r.status != 201 || !r.body.contains("token")) return "";
    return r.body["token"].get<std::string>();
}

inline Reply post_payment(pwhttp::Client& c, const std::string& link_token, const std::string& invoice_id,
                          const json& body, const std::string& idem_key) {
    pwhttp::Headers h = link_auth(link_token);
    if (!idem_key.empty()) h.emplace("Idempotency-Key", idem_key);
    return to_reply(c.Post(("/api/v1/invoices/" + invoice_id + "/payments").c_str(), h, body.dump(), "application/json"));
}

inline json pay_body(std::int64_t amount, const std::string& token, const std::string& currency = "USD") {
    return json{{"amount", amount}, {"currency", currency}, {"token", token}};
}

inline std::string new_key() { return "k-" + pws::random_token(16); }

}  // namespace pws_test
