// Who is calling: the address used for rate limits and the access log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace pws {

// The peer address, or, when the peer is in one of `trusted_proxies` (our own
// reverse proxies: addresses or CIDR ranges, http/address_range.hpp, from
// --trusted-proxy), the right-most X-Forwarded-For entry
// that is not a trusted proxy. X-Forwarded-For from anybody else is ignored:
// a client could otherwise pick its own rate-limit key. IPv4-mapped IPv6
// addresses ("::ffff:192.0.2.1") come back as IPv4.
std::string client_address(const http::Request& req, const std::vector<std::string>& trusted_proxies = {});

// What a trusted proxy says about the scheme the client used: "http" or
// "https" from X-Forwarded-Proto, when the peer is in `trusted_proxies`;
// nullopt otherwise (no trusted proxy, no header, or another value). A
// client's own X-Forwarded-Proto is never believed. When the header holds
// several values (a proxy that appends instead of overwriting), the
// right-most is the one our proxy wrote; a client over http that claims
// "https" in front of it gains nothing.
std::optional<std::string> forwarded_scheme(const http::Request& req, const std::vector<std::string>& trusted_proxies);

// The scheme for the access log: forwarded_scheme() when a trusted proxy
// said, else "http" (this server itself speaks plain HTTP).
std::string client_scheme(const http::Request& req, const std::vector<std::string>& trusted_proxies);

// The key to rate-limit an address by: IPv4 as is, IPv6 by its /64 (one
// customer usually holds a whole /64, so per-address limits would be free to
// evade). Unparseable input is returned unchanged.
std::string rate_limit_key_for_address(const std::string& address);

}  // namespace pws
