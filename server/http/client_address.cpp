#include "http/client_address.hpp"

#include "http/address_range.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace pws {
namespace {

std::string trim(std::string s) {
    const auto not_space = [](char c) { return c != ' ' && c != '\t'; };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

std::string normalize(std::string a) {
    if (a.rfind("::ffff:", 0) == 0 && a.find('.') != std::string::npos) return a.substr(7);
    return a;
}

}  // namespace

std::string client_address(const http::Request& req, const std::vector<std::string>& trusted_proxies) {
    std::string peer = normalize(req.remote_addr);
    if (trusted_proxies.empty() || !in_any_range(peer, trusted_proxies)) return peer;
    // Walk X-Forwarded-For from the right: each trusted proxy appended the
    // address it saw; the first untrusted one is the client.
    std::vector<std::string> hops;
    const std::size_t n = req.get_header_value_count("X-Forwarded-For");
    for (std::size_t i = 0; i < n; ++i) {
        const std::string v = req.get_header_value("X-Forwarded-For", i);
        std::size_t start = 0;
        while (start <= v.size()) {
            const std::size_t comma = std::min(v.find(',', start), v.size());
            std::string hop = normalize(trim(v.substr(start, comma - start)));
            if (!hop.empty()) hops.push_back(std::move(hop));
            start = comma + 1;
        }
    }
    for (auto it = hops.rbegin(); it != hops.rend(); ++it)
        if (!in_any_range(*it, trusted_proxies)) return *it;
    return peer;
}

std::optional<std::string> forwarded_scheme(const http::Request& req, const std::vector<std::string>& trusted_proxies) {
    if (trusted_proxies.empty() || !in_any_range(normalize(req.remote_addr), trusted_proxies)) return std::nullopt;
    const std::size_t n = req.get_header_value_count("X-Forwarded-Proto");
    if (n == 0) return std::nullopt;
    const std::string last = req.get_header_value("X-Forwarded-Proto", n - 1);
    const std::size_t comma = last.rfind(',');
    std::string scheme = trim(comma == std::string::npos ? last : last.substr(comma + 1));
    for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (scheme != "http" && scheme != "https") return std::nullopt;
    return scheme;
}

std::string client_scheme(const http::Request& req, const std::vector<std::string>& trusted_proxies) {
    return forwarded_scheme(req, trusted_proxies).value_or("http");
}

std::string rate_limit_key_for_address(const std::string& address) {
    in6_addr a6{};
    if (address.find(':') == std::string::npos || inet_pton(AF_INET6, address.c_str(), &a6) != 1)
        return address;
    std::memset(a6.s6_addr + 8, 0, 8);
    char buf[INET6_ADDRSTRLEN];
    if (!inet_ntop(AF_INET6, &a6, buf, sizeof buf)) return address;
    return std::string(buf) + "/64";
}

}  // namespace pws
