#include "http_client.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace pwhttp {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// Large enough for any page the server renders; a test never needs more.
constexpr std::size_t kResponseBodyLimit = 64u << 20;
constexpr std::size_t kResponseHeaderLimit = 64u << 10;

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) < std::tolower(y);
    });
}

std::string Response::get_header_value(const std::string& name, std::size_t index) const {
    auto [first, last] = headers.equal_range(name);
    for (; first != last; ++first, --index)
        if (index == 0) return first->second;
    return "";
}

std::string to_string(Error e) {
    switch (e) {
        case Error::success: return "success";
        case Error::connection: return "could not connect";
        case Error::write: return "could not send the request";
        case Error::read: return "no complete response";
        case Error::timeout: return "timed out";
    }
    return "unknown";
}

struct Client::Connection {
    asio::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;
    bool open = false;

    void close() {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream.close();
        buffer.clear();
        open = false;
    }

    // Runs one asynchronous step to completion within `limit`: the stream's
    // own timer cancels it (beast::error::timeout), so a silent server never
    // hangs a test.
    template <class Start>
    beast::error_code run(std::chrono::microseconds limit, Start start) {
        beast::error_code result = asio::error::would_block;
        stream.expires_after(limit);
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        return result;
    }
};

Client::Client(std::string host, int port) : host_(std::move(host)), port_(port) {}
Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

void Client::set_connection_timeout(long s, long us) {
    connect_timeout_ = std::chrono::seconds(s) + std::chrono::microseconds(us);
}
void Client::set_read_timeout(long s, long us) { read_timeout_ = std::chrono::seconds(s) + std::chrono::microseconds(us); }
void Client::set_write_timeout(long s, long us) {
    write_timeout_ = std::chrono::seconds(s) + std::chrono::microseconds(us);
}

Result Client::Get(const std::string& path, const Headers& headers) { return send("GET", path, headers, "", ""); }
Result Client::Head(const std::string& path, const Headers& headers) { return send("HEAD", path, headers, "", ""); }
Result Client::Delete(const std::string& path, const Headers& headers) {
    return send("DELETE", path, headers, "", "");
}
Result Client::Post(const std::string& path, const std::string& body, const std::string& content_type) {
    return send("POST", path, {}, body, content_type);
}
Result Client::Post(const std::string& path, const Headers& headers, const std::string& body,
                    const std::string& content_type) {
    return send("POST", path, headers, body, content_type);
}
Result Client::Put(const std::string& path, const std::string& body, const std::string& content_type) {
    return send("PUT", path, {}, body, content_type);
}
Result Client::Put(const std::string& path, const Headers& headers, const std::string& body,
                   const std::string& content_type) {
    return send("PUT", path, headers, body, content_type);
}

Result Client::send(const std::string& method, const std::string& path, const Headers& headers,
                    const std::string& body, const std::string& content_type) {
    const bool reused = connection_ && connection_->open;
    Result r = exchange(method, path, headers, body, content_type);
    // A kept-alive connection the server closed while idle fails before any
    // answer: send once more on a fresh one (what browsers do too). Never
    // after a timeout: the server may still be working on that request.
    if (!r && reused && r.error() != Error::timeout) r = exchange(method, path, headers, body, content_type);
    return r;
}

Result Client::exchange(const std::string& method, const std::string& path, const Headers& headers,
                        const std::string& body, const std::string& content_type) {
    if (!connection_) connection_ = std::make_unique<Connection>();
    Connection& c = *connection_;
    if (!c.open) {
        beast::error_code ec;
        const auto address = asio::ip::make_address(host_, ec);
        std::vector<tcp::endpoint> endpoints;
        if (!ec) {
            endpoints.emplace_back(address, static_cast<unsigned short>(port_));
        } else {
            tcp::resolver resolver(c.ioc);
            for (const auto& e : resolver.resolve(host_, std::to_string(port_), ec)) endpoints.push_back(e.endpoint());
            if (ec) return Error::connection;
        }
        if (!local_address_.empty()) {
            const auto local = asio::ip::make_address(local_address_, ec);
            if (ec || endpoints.empty()) return Error::connection;
            c.stream.socket().open(endpoints.front().protocol(), ec);
            if (!ec) c.stream.socket().bind(tcp::endpoint(local, 0), ec);
            if (ec) {
                c.close();
                return Error::connection;
            }
            endpoints.resize(1);  // the socket is bound: one attempt, from there
        }
        ec = c.run(connect_timeout_, [&](auto handler) {
            if (c.stream.socket().is_open())
                c.stream.async_connect(endpoints.front(), std::move(handler));
            else
                c.stream.async_connect(endpoints, std::move(handler));
        });
        if (ec) {
            c.close();
            return ec == beast::error::timeout ? Error::timeout : Error::connection;
        }
        c.stream.socket().set_option(tcp::no_delay(true), ec);
        c.open = true;
    }

    bhttp::request<bhttp::string_body> req;
    const bhttp::verb verb = bhttp::string_to_verb(method);
    if (verb == bhttp::verb::unknown)
        req.method_string(method);
    else
        req.method(verb);
    req.target(path);
    req.version(11);
    req.set(bhttp::field::host, host_ + ":" + std::to_string(port_));
    req.set(bhttp::field::user_agent, "paywidget-test-client");
    req.set(bhttp::field::accept, "*/*");
    for (const auto& [name, value] : headers) req.insert(name, value);
    if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
    req.body() = body;
    if (!body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::put || verb == bhttp::verb::patch)
        req.prepare_payload();
    req.keep_alive(keep_alive_);

    // A server may answer (413, 431) and close before taking the whole
    // request: the write then fails, but its answer is still there to read.
    const beast::error_code write_ec =
        c.run(write_timeout_, [&](auto handler) { bhttp::async_write(c.stream, req, std::move(handler)); });

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kResponseBodyLimit);
    parser.header_limit(static_cast<std::uint32_t>(kResponseHeaderLimit));
    // A HEAD answer has a Content-Length but no body.
    if (verb == bhttp::verb::head) parser.skip(true);
    const beast::error_code read_ec =
        c.run(read_timeout_, [&](auto handler) { bhttp::async_read(c.stream, c.buffer, parser, std::move(handler)); });
    if (read_ec) {
        c.close();
        if (read_ec == beast::error::timeout || write_ec == beast::error::timeout) return Error::timeout;
        return write_ec ? Error::write : Error::read;
    }

    const auto& res = parser.get();
    Response out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    for (const auto& field : res.base())
        out.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    if (!keep_alive_ || !res.keep_alive() || write_ec) c.close();
    return out;
}

}  // namespace pwhttp
