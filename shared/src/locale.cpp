// Locale negotiation and Accept-Language parsing (locale.hpp).
#include "paywidget/locale.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace pw {

namespace {

constexpr std::array<std::string_view, 5> kSupported = {"en", "fr", "fr-CA", "es", "en-XA"};
constexpr std::string_view kPseudo = "en-XA";
constexpr std::size_t kMaxHeader = 4096;
constexpr std::size_t kMaxTags = 32;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool same_tag(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] == '_' ? '-' : lower(a[i]);
        const char y = b[i] == '_' ? '-' : lower(b[i]);
        if (x != y) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The supported locale one preference names, or "" for none.
std::string_view match(std::string_view tag) {
    tag = trim(tag);
    for (std::string_view s : kSupported)
        if (same_tag(tag, s)) return s;
    // Then ever shorter prefixes: fr-CA-u-nu-latn, ..., fr-CA, fr. The
    // pseudo-locale never matches a prefix.
    for (std::size_t end = tag.find_last_of("-_"); end != std::string_view::npos && end > 0;
         end = tag.find_last_of("-_", end - 1)) {
        const std::string_view prefix = tag.substr(0, end);
        for (std::string_view s : kSupported)
            if (s != kPseudo && same_tag(prefix, s)) return s;
    }
    return {};
}

// q in thousandths: "q=0.8" -> 800; -1 when malformed.
int parse_q(std::string_view param) {
    param = trim(param);
    if (param.size() < 3 || lower(param[0]) != 'q' || param[1] != '=') return -1;
    std::string_view v = param.substr(2);
    if (v == "1" || v == "1.0" || v == "1.00" || v == "1.000") return 1000;
    if (v.empty() || v[0] != '0') return -1;
    if (v.size() == 1) return 0;
    if (v[1] != '.' || v.size() > 5) return -1;
    int q = 0, scale = 100;
    for (char c : v.substr(2)) {
        if (c < '0' || c > '9') return -1;
        q += (c - '0') * scale;
        scale /= 10;
    }
    return q;
}

}  // namespace

std::span<const std::string_view> supported_locales() { return kSupported; }

std::string negotiate_locale(std::span<const std::string> preferences) {
    for (const std::string& p : preferences)
        if (std::string_view m = match(p); !m.empty()) return std::string(m);
    return "en";
}

std::string preference_locale(std::string_view tag) {
    for (std::string_view s : kSupported)
        if (s != kPseudo && same_tag(tag, s)) return std::string(s);
    return {};
}

std::string negotiate_locale(std::string_view preference) {
    const std::string one(preference);
    return negotiate_locale(std::span<const std::string>(&one, 1));
}

std::vector<std::string> parse_accept_language(std::string_view header) {
    struct Tag {
        std::string tag;
        int q;
    };
    std::vector<Tag> tags;
    if (header.size() > kMaxHeader) return {};
    while (!header.empty() && tags.size() < kMaxTags) {
        const std::size_t comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        const std::size_t semi = item.find(';');
        const std::string_view tag = trim(item.substr(0, semi));
        const int q = semi == std::string_view::npos ? 1000 : parse_q(item.substr(semi + 1));
        if (tag.empty() || tag == "*" || q <= 0) continue;
        tags.push_back({std::string(tag), q});
    }
    std::stable_sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.q > b.q; });
    std::vector<std::string> out;
    out.reserve(tags.size());
    for (Tag& t : tags) out.push_back(std::move(t.tag));
    return out;
}

}  // namespace pw
