#include "http/message.hpp"

#include <algorithm>

namespace pws::http {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

template <class Map>
std::string nth_value(const Map& m, std::string_view key, const char* fallback, std::size_t id) {
    auto [first, last] = m.equal_range(key);
    for (std::size_t i = 0; first != last; ++first, ++i)
        if (i == id) return first->second;
    return fallback;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool FieldNameLess::operator()(std::string_view a, std::string_view b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
}

bool Request::has_header(std::string_view name) const { return headers.find(name) != headers.end(); }

std::string Request::get_header_value(std::string_view name, std::size_t id) const {
    return nth_value(headers, name, "", id);
}

std::size_t Request::get_header_value_count(std::string_view name) const { return headers.count(name); }

std::size_t Response::get_header_value_count(std::string_view name) const { return headers.count(name); }

bool Request::has_param(std::string_view name) const { return params.find(name) != params.end(); }

std::string Request::get_param_value(std::string_view name, std::size_t id) const {
    return nth_value(params, name, "", id);
}

bool Response::has_header(std::string_view name) const { return headers.find(name) != headers.end(); }

std::string Response::get_header_value(std::string_view name, std::size_t id) const {
    return nth_value(headers, name, "", id);
}

void Response::set_header(std::string_view name, std::string_view value) {
    const auto unsafe = [](std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; };
    if (unsafe(name) || unsafe(value)) return;
    headers.emplace(std::string(name), std::string(value));
}

void Response::set_content(std::string content, std::string_view content_type) {
    body = std::move(content);
    auto [first, last] = headers.equal_range("Content-Type");
    headers.erase(first, last);
    set_header("Content-Type", content_type);
}

std::string percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%' && i + 2 < s.size()) {
            const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
    return out;
}

Params parse_query(std::string_view query) {
    Params out;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view key = pair.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        out.emplace(percent_decode(key, true), percent_decode(value, true));
    }
    return out;
}

}  // namespace pws::http
