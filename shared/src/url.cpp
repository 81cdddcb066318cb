#include "paywidget/url.hpp"

namespace pw {

std::string percent_encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// scheme://host[:port], nothing after: what a browser sends as Origin.
bool valid_origin(std::string_view o) {
    std::size_t rest;
    if (o.substr(0, 8) == "https://") rest = 8;
    else if (o.substr(0, 7) == "http://") rest = 7;
    else return false;
    std::string_view host = o.substr(rest);
    if (host.empty()) return false;
    const std::size_t colon = host.find(':');
    std::string_view name = host.substr(0, colon);
    if (name.empty()) return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok) return false;  // upper case, path, query, userinfo, spaces
    }
    if (colon == std::string_view::npos) return true;
    std::string_view port = host.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    int value = 0;
    for (char c : port) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return value >= 1 && value <= 65535;
}

bool valid_embed_origin(std::string_view o) {
    if (!valid_origin(o)) return false;
    if (o.substr(0, 8) == "https://") return true;
    std::string_view host = o.substr(7);
    host = host.substr(0, host.find(':'));
    if (host == "localhost") return true;
    // 127.0.0.0/8 written as four decimal parts.
    if (host.substr(0, 4) != "127.") return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.') ++dots;
        else if (c < '0' || c > '9') return false;
    }
    return dots == 3;
}

}  // namespace pw
