#include "http/content_coding.hpp"

#include <cctype>

namespace pws::http {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// "q=0", "q=0.0", "q=0.000" (any case, spaces around '='): the coding is
// refused. Anything else, including a malformed q, keeps it allowed: a
// client that asks for br with a typo gets br or the identity file, never
// an error.
bool zero_q(std::string_view params) {
    while (!params.empty()) {
        const std::size_t semi = params.find(';');
        std::string_view p = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
        const std::size_t eq = p.find('=');
        if (eq == std::string_view::npos || !iequals(trim(p.substr(0, eq)), "q")) continue;
        std::string_view v = trim(p.substr(eq + 1));
        if (v.empty() || v.front() != '0') return false;
        v.remove_prefix(1);
        if (v.empty()) return true;
        if (v.front() != '.') return false;
        v.remove_prefix(1);
        for (char c : v)
            if (c != '0') return false;
        return true;
    }
    return false;
}

// The field's token and the build's file suffix, in one place.
struct CodingNames {
    std::string_view encoding, suffix;
};
CodingNames names_of(ContentCoding c) {
    switch (c) {
        case ContentCoding::br: return {"br", ".br"};
        case ContentCoding::gzip: return {"gzip", ".gz"};
        case ContentCoding::identity: break;
    }
    return {"", ""};
}

}  // namespace

bool accepts_coding(std::string_view accept_encoding, std::string_view coding) {
    // An explicit entry for the coding wins over "*", whatever their order.
    int star = -1;  // -1: no "*"; 0: "*;q=0"; 1: "*" allowed
    std::string_view rest = accept_encoding;
    for (int n = 0; n < kMaxCodings && !trim(rest).empty(); ++n) {
        const std::size_t comma = rest.find(',');
        const std::string_view element = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const std::size_t semi = element.find(';');
        const std::string_view name = trim(element.substr(0, semi));
        const std::string_view params = semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1);
        if (iequals(name, coding)) return !zero_q(params);
        if (name == "*") star = zero_q(params) ? 0 : 1;
    }
    return star == 1;
}

std::string_view content_encoding_name(ContentCoding c) { return names_of(c).encoding; }
std::string_view variant_suffix(ContentCoding c) { return names_of(c).suffix; }

}  // namespace pws::http
