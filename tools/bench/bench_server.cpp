// bench_server: throughput and latency of the reference server's payment
// endpoint, for scripts/bench (printed as Markdown tables).
//
//   bench_server --server build/native/server [--clients 1,16,64]
//                [--payments 300,1000,1000] [--seconds 10] [--workers 16]
//                [--durability NORMAL|FULL] [--processor-latency-ms 0]
//                [--lookup-clients 64] [--idle-connections 5000]
//                [--table-only] [--keep-dir]
//                [--db postgresql://...] [--instances 1] [--rate 0]
// --db: a PostgreSQL database to use instead of a fresh SQLite file (it
// must be empty: scripts/bench makes a throwaway cluster); --instances: how
// many server processes share it, each client bound to one of them in turn.
// --payments caps each level's count (one number per level), --seconds its
// time. Exit 0, or 1 when setup failed or the store check found a payment
// the responses did not report (or the reverse), 2 on bad arguments.
//
// What it does, and why this way:
//  1. Seeds a fresh temporary database THROUGH THE STORE (as
//     tests/server/server_process.hpp's Seeder does) before the server
//     starts: one practice, one client without a portal account, and one
//     invoice per payment, each with its own link. One invoice per payment
//     keeps every request a real full payment (reserve, charge, settle),
//     never a 409 on an already paid invoice.
//  2. Starts the REAL `server` binary on a free 127.0.0.1 port with that
//     database, --test-mode and --workers (16 by default, the server's own:
//     on Boost.Beast a keep-alive connection holds no thread, and more
//     threads than that only contend on 2 cores).
//  3. Setup, not timed as payments: one card token per invoice through
//     POST /api/v1/tokens (test card 4242 4242 4242 4242), reported as its
//     own table. The server limits tokenization to 20 per link and 60 per
//     client address in 10 minutes (card-testing defence). One link per
//     invoice meets the first; for the second, each batch of
//     kTokensPerAddress tokens comes from its own loopback source address
//     (127.0.x.y, bound before connect): the server sees many payers, as
//     it would in production. The destination is always 127.0.0.1.
//  4. For each level of concurrency: that many threads, each with ONE
//     pwhttp::Client (keep-alive), pay invoices from a shared counter until
//     the level's invoices are used up or its time is over. Every response
//     must be 200 with payment.status "succeeded" and a zero balance;
//     anything else counts as an error.
//  5. Stops the server (SIGTERM), reopens the store and checks each
//     attempted invoice has exactly one succeeded payment of its total
//     exactly when the bench counted it paid.
//  6. Optional, on the same server after the payments: --lookup-clients N
//     clients read GET /api/v1/links/{token} for 5 s (lookups/s, p50/p99);
//     --idle-connections N opens N keep-alive connections, each makes one
//     request and then stays silent, and reports the server's resident
//     memory (VmRSS) before and while they are open.
// --rate R offers R payments per second at every level (an open loop, the
// way independent payers arrive) instead of each client paying again as
// soon as it is answered (a closed loop): with C closed-loop clients,
// payments/s x mean latency = C, so 64 clients at 1,000/s must average
// 64 ms whatever the server does; at an offered rate the latency says how
// long a payer waits when that many pay each second (see run_level).
// --processor-latency-ms gives the test processor a simulated network time
// per charge (the 512-client row); --table-only prints the payment table
// alone (for a second run in scripts/bench).
// Every loop is bounded (a count and a deadline); nothing but 127.0.0.1 is
// contacted (sources 127.0.0.1 and 127.0.x.y, all loopback).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include "http_client.hpp"
#include <nlohmann/json.hpp>

#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "security/secret_file.hpp"
#include "storage/store.hpp"

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kInvoiceTotal = 20000;  // 200.00 USD, paid in full
constexpr std::size_t kTokensPerAddress = 50;          // below the server's 60 per address
constexpr int kTokenizeClients = 16;
constexpr int kSeedBatch = 500;                // invoices + links per write transaction

pws::UnixTime unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// ------------------------------------------------------------ seeding

struct SeededInvoice {
    std::string id;
    std::string link_token;  // raw, as the email would carry it
    std::string card_token;  // filled by the tokenization phase
};

struct Seed {
    std::string practice_id;
    std::vector<SeededInvoice> invoices;
};

// Writes the practice, client, invoices and links straight into the
// database the server will open (same file, same secret file).
// The database of a run: the --db URL, or a fresh SQLite file in `dir`.
std::string database_of(const std::string& dir, const std::string& db) {
    return db.empty() ? dir + "/paywidget.db" : db;
}

bool seed(const std::string& dir, const std::string& db, int n_invoices, Seed& out) {
    if (!pws::ensure_sodium()) return false;
    pw::Result<pws::ServerSecret> secret = pws::load_or_create_secret(dir + "/server-secret");
    if (!secret.ok()) {
        std::fprintf(stderr, "bench_server: secret: %s\n", secret.error.message.c_str());
        return false;
    }
    pws::StoreOptions o;
    o.path = database_of(dir, db);
    pw::Result<std::unique_ptr<pws::Store>> store = pws::open_store(o);
    if (!store.ok()) {
        std::fprintf(stderr, "bench_server: store: %s %s\n", store.error.code.c_str(),
                     store.error.message.c_str());
        return false;
    }
    const pws::UnixTime now = unix_now();

    pws::Practice p;
    p.id = pws::random_id("prc_");
    p.name = "Dr. Ada Lovelace";
    p.email = "ada@practice.example";
    p.phone = "+1 555 0100";
    p.created_at = now;
    pws::Client c;
    c.id = pws::random_id("cli_");
    c.practice_id = p.id;
    c.name = "Grace Hopper";
    c.email = "grace@example.com";
    c.created_at = now;
    pw::Error e = store.value->write_transaction([&](pws::WriteTxn& t) -> pw::Error {
        if (pw::Error pe = t.insert_practice(p)) return pe;
        return t.insert_client(c);
    });
    if (e) {
        std::fprintf(stderr, "bench_server: seeding practice: %s %s\n", e.code.c_str(), e.message.c_str());
        return false;
    }
    out.practice_id = p.id;

    out.invoices.resize(static_cast<std::size_t>(n_invoices));
    for (int start = 0; start < n_invoices; start += kSeedBatch) {
        const int end = std::min(n_invoices, start + kSeedBatch);
        e = store.value->write_transaction([&](pws::WriteTxn& t) -> pw::Error {
            for (int i = start; i < end; ++i) {
                pws::InvoiceRecord r;
                r.id = pws::random_id("inv_");
                r.practice_id = p.id;
                r.client_id = c.id;
                r.created_at = now;
                pw::Invoice& d = r.definition;
                d.id = r.id;
                d.number = "BENCH-" + std::to_string(i + 1);
                d.currency = "USD";
                d.issue_date = pw::Date{2025, 1, 10};
                d.due_date = pw::Date{2025, 2, 10};
                d.practitioner = p.contact();
                d.client = pw::Contact{c.name, c.email, ""};
                d.items = {pw::LineItem{"Initial consultation", 1, kInvoiceTotal, 0}};
                d.partial.enabled = false;  // every payment is the full balance
                d.accepted.card = true;
                if (pw::Error ie = t.insert_invoice(r)) return ie;

                SeededInvoice& s = out.invoices[static_cast<std::size_t>(i)];
                s.id = r.id;
                s.link_token = pws::random_token();
                pws::Link l;
                l.id = pws::random_id("lnk_");
                l.invoice_id = r.id;
                l.practice_id = p.id;
                l.token_hash = pws::hash_token(secret.value, pws::KeyUse::link_token, s.link_token);
                l.created_at = now - 10;
                l.expires_at = now + 86400;
                if (pw::Error le = t.insert_link(l)) return le;
            }
            return {};
        });
        if (e) {
            std::fprintf(stderr, "bench_server: seeding invoices: %s %s\n", e.code.c_str(), e.message.c_str());
            return false;
        }
    }
    return true;
}

// After the run: per attempted invoice, the succeeded payments the store
// holds must match what the bench saw (1 and the full total when the bench
// counted it paid, 0 otherwise). Returns the number of mismatches, -1 on a
// storage error.
int verify_store(const std::string& dir, const std::string& db, const std::vector<SeededInvoice>& invoices,
                 const std::vector<char>& attempted, const std::vector<char>& paid) {
    pws::StoreOptions o;
    o.path = database_of(dir, db);
    pw::Result<std::unique_ptr<pws::Store>> store = pws::open_store(o);
    if (!store.ok()) return -1;
    int mismatches = 0;
    pw::Error e = store.value->read_transaction([&](pws::ReadTxn& t) -> pw::Error {
        for (std::size_t i = 0; i < invoices.size(); ++i) {
            if (!attempted[i]) continue;
            pw::Result<pws::InvoiceView> v = t.invoice_view(invoices[i].id);
            if (!v.ok()) return v.error;
            int succeeded = 0;
            std::int64_t amount = 0;
            for (const pws::PaymentRecord& pr : v.value.payments)
                if (pr.state == pws::PaymentState::succeeded) {
                    ++succeeded;
                    amount += pr.amount;
                }
            const bool ok = paid[i] ? (succeeded == 1 && amount == kInvoiceTotal) : succeeded == 0;
            if (!ok) ++mismatches;
        }
        return {};
    });
    return e ? -1 : mismatches;
}

// ------------------------------------------------------------ the server

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        socklen_t len = sizeof a;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) port = ntohs(a.sin_port);
    }
    ::close(fd);
    return port;
}

// The server as a child process; killed in the destructor if still running.
class ServerProcess {
public:
    ~ServerProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }

    // Instance `index` of the run: every instance uses the run's database
    // and secret file and runs in `dir`, where a PostgreSQL instance keeps
    // its local files (var/: the test processor's ledger, one for all).
    bool start(const std::string& binary, const std::string& dir, const std::string& db, int index, int workers,
               const std::string& durability, int latency_ms) {
        port_ = free_port();
        if (port_ == 0) return false;
        std::vector<std::string> argv = {binary,
                                         "--db",
                                         database_of(dir, db),
                                         "--secret-file",
                                         dir + "/server-secret",
                                         "--listen",
                                         "127.0.0.1:" + std::to_string(port_),
                                         "--test-mode",
                                         "--settle-delay-seconds",
                                         "0",
                                         "--workers",
                                         std::to_string(workers),
                                         "--durability",
                                         durability,
                                         "--processor-latency-ms",
                                         std::to_string(latency_ms)};
        const std::string name = index == 0 ? "server" : "server-" + std::to_string(index);
        const std::string out = dir + "/" + name + ".out", err = dir + "/" + name + ".err";
        const pid_t pid = ::fork();
        if (pid < 0) return false;
        if (pid == 0) {
            // Never outlive the bench, even when it is killed.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (o >= 0) ::dup2(o, 1);
            if (e >= 0) ::dup2(e, 2);
            if (::chdir(dir.c_str()) != 0) ::_exit(126);
            std::vector<char*> cargv;
            for (std::string& a : argv) cargv.push_back(a.data());
            cargv.push_back(nullptr);
            ::execv(cargv[0], cargv.data());
            ::_exit(127);
        }
        pid_ = pid;
        const auto deadline = Clock::now() + std::chrono::seconds(15);
        while (Clock::now() < deadline) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                std::fprintf(stderr, "bench_server: the server exited at start-up (see %s)\n", err.c_str());
                return false;
            }
            pwhttp::Client c("127.0.0.1", port_);
            c.set_connection_timeout(0, 200000);
            if (auto r = c.Get("/healthz"); r && r->status == 200) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        std::fprintf(stderr, "bench_server: the server did not answer /healthz within 15 s\n");
        return false;
    }

    // SIGTERM, then SIGKILL after 10 s. True when it exited 0 by itself.
    bool stop() {
        if (pid_ <= 0) return false;
        ::kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        while (Clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) && WEXITSTATUS(status) == 0;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
        return false;
    }

    int port() const { return port_; }
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

// ------------------------------------------------------------ load

// A keep-alive client for 127.0.0.1:port; `source` ("" : any) is the local
// loopback address the connection comes from.
std::unique_ptr<pwhttp::Client> make_client(int port, const std::string& source = "") {
    auto c = std::make_unique<pwhttp::Client>("127.0.0.1", port);
    c->set_keep_alive(true);
    c->set_connection_timeout(2, 0);
    c->set_read_timeout(20, 0);
    c->set_write_timeout(20, 0);
    c->set_local_address(source);
    return c;
}

// The k-th loopback source address: 127.0.1.1, 127.0.1.2, ... (never 127.0.0.x).
std::string source_address(int k) {
    return "127.0." + std::to_string(1 + k / 250) + "." + std::to_string(1 + k % 250);
}

const json* member(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

std::string string_member(const json& j, const char* key) {
    const json* m = member(j, key);
    return (m != nullptr && m->is_string()) ? m->get<std::string>() : std::string();
}

// A short description of an unexpected reply, for the first few errors.
std::string describe(const pwhttp::Result& r) {
    if (!r) return "transport: " + pwhttp::to_string(r.error());
    std::string out = "HTTP " + std::to_string(r->status);
    const json body = json::parse(r->body, nullptr, false);
    if (const json* e = member(body, "error")) out += " " + string_member(*e, "code");
    else if (const json* p = member(body, "payment")) out += " status " + string_member(*p, "status");
    return out;
}

struct LevelResult {
    int clients = 0;
    int ok = 0;
    int errors = 0;
    double seconds = 0;
    std::vector<double> latencies_ms;  // of the successful requests
    // (when it was sent or due, in ms from the level's start; latency in
    // ms) of every successful request, in no order: for --latency-log
    std::vector<std::pair<double, double>> timeline;
    double server_cpu_ms = 0;           // user + system time of every server process during the level
};

// What a process has read and written so far, from /proc/<pid>/io: read
// and write system calls (read, pread, recv..., write, pwrite, send...:
// syscr, syscw) and the bytes those writes carried (wchar: files and
// sockets alike, so the WAL's frames and the answers).
struct IoCounts {
    double reads = 0, writes = 0, written_bytes = 0;
};
IoCounts io_counts(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/io");
    std::string key;
    double value = 0;
    IoCounts c;
    while (in >> key >> value) {
        if (key == "syscr:") c.reads = value;
        if (key == "syscw:") c.writes = value;
        if (key == "wchar:") c.written_bytes = value;
    }
    return c;
}

// CPU time (user + system, all threads) a process has used so far, in ms;
// 0 when unknown. /proc/<pid>/stat fields 14 and 15, in clock ticks.
double cpu_ms(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t close = text.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) return 0;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i)
        if (i >= 14) ticks += std::strtod(field.c_str(), nullptr);
    return ticks * 1000.0 / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Collects the first few error descriptions (shared by worker threads).
class ErrorLog {
public:
    void add(const std::string& what) {
        std::lock_guard<std::mutex> lock(mu_);
        ++counts_[what];
    }
    void print(const char* phase) const {
        std::lock_guard<std::mutex> lock(mu_);
        for (const auto& [what, n] : counts_) std::fprintf(stderr, "bench_server: %s: %d x %s\n", phase, n, what.c_str());
    }

private:
    mutable std::mutex mu_;
    std::map<std::string, int> counts_;
};

// Runs `clients` threads over invoices [begin, end): each thread takes
// `chunk` consecutive invoices at a time, opens a client for the chunk with
// `make(first index)` (or keeps its client when `make` says so), and calls
// `request(client, index) -> ok?` for each. No new request after `limit`.
//
// `interval` 0 is a closed loop: each client sends its next request as soon
// as the last one is answered, so throughput x latency = clients (Little's
// law) and the latency a level reports is set by its client count. An
// interval > 0 is an open loop (with chunk 1): request k is DUE at
// t0 + k x interval, whichever client is free sends it then, and its
// latency counts from when it was due, not from when it was sent, so time
// spent waiting for a free client when the server falls behind is counted
// too (no "coordinated omission").
template <typename MakeClient, typename Request>
LevelResult run_level(int clients, std::size_t begin, std::size_t end, std::size_t chunk, Clock::duration limit,
                      MakeClient make, Request request, Clock::duration interval = Clock::duration::zero()) {
    std::atomic<std::size_t> next{begin};
    std::vector<LevelResult> parts(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    const auto t0 = Clock::now();
    const auto deadline = t0 + limit;
    for (int w = 0; w < clients; ++w) {
        threads.emplace_back([&, w] {
            LevelResult& mine = parts[static_cast<std::size_t>(w)];
            std::unique_ptr<pwhttp::Client> cli;
            bool stop = false;
            while (!stop) {
                const std::size_t first = next.fetch_add(chunk);
                if (first >= end) break;
                if (cli == nullptr || !make.keep) cli = make(first);
                for (std::size_t i = first; i < std::min(end, first + chunk); ++i) {
                    if (Clock::now() >= deadline) {
                        stop = true;
                        break;
                    }
                    Clock::time_point s = Clock::now();
                    if (interval > Clock::duration::zero()) {
                        s = t0 + interval * static_cast<Clock::rep>(i - begin);
                        if (s >= deadline) {
                            stop = true;
                            break;
                        }
                        std::this_thread::sleep_until(s);
                    }
                    const bool ok = request(*cli, i);
                    const auto d = Clock::now() - s;
                    if (ok) {
                        ++mine.ok;
                        mine.latencies_ms.push_back(std::chrono::duration<double, std::milli>(d).count());
                        mine.timeline.emplace_back(std::chrono::duration<double, std::milli>(s - t0).count(),
                                                   mine.latencies_ms.back());
                    } else {
                        ++mine.errors;
                    }
                }
            }
        });
    }
    for (std::thread& t : threads) t.join();
    LevelResult total;
    total.clients = clients;
    total.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    for (LevelResult& p : parts) {
        total.ok += p.ok;
        total.errors += p.errors;
        total.latencies_ms.insert(total.latencies_ms.end(), p.latencies_ms.begin(), p.latencies_ms.end());
        total.timeline.insert(total.timeline.end(), p.timeline.begin(), p.timeline.end());
    }
    std::sort(total.latencies_ms.begin(), total.latencies_ms.end());
    return total;
}

// --latency-log: one line per successful payment, each level in the order
// the payments were sent (or due), so a slow stretch shows as a run of lines.
void write_latency_log(const std::string& path, std::vector<LevelResult>& results) {
    std::ofstream out(path);
    for (LevelResult& r : results) {
        std::sort(r.timeline.begin(), r.timeline.end());
        for (const auto& [at, ms] : r.timeline) out << r.clients << ' ' << at << ' ' << ms << '\n';
    }
    if (!out) std::fprintf(stderr, "bench_server: could not write %s\n", path.c_str());
}

// Nearest-rank percentile of sorted samples.
double percentile(const std::vector<double>& sorted, int pct) {
    if (sorted.empty()) return 0;
    std::size_t rank = (sorted.size() * static_cast<std::size_t>(pct) + 99) / 100;
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

void print_row(const LevelResult& r, int latency_ms, int offered) {
    const double rate = r.seconds > 0 ? r.ok / r.seconds : 0;
    const std::string clients =
        std::to_string(r.clients) + (latency_ms > 0 ? " (processor latency " + std::to_string(latency_ms) + " ms)" : "") +
        (offered > 0 ? ", offered " + std::to_string(offered) + "/s" : "");
    std::printf("| %s | %d | %.0f | %.2f ms | %.2f ms | %d | %.2f ms |\n", clients.c_str(), r.ok, rate,
                percentile(r.latencies_ms, 50), percentile(r.latencies_ms, 99), r.errors,
                r.ok + r.errors > 0 ? r.server_cpu_ms / (r.ok + r.errors) : 0.0);
}

// Client factories. Payments: one keep-alive client per thread for the
// whole level. Tokens: a new client, from a new loopback source address,
// for every chunk of kTokensPerAddress invoices.
// Each paying client comes from its own loopback source address, as real
// payers do: one address holds at most 15 charges in flight (the server's
// per-address decline limit), so a shared address would measure the limit.
// Addresses from kPayerAddressBase on never meet the tokenization batches'.
constexpr int kPayerAddressBase = 5000;
// Each client is bound to one instance, in turn (what a load balancer's
// round robin does with keep-alive connections).
struct OneClientPerThread {
    const std::vector<int>* ports;
    std::atomic<int>* next_address;
    bool keep = true;
    std::unique_ptr<pwhttp::Client> operator()(std::size_t) const {
        const int k = next_address->fetch_add(1);
        return make_client((*ports)[static_cast<std::size_t>(k) % ports->size()],
                           source_address(kPayerAddressBase + k));
    }
};
struct ClientPerAddressBatch {
    const std::vector<int>* ports;
    bool keep = false;
    std::unique_ptr<pwhttp::Client> operator()(std::size_t first) const {
        const std::size_t batch = first / kTokensPerAddress;
        return make_client((*ports)[batch % ports->size()], source_address(static_cast<int>(batch)));
    }
};

// Resident memory of a process in KiB (VmRSS), 0 when unknown.
long resident_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// A blocking TCP connection to 127.0.0.1:port from `source`; -1 on failure.
int connect_from(int port, const std::string& source) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Reads one response head (up to 1 s); true when it is a 200.
bool read_ok(int fd) {
    std::string got;
    while (got.find("\r\n\r\n") == std::string::npos) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 1000) <= 0) return false;
        char buf[2048];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return false;
        got.append(buf, static_cast<std::size_t>(n));
    }
    return got.rfind("HTTP/1.1 200", 0) == 0;
}

struct IdleMemory {
    int open = 0;  // connections that made their request and stayed open
    long before_kib = 0, during_kib = 0;
};

// Opens `n` connections (200 per loopback source address: below the
// per-address cap), makes one keep-alive GET /healthz on each, then, while
// all of them sit idle (well inside the server's 5 s keep-alive), reads the
// server's resident memory. The open-file limit is raised first.
IdleMemory measure_idle_connections(pid_t server, int port, int n) {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) == 0) {
        r.rlim_cur = r.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &r);
    }
    IdleMemory m;
    m.before_kib = resident_kib(server);
    std::vector<int> fds;
    for (int i = 0; i < n; ++i) {
        const int fd = connect_from(port, source_address(20000 + i / 200));
        if (fd < 0) break;
        fds.push_back(fd);
    }
    static const std::string request = "GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n";
    for (int fd : fds) (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    for (int fd : fds) m.open += read_ok(fd) ? 1 : 0;
    m.during_kib = resident_kib(server);
    for (int fd : fds) ::close(fd);
    return m;
}

// "1,16,64" -> {1, 16, 64}; {} when anything is not a number in 1..max.
std::vector<int> parse_list(const std::string& s, int max) {
    std::vector<int> out;
    int v = -1;
    for (char ch : s + ",") {
        if (ch >= '0' && ch <= '9') {
            v = (v < 0 ? 0 : v) * 10 + (ch - '0');
            if (v > max) return {};
        } else if (ch == ',' && v > 0) {
            out.push_back(v);
            v = -1;
        } else {
            return {};
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"load generator for the reference server's payment endpoint (loopback only)"};
    // Payments per level: sized so that the whole run (tokenizing them
    // first, then paying) stays under a minute on 2 shared cores.
    std::string server_bin, levels_text = "1,16,64", counts_text = "300,1000,1000";
    std::string durability(pws::durability_id(pws::kDefaultDurability));
    int seconds = 10, workers = 16, latency_ms = 0, lookup_clients = 0, idle_connections = 0, instances = 1, rate = 0;
    std::string db, latency_log;
    bool keep_dir = false, table_only = false;
    cli.add_option("--server", server_bin, "the server executable")->required()->check(CLI::ExistingFile);
    cli.add_option("--clients", levels_text, "levels of concurrent clients, comma separated");
    cli.add_option("--payments", counts_text, "payments per level at most, comma separated, one per level");
    cli.add_option("--seconds", seconds, "time per level at most")->check(CLI::Range(1, 120));
    cli.add_option("--workers", workers, "server worker threads per pool (the server's default: 16)")->check(CLI::Range(1, 1024));
    cli.add_option("--durability", durability, "SQLite synchronous setting: NORMAL or FULL")
        ->check(CLI::IsMember({"NORMAL", "FULL"}, CLI::ignore_case));
    cli.add_option("--processor-latency-ms", latency_ms, "simulated processor time per charge")
        ->check(CLI::Range(0, 60000));
    cli.add_option("--rate", rate, "open loop: payments offered per second at every level (0: closed loop, each client "
                   "pays again as soon as answered)")->check(CLI::Range(0, 100000));
    cli.add_option("--lookup-clients", lookup_clients, "after the payments: GET /api/v1/links/{token} for 5 s with this many clients")
        ->check(CLI::Range(0, 1024));
    cli.add_option("--idle-connections", idle_connections, "after that: resident memory with this many idle keep-alive connections")
        ->check(CLI::Range(0, 50000));
    cli.add_option("--db", db, "a PostgreSQL URL (an empty database) instead of a fresh SQLite file");
    cli.add_option("--instances", instances, "server processes sharing the database")->check(CLI::Range(1, 8));
    cli.add_flag("--table-only", table_only, "print only the payment table and its one-line setting");
    cli.add_option("--latency-log", latency_log,
                   "write every successful payment as 'level, sent or due (ms from the level's start), latency (ms)' "
                   "to this file, in time order: where in a run the slow ones were");
    cli.add_flag("--keep-dir", keep_dir, "keep the temporary data directory (database, server logs)");
    CLI11_PARSE(cli, argc, argv);
    // The server runs in the data directory (chdir before exec): a relative
    // path given here would no longer name it there.
    server_bin = std::filesystem::absolute(server_bin).string();
    for (char& ch : durability) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));

    const std::vector<int> levels = parse_list(levels_text, 1024);
    const std::vector<int> counts = parse_list(counts_text, 100000);
    if (levels.empty() || counts.size() != levels.size()) {
        std::fprintf(stderr,
                     "bench_server: --clients (1..1024) and --payments (1..100000) must be comma-separated "
                     "numbers, as many payments as levels\n");
        return 2;
    }

    char tmpl[] = "/tmp/pw-bench-server-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) {
        std::perror("bench_server: mkdtemp");
        return 1;
    }
    const std::string dir = tmpl;
    struct Cleanup {
        std::string dir;
        bool keep;
        ~Cleanup() {
            std::error_code ec;
            if (keep) std::fprintf(stderr, "bench_server: data kept in %s\n", dir.c_str());
            else std::filesystem::remove_all(dir, ec);
        }
    } cleanup{dir, keep_dir};

    std::vector<std::size_t> level_begin;  // level l pays invoices [level_begin[l], level_begin[l+1])
    std::size_t n = 0;
    for (int c : counts) {
        level_begin.push_back(n);
        n += static_cast<std::size_t>(c);
    }
    level_begin.push_back(n);
    Seed seeded;
    const auto seed_t0 = Clock::now();
    if (!seed(dir, db, static_cast<int>(n), seeded)) return 1;
    const double seed_s = std::chrono::duration<double>(Clock::now() - seed_t0).count();
    std::vector<SeededInvoice>& inv = seeded.invoices;

    std::string lower = durability;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::vector<std::unique_ptr<ServerProcess>> servers;
    std::vector<int> ports;
    for (int k = 0; k < instances; ++k) {
        servers.push_back(std::make_unique<ServerProcess>());
        if (!servers.back()->start(server_bin, dir, db, k, workers, lower, latency_ms)) return 1;
        ports.push_back(servers.back()->port());
    }
    ServerProcess& server = *servers.front();
    const int port = ports.front();

    // --- setup: one card token per invoice --------------------------------
    ErrorLog token_errors;
    const json card = {{"type", "card"}, {"number", "4242 4242 4242 4242"}, {"exp", "12/34"}, {"cvc", "123"},
                       {"name", "Grace Hopper"}, {"postal_code", "94107"}};
    const std::string card_body = card.dump();
    const LevelResult tok = run_level(
        kTokenizeClients, 0, n, kTokensPerAddress, std::chrono::seconds(40), ClientPerAddressBatch{&ports},
        [&](pwhttp::Client& c, std::size_t i) {
            pwhttp::Headers h = {{"Authorization", "Link " + inv[i].link_token}};
            auto r = c.Post("/api/v1/tokens", h, card_body, "application/json");
            if (r && r->status == 201) {
                const json body = json::parse(r->body, nullptr, false);
                inv[i].card_token = string_member(body, "token");
                if (!inv[i].card_token.empty() && string_member(body, "last4") == "4242") return true;
            }
            token_errors.add(describe(r));
            return false;
        });
    token_errors.print("tokens");

    // --- payments, one level after the other ------------------------------
    ErrorLog pay_errors;
    std::vector<char> attempted(n, 0), paid(n, 0);
    std::vector<LevelResult> results;
    std::atomic<int> payer_addresses{0};
    for (std::size_t l = 0; l < levels.size(); ++l) {
        const std::size_t begin = level_begin[l], end = level_begin[l + 1];
        auto servers_cpu_ms = [&] {
            double sum = 0;
            for (auto& sp : servers) sum += cpu_ms(sp->pid());
            return sum;
        };
        auto servers_io = [&] {
            IoCounts sum;
            for (auto& sp : servers) {
                const IoCounts c = io_counts(sp->pid());
                sum.reads += c.reads;
                sum.writes += c.writes;
                sum.written_bytes += c.written_bytes;
            }
            return sum;
        };
        const double cpu_before = servers_cpu_ms();
        const double own_cpu_before = cpu_ms(::getpid());
        const auto io_before = servers_io();
        results.push_back(run_level(
            levels[l], begin, end, 1, std::chrono::seconds(seconds), OneClientPerThread{&ports, &payer_addresses},
            [&](pwhttp::Client& c, std::size_t i) {
                attempted[i] = 1;
                if (inv[i].card_token.empty()) {
                    pay_errors.add("no token (tokenization failed)");
                    return false;
                }
                const json body = {{"amount", kInvoiceTotal}, {"currency", "USD"}, {"token", inv[i].card_token}};
                pwhttp::Headers h = {{"Authorization", "Link " + inv[i].link_token},
                                      {"Idempotency-Key", "bench-" + std::to_string(i)}};
                auto r = c.Post(("/api/v1/invoices/" + inv[i].id + "/payments").c_str(), h, body.dump(),
                                "application/json");
                if (r && r->status == 200) {
                    const json b = json::parse(r->body, nullptr, false);
                    const json* p = member(b, "payment");
                    const json* iv = member(b, "invoice");
                    const json* bal = iv != nullptr ? member(*iv, "balance") : nullptr;
                    if (p != nullptr && string_member(*p, "status") == "succeeded" && bal != nullptr &&
                        bal->is_number_integer() && bal->get<std::int64_t>() == 0) {
                        paid[i] = 1;
                        return true;
                    }
                }
                pay_errors.add(describe(r));
                return false;
            },
            rate > 0 ? std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate))
                     : Clock::duration::zero()));
        results.back().server_cpu_ms = servers_cpu_ms() - cpu_before;
        // A diagnostic for profiling (stderr, not in the table): SQLite's
        // page reads and WAL frame writes show up here.
        const auto io_after = servers_io();
        const double attempts = std::max(1, results.back().ok + results.back().errors);
        std::fprintf(stderr,
                     "bench_server: %d clients: server read calls %.1f, write calls %.1f, %.1f KiB written per "
                     "payment; the bench's own CPU %.2f ms per payment\n",
                     levels[l], (io_after.reads - io_before.reads) / attempts,
                     (io_after.writes - io_before.writes) / attempts,
                     (io_after.written_bytes - io_before.written_bytes) / 1024 / attempts,
                     (cpu_ms(::getpid()) - own_cpu_before) / attempts);
    }
    pay_errors.print("payments");
    if (!latency_log.empty()) write_latency_log(latency_log, results);

    // --- link lookups, idle connections (optional) --------------------------
    ErrorLog lookup_errors;
    LevelResult lookups;
    if (lookup_clients > 0) {
        constexpr std::size_t kManyLookups = 100'000'000;  // the 5 s bound ends the level
        lookups = run_level(lookup_clients, 0, kManyLookups, 1, std::chrono::seconds(5),
                            OneClientPerThread{&ports, &payer_addresses}, [&](pwhttp::Client& c, std::size_t i) {
                                auto r = c.Get(("/api/v1/links/" + inv[i % n].link_token).c_str());
                                if (r && r->status == 200) return true;
                                lookup_errors.add(describe(r));
                                return false;
                            });
        lookup_errors.print("lookups");
    }
    IdleMemory idle;
    if (idle_connections > 0) idle = measure_idle_connections(server.pid(), port, idle_connections);

    bool clean_stop = true;
    for (auto& sp : servers) clean_stop = sp->stop() && clean_stop;
    const int mismatches = verify_store(dir, db, inv, attempted, paid);

    // --- report -------------------------------------------------------------
    std::printf("| concurrent clients | payments | payments/s | p50 | p99 | errors | server CPU per payment |\n"
                "|---|---|---|---|---|---|---|\n");
    for (const LevelResult& r : results) print_row(r, latency_ms, rate);
    std::printf("\n");
    if (table_only) {
        std::printf("Server: %d instance%s on %s, --workers %d, --processor-latency-ms %d; each client from its own "
                    "loopback address; store check %s; stopped cleanly: %s.\n",
                    instances, instances == 1 ? "" : "s", db.empty() ? "SQLite" : "PostgreSQL", workers, latency_ms,
                    mismatches == 0 ? "passed" : "FAILED", clean_stop ? "yes" : "no");
        return mismatches == 0 ? 0 : 1;
    }
    if (lookup_clients > 0) {
        std::printf("| GET /api/v1/links/{token} | lookups | lookups/s | p50 | p99 | errors |\n|---|---|---|---|---|---|\n");
        std::printf("| %d clients, 5 s | %d | %.0f | %.2f ms | %.2f ms | %d |\n\n", lookups.clients, lookups.ok,
                    lookups.seconds > 0 ? lookups.ok / lookups.seconds : 0, percentile(lookups.latencies_ms, 50),
                    percentile(lookups.latencies_ms, 99), lookups.errors);
    }
    if (idle_connections > 0)
        std::printf("Resident memory of the server: %.1f MiB, and %.1f MiB with %d idle keep-alive connections open "
                    "(each made one request; %d asked).\n\n",
                    idle.before_kib / 1024.0, idle.during_kib / 1024.0, idle.open, idle_connections);
    const std::string default_durability(pws::durability_id(pws::kDefaultDurability));
    // The ledger's setting is the test processor's own (processor/ledger_sqlite.cpp), not an option.
    std::printf("SQLite durability: the store commits with synchronous=%s in WAL mode (%s); the bundled test "
                "processor's ledger, standing in for the card processor, fsyncs every charge (synchronous=FULL). "
                "Server: --workers %d. %u cores shared by client and server.\n",
                durability.c_str(),
                durability == default_durability ? "the server's default"
                                                 : ("the server's default is " + default_durability).c_str(),
                workers, std::thread::hardware_concurrency());
    std::printf("\n");
    std::printf("Each payment is a full card payment (4242 4242 4242 4242) of its own invoice with a fresh token "
                "and Idempotency-Key; one keep-alive connection per client; at most %s payments (per level) or "
                "%d s per level; p50/p99 of the successful requests; an error is any response other than 200 with "
                "payment.status \"succeeded\" and a zero balance.\n",
                counts_text.c_str(), seconds);
    std::printf("\n");
    std::printf("| tokenization (setup) | tokens | tokens/s | p50 | p99 | errors |\n|---|---|---|---|---|---|\n");
    std::printf("| %d clients | %d | %.0f | %.2f ms | %.2f ms | %d |\n", tok.clients, tok.ok,
                tok.seconds > 0 ? tok.ok / tok.seconds : 0, percentile(tok.latencies_ms, 50),
                percentile(tok.latencies_ms, 99), tok.errors);
    std::printf("\n");
    std::printf("POST /api/v1/tokens, one per invoice link, each batch of %zu from its own loopback source "
                "address (the server allows 60 per address in 10 min). Seeding %zu invoices and links through "
                "the store took %.1f s.\n",
                kTokensPerAddress, n, seed_s);
    if (mismatches != 0)
        std::printf("\n**Store check failed**: %d invoices whose succeeded payments differ from the responses.\n",
                    mismatches);
    else
        std::printf("\nStore check: every attempted invoice holds exactly one succeeded payment of its total when "
                    "the response said so, none otherwise. Server stopped cleanly on SIGTERM: %s.\n",
                    clean_stop ? "yes" : "no");
    return mismatches == 0 ? 0 : 1;
}
