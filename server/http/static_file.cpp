#include "http/static_file.hpp"

#include <sodium.h>

#include <fstream>
#include <optional>

#include "http/content_coding.hpp"

namespace pws::http {
namespace {

// A static file larger than this is not served from memory (the widget's
// files are well under 1 MiB).
constexpr std::uintmax_t kMaxStaticFileBytes = 16u << 20;

std::optional<std::string> read_whole(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec || size > kMaxStaticFileBytes) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string content(static_cast<std::size_t>(size), '\0');
    in.read(content.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) return std::nullopt;
    return content;
}

bool is_lower_hex(std::string_view s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

bool has_content_hash(std::string_view filename) {
    const std::size_t ext_dot = filename.rfind('.');
    if (ext_dot == std::string_view::npos || ext_dot == 0) return false;
    const std::size_t hash_dot = filename.rfind('.', ext_dot - 1);
    if (hash_dot == std::string_view::npos || hash_dot == 0) return false;
    const std::string_view hash = filename.substr(hash_dot + 1, ext_dot - hash_dot - 1);
    return hash.size() >= 8 && hash.size() <= 64 && is_lower_hex(hash);
}

std::string_view cache_control_for(std::string_view filename) {
    if (has_content_hash(filename)) return kCacheImmutable;
    const auto ends_with = [&](std::string_view s) {
        return filename.size() >= s.size() && filename.substr(filename.size() - s.size()) == s;
    };
    if (ends_with(".html") || ends_with(".htm")) return kCacheRevalidate;
    return kCacheShort;
}

std::string strong_etag(std::string_view bytes) {
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                       nullptr, 0);
    static const char kHex[] = "0123456789abcdef";
    std::string tag = "\"";
    for (unsigned char b : digest) {
        tag += kHex[b >> 4];
        tag += kHex[b & 15];
    }
    tag += '"';
    return tag;
}

bool if_none_match_hits(std::string_view if_none_match, std::string_view etag) {
    if (trim(if_none_match) == "*") return true;
    const auto opaque = [](std::string_view t) { return t.substr(0, 2) == "W/" ? t.substr(2) : t; };
    const std::string_view ours = opaque(etag);
    std::string_view rest = if_none_match;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        if (opaque(trim(rest.substr(0, comma))) == ours) return true;
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return false;
}

bool serve_static_file(const Request& req, Response& res, const std::filesystem::path& file,
                       std::string_view content_type, std::string_view cache_control) {
    std::optional<std::string> body = read_whole(file);
    if (!body) return false;
    ContentCoding coding = ContentCoding::identity;
    const std::string accept = req.get_header_value("Accept-Encoding");
    for (ContentCoding c : {ContentCoding::br, ContentCoding::gzip}) {
        if (!accepts_coding(accept, content_encoding_name(c))) continue;
        std::filesystem::path variant = file;
        variant += std::string(variant_suffix(c));
        if (std::optional<std::string> v = read_whole(variant)) {
            body = std::move(v);
            coding = c;
            break;
        }
    }
    const std::string etag = strong_etag(*body);
    // Every response of a file that has variants depends on Accept-Encoding,
    // the identity one included, or a shared cache would hand br to a client
    // that cannot read it.
    res.set_header("Vary", "Accept-Encoding");
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", cache_control);
    if (coding != ContentCoding::identity) res.set_header("Content-Encoding", content_encoding_name(coding));
    if (if_none_match_hits(req.get_header_value("If-None-Match"), etag)) {
        res.status = 304;
        res.body.clear();
        return true;
    }
    res.set_content(std::move(*body), content_type);
    res.status = 200;
    return true;
}

}  // namespace pws::http
