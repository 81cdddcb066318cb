#include "http/access_log.hpp"

#include <ctime>
#include <optional>

#include "http/error_cause.hpp"

#include <nlohmann/json.hpp>

namespace pws {

const std::vector<std::string_view> kTokenPathPrefixes = {
    "/pay/", "/api/v1/links/", "/invite/", "/reset/", "/portal/invite/", "/portal/reset/",
};

namespace {

bool is_base64url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool looks_like_token(std::string_view seg) {
    if (seg.size() < 40) return false;
    for (char c : seg)
        if (!is_base64url(c) && c != '%' && c != '=') return false;
    return true;
}

bool secret_param(std::string_view name) {
    std::string n(name);
    for (char& c : n) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (std::string_view w : {"token", "secret", "password", "session"})
        if (n.find(w) != std::string::npos) return true;
    return n == "key" || n == "code";
}

std::string redact_path(std::string_view path) {
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            out += '/';
            ++i;
            continue;
        }
        const std::size_t end = std::min(path.find('/', i), path.size());
        const std::string_view seg = path.substr(i, end - i);
        // The segment right after a token prefix ("/pay/" + seg) is secret.
        bool secret = looks_like_token(seg);
        for (std::string_view p : kTokenPathPrefixes) secret = secret || path.substr(0, i) == p;
        out += secret ? kRedacted : seg;
        i = end;
    }
    return out;
}

std::string redact_query(std::string_view query) {
    std::string out;
    std::size_t i = 0;
    while (i <= query.size()) {
        const std::size_t amp = std::min(query.find('&', i), query.size());
        const std::string_view pair = query.substr(i, amp - i);
        const std::size_t eq = pair.find('=');
        const std::string_view name = pair.substr(0, eq);
        if (!out.empty() || i > 0) out += '&';
        if (eq != std::string_view::npos && secret_param(name)) {
            out += name;
            out += '=';
            out += kRedacted;
        } else if (eq != std::string_view::npos && looks_like_token(pair.substr(eq + 1))) {
            out += name;
            out += '=';
            out += kRedacted;
        } else {
            out += pair;
        }
        i = amp + 1;
    }
    return out;
}

std::string iso_time_ms(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    return buf;
}

}  // namespace

std::string redact_target(std::string_view target) {
    // A fragment never reaches a server; cut at '#' anyway.
    target = target.substr(0, target.find('#'));
    const std::size_t q = target.find('?');
    std::string out = redact_path(target.substr(0, q));
    if (q != std::string_view::npos) {
        out += '?';
        out += redact_query(target.substr(q + 1));
    }
    return out;
}

std::string format_access_log(const AccessLogEntry& e) {
    nlohmann::ordered_json j;
    j["time"] = iso_time_ms(e.time);
    j["method"] = e.method;
    j["path"] = redact_target(e.target);
    j["status"] = e.status;
    j["duration_ms"] = e.duration_ms;
    j["client"] = e.client;
    j["scheme"] = e.scheme;
    if (!e.instance.empty()) j["instance"] = e.instance;
    if (e.status >= 500) {
        j["error"] = e.error;
        j["cause"] = e.cause.empty() ? std::string("unrecorded") : e.cause;
    }
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

AccessLog::AccessLog(Sink sink, std::string instance) : sink_(std::move(sink)), instance_(std::move(instance)) {
    if (!sink_)
        sink_ = [](const std::string& line) {
            std::fwrite(line.data(), 1, line.size(), stderr);
            std::fputc('\n', stderr);
        };
}

void AccessLog::write(const AccessLogEntry& entry) {
    const std::string line = format_access_log(entry);
    std::lock_guard lock(mu_);
    sink_(line);
}

void AccessLog::log(const http::Request& req, const http::Response& res, std::int64_t duration_ms,
                    const std::string& client, const std::string& scheme) {
    AccessLogEntry e;
    e.time = std::chrono::system_clock::now();
    e.method = req.method;
    // target is the raw request-target with its query; path alone would lose
    // the query (and with it what we must redact is still redacted).
    e.target = req.target.empty() ? req.path : req.target;
    e.status = res.status;
    e.duration_ms = duration_ms;
    e.client = client;
    e.scheme = scheme;
    e.error = res.log_error;
    e.cause = res.log_cause;
    e.instance = instance_;
    write(e);
}

}  // namespace pws
