// Address ranges for --trusted-proxy: "10.0.0.0/8", "2001:db8::/32", or a
// single address ("192.0.2.1" = /32, "::1" = /128). IPv4-mapped IPv6 peers
// ("::ffff:192.0.2.1") match IPv4 ranges.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pws {

struct AddressRange {
    bool v6 = false;
    std::array<unsigned char, 16> bytes{};  // network address (v4 in the first 4)
    int prefix = 0;                          // bits
};

// nullopt for anything that is not an address with an optional /prefix in
// range (0..32 for IPv4, 0..128 for IPv6).
std::optional<AddressRange> parse_address_range(std::string_view text);

// True when `address` (textual, as a peer address reads) lies in `range`.
bool in_range(std::string_view address, const AddressRange& range);

// True when `address` lies in any of `ranges` (each as parse_address_range
// reads it; unparseable entries match nothing).
bool in_any_range(std::string_view address, const std::vector<std::string>& ranges);

}  // namespace pws
