// Plain TCP for tests that must misbehave as no HTTP client library would:
// endless bodies and header lines, bytes that trickle, connections that
// never speak. Loopback only; a source address in 127/8 lets one test act as
// many clients (every 127.x.y.z is this machine).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace pws_test {

class RawSocket {
public:
    // Connects to 127.0.0.1:port from `source` (an address in 127/8).
    explicit RawSocket(int port, const std::string& source = "127.0.0.1") {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) return;
        sockaddr_in from{};
        from.sin_family = AF_INET;
        ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
            close();
            return;
        }
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
            close();
            return;
        }
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~RawSocket() { close(); }
    RawSocket(RawSocket&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    RawSocket& operator=(RawSocket&& o) noexcept {
        if (this != &o) {
            close();
            fd_ = o.fd_;
            o.fd_ = -1;
        }
        return *this;
    }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    bool ok() const { return fd_ >= 0; }
    int fd() const { return fd_; }
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    // Everything, or false (peer closed, reset).
    bool send_all(std::string_view data) {
        while (!data.empty()) {
            const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // True when bytes (or the end) can be read within `wait`.
    bool readable(std::chrono::milliseconds wait) const {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
    }

    // Reads until the response head is complete (or the deadline, or the
    // end): returns what was read.
    std::string read_head(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::string got;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (got.find("\r\n\r\n") == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !readable(left)) break;
            char buf[4096];
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }

    // Reads one whole response whose body has a Content-Length.
    std::string read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::string got = read_head(timeout);
        const std::size_t head_end = got.find("\r\n\r\n");
        if (head_end == std::string::npos) return got;
        std::size_t length = 0;
        const std::size_t cl = got.find("Content-Length: ");
        if (cl != std::string::npos && cl < head_end) length = std::stoul(got.substr(cl + 16));
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (got.size() < head_end + 4 + length && std::chrono::steady_clock::now() < deadline) {
            if (!readable(std::chrono::milliseconds(100))) continue;
            char buf[4096];
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }

private:
    int fd_ = -1;
};

// `n` open connections from `source`; fewer when one could not connect.
inline std::vector<RawSocket> open_connections(int port, const std::string& source, int n) {
    std::vector<RawSocket> held;
    held.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        held.emplace_back(port, source);
        if (!held.back().ok()) {
            held.pop_back();
            break;
        }
    }
    return held;
}

// "HTTP/1.1 413 ..." -> 413; 0 when there is no status line.
inline int status_of(const std::string& head) {
    if (head.rfind("HTTP/1.", 0) != 0 || head.size() < 12) return 0;
    return std::stoi(head.substr(9, 3));
}

// Resident memory of a process in KiB (VmRSS), 0 when unknown.
inline long resident_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// Raises this process's open-file limit to its hard maximum (the test opens
// thousands of sockets); returns the new soft limit.
inline rlim_t raise_file_limit() {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return 0;
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
    ::getrlimit(RLIMIT_NOFILE, &r);
    return r.rlim_cur;
}

}  // namespace pws_test
