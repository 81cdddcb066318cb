// The payment host's HTTP/1.1 transport: Boost.Beast over Boost.Asio,
// asynchronous, with an explicit limit on everything a client controls.
//
//   * sizes: request line + headers <= max_header_bytes (431), at most
//     max_header_fields fields (431), body <= max_body_bytes whether sized by
//     Content-Length, chunked or neither (413 after reading at most the
//     limit: Beast's parser counts as it reads);
//   * time: the header block, the body and each response write have their
//     own deadline; an idle keep-alive connection is closed after idle_timeout.
//     A client that trickles bytes holds one socket and a few KiB, never a
//     thread;
//   * count: connections per client address (trusted proxies excepted) and
//     in all (503 + Retry-After, then close); handlers run on two bounded WorkPools (general, and
//     processor for routes that call the payment processor), so a slow
//     processor never takes the threads that answer pages and lookups; a
//     full pool answers 503 at once (busy_handler).
//
// Life cycle: bind() listens (the kernel queues connections from then on);
// run() serves until stop(). stop() is safe from any thread at any moment,
// even before run(): no new connection is accepted, idle connections close,
// requests in progress (and their processor calls) finish and are answered
// with "Connection: close", then run() returns — within shutdown_grace at
// most, after which remaining sockets are closed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace pws::http {

struct Limits {
    std::size_t max_body_bytes = 64 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_header_fields = 100;
    std::chrono::milliseconds header_timeout{10'000};  // whole header block of a request
    std::chrono::milliseconds body_timeout{10'000};
    std::chrono::milliseconds write_timeout{10'000};
    std::chrono::milliseconds idle_timeout{5'000};  // keep-alive wait for the next request
    std::size_t max_connections = 20'000;
    std::size_t max_connections_per_address = 256;
    // Peers (addresses or CIDR ranges, http/address_range.hpp) that only the
    // global cap applies to: our own reverse proxies (--trusted-proxy),
    // which carry many clients over a few addresses of their own.
    std::vector<std::string> uncapped_peers;
    int retry_after_seconds = 1;  // on 503 for a connection cap or a full pool
    std::size_t io_threads = 1;
    std::size_t general_workers = 16;
    std::size_t processor_workers = 16;
    std::size_t max_queued_per_pool = 1024;
    std::chrono::milliseconds shutdown_grace{8'000};
    int listen_backlog = 4096;
};

// Fills the answer for a request refused because `pool` is full (status,
// body, Retry-After). The router's error and post-routing hooks run after.
using BusyHandler = std::function<void(Pool pool, const Request&, Response&)>;

class Listener {
public:
    Listener(const Router& router, Limits limits, BusyHandler busy);
    ~Listener();
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    // Binds and listens; false with `error` set when it cannot.
    bool bind(const std::string& host, int port, std::string& error);
    int port() const;
    // Serves until stop(); returns once every connection is closed.
    void run();
    // Thread-safe, idempotent, effective even before run().
    void stop();

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace pws::http
