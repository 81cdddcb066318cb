#include "http/address_range.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace pws {
namespace {

// The address as 4 or 16 bytes; IPv4-mapped IPv6 comes back as IPv4.
std::optional<std::pair<bool, std::array<unsigned char, 16>>> parse_address(std::string_view text) {
    const std::string s(text);
    std::array<unsigned char, 16> b{};
    in_addr a4{};
    if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
        std::memcpy(b.data(), &a4, 4);
        return std::make_pair(false, b);
    }
    in6_addr a6{};
    if (inet_pton(AF_INET6, s.c_str(), &a6) != 1) return std::nullopt;
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(a6.s6_addr, kMapped, 12) == 0) {
        std::memcpy(b.data(), a6.s6_addr + 12, 4);
        return std::make_pair(false, b);
    }
    std::memcpy(b.data(), a6.s6_addr, 16);
    return std::make_pair(true, b);
}

bool prefix_equal(const std::array<unsigned char, 16>& a, const std::array<unsigned char, 16>& b, int bits) {
    const int whole = bits / 8, rest = bits % 8;
    if (std::memcmp(a.data(), b.data(), static_cast<std::size_t>(whole)) != 0) return false;
    if (rest == 0) return true;
    const unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
    return (a[static_cast<std::size_t>(whole)] & mask) == (b[static_cast<std::size_t>(whole)] & mask);
}

}  // namespace

std::optional<AddressRange> parse_address_range(std::string_view text) {
    const std::size_t slash = text.find('/');
    const auto addr = parse_address(text.substr(0, slash));
    if (!addr) return std::nullopt;
    AddressRange r;
    r.v6 = addr->first;
    r.bytes = addr->second;
    const int max_bits = r.v6 ? 128 : 32;
    r.prefix = max_bits;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        int bits = -1;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
        if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || bits < 0 ||
            bits > max_bits)
            return std::nullopt;
        r.prefix = bits;
    }
    return r;
}

bool in_range(std::string_view address, const AddressRange& range) {
    const auto addr = parse_address(address);
    return addr && addr->first == range.v6 && prefix_equal(addr->second, range.bytes, range.prefix);
}

bool in_any_range(std::string_view address, const std::vector<std::string>& ranges) {
    for (const std::string& text : ranges)
        if (const auto r = parse_address_range(text); r && in_range(address, *r)) return true;
    return false;
}

}  // namespace pws
