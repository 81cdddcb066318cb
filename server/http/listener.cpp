#include "http/listener.hpp"

#include <array>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>  // before Boost 1.74's asio: its awaitable.hpp needs std::exchange
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/address_range.hpp"
#include "http/work_pool.hpp"

namespace pws::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

// After an error answer (413, 431, ...) the client may still be sending.
// Closing at once would make the kernel reset the connection and the client
// could lose the answer; so shut our side, then read and drop at most this
// much for at most this long before closing.
constexpr std::size_t kDrainBytes = 256 * 1024;
constexpr std::chrono::milliseconds kDrainTime{1'000};
constexpr std::size_t kDrainChunk = 16 * 1024;
// How long to wait before accepting again when accept() fails (EMFILE:
// out of file descriptors): never spin.
constexpr std::chrono::milliseconds kAcceptRetry{50};

std::string address_of(const tcp::endpoint& ep) {
    net::ip::address a = ep.address();
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
    return a.to_string();
}

}  // namespace

class Session;

struct Listener::Impl {
    Impl(const Router& r, Limits l, BusyHandler b)
        : router(r),
          limits(l),
          busy(std::move(b)),
          general(l.general_workers, l.max_queued_per_pool),
          processor(l.processor_workers, l.max_queued_per_pool) {}

    void accept();
    void on_accept(beast::error_code ec, tcp::socket socket);
    void begin_stop();  // on the io_context
    void watch_drain();
    // Admission: false when the address (when `capped`) or the process is
    // at its cap.
    bool admit(const std::string& address, bool capped);
    void leave(const std::string& address, bool capped);

    const Router& router;
    Limits limits;
    BusyHandler busy;
    net::io_context ioc;
    tcp::acceptor acceptor{ioc};
    net::steady_timer accept_retry{ioc};
    net::steady_timer grace{ioc};
    net::steady_timer drained{ioc};  // while stopping: checks for the last connection
    std::atomic<std::size_t> alive{0};  // Session objects, admitted or not
    WorkPool general, processor;
    std::atomic<bool> stopping{false};
    bool stop_begun = false;  // io_context only

    std::mutex mu;  // guards the counters and the registry
    std::map<std::string, std::size_t> per_address;
    std::size_t total = 0;
    std::list<std::weak_ptr<Session>> sessions;
};

// One connection: read a request, run it on a pool, write the answer, again
// while keep-alive holds. Every step runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Listener::Impl& impl, std::string address, int port, bool capped, bool admitted)
        : stream_(std::move(socket)),
          impl_(impl),
          address_(std::move(address)),
          port_(port),
          capped_(capped),
          admitted_(admitted),
          buffer_(impl.limits.max_header_bytes + impl.limits.max_body_bytes) {
        ++impl_.alive;
    }

    ~Session() {
        if (admitted_) impl_.leave(address_, capped_);
        --impl_.alive;
    }

    void start() {
        if (!admitted_) {
            // Over a connection cap: say so and close without reading.
            Response res;
            res.status = 503;
            res.set_header("Retry-After", std::to_string(impl_.limits.retry_after_seconds));
            answer_and_close(std::move(res));
            return;
        }
        read_header(impl_.limits.header_timeout);
    }

    // On the strand: a connection waiting for a request is closed at stop;
    // one in the middle of a request finishes it first.
    void close_if_idle() {
        if (waiting_for_request_) close();
    }
    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
    }
    net::any_io_executor executor() { return stream_.get_executor(); }

private:
    void read_header(std::chrono::milliseconds deadline) {
        if (impl_.stopping.load()) return close();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(impl_.limits.max_header_bytes));
        parser_->body_limit(impl_.limits.max_body_bytes);
        waiting_for_request_ = true;
        stream_.expires_after(deadline);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     self->on_header(ec);
                                 });
    }

    void on_header(beast::error_code ec) {
        waiting_for_request_ = false;
        if (ec) return on_read_error(ec);
        std::size_t fields = 0;
        for (auto it = parser_->get().begin(); it != parser_->get().end(); ++it) ++fields;
        if (fields > impl_.limits.max_header_fields) return answer_status(431);
        if (parser_->is_done()) return dispatch();
        if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
            auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
            stream_.expires_after(impl_.limits.write_timeout);
            bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
                if (wec) return self->close();
                self->read_body();
            });
            return;
        }
        read_body();
    }

    void read_body() {
        stream_.expires_after(impl_.limits.body_timeout);
        bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->on_read_error(ec);
            self->dispatch();
        });
    }

    void on_read_error(beast::error_code ec) {
        if (ec == bhttp::error::header_limit) return answer_status(431);
        if (ec == bhttp::error::body_limit || ec == bhttp::error::buffer_overflow) return answer_status(413);
        // A deadline passed (beast::error::timeout): the stream has already
        // closed the socket, which is the answer to a client too slow to
        // finish its request.
        if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof || ec == net::error::operation_aborted ||
            ec == net::error::connection_reset || !parser_ || !parser_->got_some())
            return close();
        answer_status(400);  // malformed request
    }

    Request request_from_parser() {
        bhttp::request<bhttp::string_body> msg = parser_->release();
        Request req;
        req.method = std::string(msg.method_string());
        req.target = std::string(msg.target());
        const std::size_t q = req.target.find('?');
        req.path = percent_decode(std::string_view(req.target).substr(0, q), false);
        if (q != std::string::npos) req.params = parse_query(std::string_view(req.target).substr(q + 1));
        for (const auto& f : msg) req.headers.emplace(std::string(f.name_string()), std::string(f.value()));
        req.body = std::move(msg.body());
        req.remote_addr = address_;
        req.remote_port = port_;
        req.received_at = std::chrono::steady_clock::now();
        keep_alive_ = msg.keep_alive();
        version_ = msg.version();
        head_ = msg.method() == bhttp::verb::head;
        return req;
    }

    void dispatch() {
        auto req = std::make_shared<Request>(request_from_parser());
        const Pool pool = impl_.router.pool_for(*req);
        WorkPool& workers = pool == Pool::processor ? impl_.processor : impl_.general;
        auto self = shared_from_this();
        // The guard keeps run() going while the request is on a pool.
        auto guard = std::make_shared<net::executor_work_guard<net::any_io_executor>>(stream_.get_executor());
        const bool queued = workers.try_post([self, req, guard] {
            auto res = std::make_shared<Response>();
            self->impl_.router.handle(*req, *res);
            net::post(self->stream_.get_executor(), [self, req, res, guard] { self->write(req, res, false); });
        });
        if (queued) return;
        auto res = std::make_shared<Response>();
        res->status = 503;
        if (impl_.busy) impl_.busy(pool, *req, *res);
        if (!res->has_header("Retry-After"))
            res->set_header("Retry-After", std::to_string(impl_.limits.retry_after_seconds));
        impl_.router.finish(*req, *res);
        write(req, res, false);
    }

    // An answer the transport makes itself, then close.
    void answer_status(int status) {
        Response res;
        res.status = status;
        answer_and_close(std::move(res));
    }

    void answer_and_close(Response res) {
        auto req = std::make_shared<Request>();
        req->remote_addr = address_;
        req->remote_port = port_;
        req->received_at = std::chrono::steady_clock::now();
        if (parser_ && parser_->is_header_done()) {
            req->method = std::string(parser_->get().method_string());
            req->target = std::string(parser_->get().target());
            req->path = percent_decode(std::string_view(req->target).substr(0, req->target.find('?')), false);
        }
        impl_.router.finish(*req, res);
        write(req, std::make_shared<Response>(std::move(res)), true);
    }

    void write(std::shared_ptr<Request> req, std::shared_ptr<Response> res, bool must_close) {
        auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
        out->version(version_);
        out->result(static_cast<unsigned>(res->status));
        for (const auto& [name, value] : res->headers) out->insert(name, value);
        const bool keep = keep_alive_ && !must_close && !impl_.stopping.load();
        if (head_) {
            out->content_length(res->body.size());
        } else {
            out->body() = std::move(res->body);
            out->prepare_payload();
        }
        out->keep_alive(keep);
        stream_.expires_after(impl_.limits.write_timeout);
        bhttp::async_write(stream_, *out,
                           [self = shared_from_this(), out, req, res, keep](beast::error_code ec, std::size_t) {
                               self->impl_.router.log(*req, *res);
                               if (ec) return self->close();
                               if (keep) return self->read_header(self->impl_.limits.idle_timeout);
                               self->drain_and_close();
                           });
    }

    void drain_and_close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return close();
        stream_.expires_after(kDrainTime);
        drain_buf_ = std::make_unique<std::array<char, kDrainChunk>>();
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(*drain_buf_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
            self->drained_ += n;
            if (ec || self->drained_ >= kDrainBytes) return self->close();
            self->drain();
        });
    }

    beast::tcp_stream stream_;
    Listener::Impl& impl_;
    std::string address_;
    int port_;
    bool capped_;  // counts toward the per-address cap
    bool admitted_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bool waiting_for_request_ = false;
    bool keep_alive_ = false;
    unsigned version_ = 11;
    bool head_ = false;
    // Only while draining: an idle connection should cost a socket and a
    // few hundred bytes, not this buffer (5,000 of them held 80 MiB).
    std::unique_ptr<std::array<char, kDrainChunk>> drain_buf_;
    std::size_t drained_ = 0;
};

bool Listener::Impl::admit(const std::string& address, bool capped) {
    std::lock_guard<std::mutex> lock(mu);
    if (total >= limits.max_connections) return false;
    if (capped) {
        std::size_t& n = per_address[address];
        if (n >= limits.max_connections_per_address) return false;
        ++n;
    }
    ++total;
    return true;
}

void Listener::Impl::leave(const std::string& address, bool capped) {
    std::lock_guard<std::mutex> lock(mu);
    if (capped) {
        auto it = per_address.find(address);
        if (it != per_address.end() && --it->second == 0) per_address.erase(it);
    }
    --total;
}

void Listener::Impl::accept() {
    acceptor.async_accept(net::make_strand(ioc),
                          [this](beast::error_code ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void Listener::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
    if (stopping.load() || !acceptor.is_open()) return;
    if (ec) {
        accept_retry.expires_after(kAcceptRetry);
        accept_retry.async_wait([this](beast::error_code wec) {
            if (!wec && !stopping.load()) accept();
        });
        return;
    }
    beast::error_code opt;
    socket.set_option(tcp::no_delay(true), opt);
    const tcp::endpoint peer = socket.remote_endpoint(opt);
    if (opt) {
        accept();
        return;
    }
    const std::string address = address_of(peer);
    const bool capped = !in_any_range(address, limits.uncapped_peers);
    const bool admitted = admit(address, capped);
    auto session = std::make_shared<Session>(std::move(socket), *this, address, peer.port(), capped, admitted);
    {
        std::lock_guard<std::mutex> lock(mu);
        // Forget closed connections now and then, so the list stays the
        // size of the open ones.
        if (sessions.size() > 2 * total + 64)
            sessions.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
        sessions.push_back(session);
    }
    net::dispatch(session->executor(), [session] { session->start(); });
    accept();
}

void Listener::Impl::begin_stop() {
    if (stop_begun) return;
    stop_begun = true;
    beast::error_code ec;
    acceptor.close(ec);
    accept_retry.cancel();
    std::vector<std::shared_ptr<Session>> open;
    {
        std::lock_guard<std::mutex> lock(mu);
        for (auto& w : sessions)
            if (auto s = w.lock()) open.push_back(std::move(s));
    }
    for (auto& s : open) net::post(s->executor(), [s] { s->close_if_idle(); });
    open.clear();
    // Whatever is still open after the grace period is closed; jobs still on
    // a pool then answer into a closed socket.
    grace.expires_after(limits.shutdown_grace);
    grace.async_wait([this](beast::error_code wec) {
        if (wec) return;
        std::vector<std::shared_ptr<Session>> left;
        {
            std::lock_guard<std::mutex> lock(mu);
            for (auto& w : sessions)
                if (auto s = w.lock()) left.push_back(std::move(s));
        }
        drained.cancel();
        for (auto& s : left) net::post(s->executor(), [s] { s->close(); });
        ioc.stop();
    });
    watch_drain();  // after arming `grace`: it cancels it
}

// While stopping: once the last connection is gone nothing is left to wait
// for, so the grace timer is cancelled and run() returns at once.
void Listener::Impl::watch_drain() {
    if (alive.load() == 0) {
        grace.cancel();
        return;
    }
    drained.expires_after(std::chrono::milliseconds(20));
    drained.async_wait([this](beast::error_code ec) {
        if (!ec) watch_drain();
    });
}

Listener::Listener(const Router& router, Limits limits, BusyHandler busy)
    : impl_(std::make_shared<Impl>(router, limits, std::move(busy))) {}

Listener::~Listener() { stop(); }

bool Listener::bind(const std::string& host, int port, std::string& error) {
    beast::error_code ec;
    const net::ip::address address = net::ip::make_address(host, ec);
    if (ec) {
        error = "not an IP address: " + host;
        return false;
    }
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    tcp::acceptor& a = impl_->acceptor;
    a.open(endpoint.protocol(), ec);
    if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(impl_->limits.listen_backlog, ec);
    if (!ec) return true;
    error = ec.message();
    beast::error_code ignored;
    a.close(ignored);
    return false;
}

int Listener::port() const {
    beast::error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

void Listener::run() {
    Impl& impl = *impl_;
    if (!impl.stopping.load()) net::post(impl.ioc, [&impl] { impl.accept(); });
    std::vector<std::thread> extra;
    for (std::size_t i = 1; i < impl.limits.io_threads; ++i) extra.emplace_back([&impl] { impl.ioc.run(); });
    impl.ioc.run();
    for (std::thread& t : extra) t.join();
    impl.general.shutdown();
    impl.processor.shutdown();
}

void Listener::stop() {
    Impl& impl = *impl_;
    if (impl.stopping.exchange(true)) return;
    net::post(impl.ioc, [&impl] { impl.begin_stop(); });
}

}  // namespace pws::http
