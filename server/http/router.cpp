#include "http/router.hpp"

#include <system_error>

#include "http/static_file.hpp"

namespace pws::http {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A path below the mount: no "..", no empty or "." segment games, no NUL.
bool safe_sub_path(std::string_view p) {
    if (p.find('\0') != std::string_view::npos || p.find('\\') != std::string_view::npos) return false;
    std::size_t start = 0;
    while (start <= p.size()) {
        const std::size_t slash = p.find('/', start);
        const std::string_view seg = p.substr(start, slash == std::string_view::npos ? p.npos : slash - start);
        if (seg == "..") return false;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return true;
}

}  // namespace

std::string content_type_for(const std::string& filename) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html"},
        {".htm", "text/html"},
        {".css", "text/css"},
        {".js", "text/javascript"},
        {".mjs", "text/javascript"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".wasm", "application/wasm"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".webp", "image/webp"},
        {".otf", "font/otf"},
        {".ttf", "font/ttf"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain"},
        {".ts", "text/plain"},
        {".pdf", "application/pdf"},
    };
    for (const auto& [ext, type] : kTypes)
        if (ends_with(filename, ext)) return type;
    return "application/octet-stream";
}

void Router::add(const char* method, const std::string& pattern, Handler h, Pool pool) {
    routes_.push_back(Route{method, std::regex(pattern), std::move(h), pool});
}
void Router::Get(const std::string& p, Handler h, Pool pool) { add("GET", p, std::move(h), pool); }
void Router::Post(const std::string& p, Handler h, Pool pool) { add("POST", p, std::move(h), pool); }
void Router::Put(const std::string& p, Handler h, Pool pool) { add("PUT", p, std::move(h), pool); }
void Router::Patch(const std::string& p, Handler h, Pool pool) { add("PATCH", p, std::move(h), pool); }
void Router::Delete(const std::string& p, Handler h, Pool pool) { add("DELETE", p, std::move(h), pool); }
void Router::Options(const std::string& p, Handler h, Pool pool) { add("OPTIONS", p, std::move(h), pool); }

bool Router::set_mount_point(const std::string& prefix, const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return false;
    mount_prefix_ = prefix;
    mount_dir_ = dir;
    return true;
}

const Router::Route* Router::find(const std::string& method, const std::string& path, std::smatch* groups) const {
    const std::string& m = method == "HEAD" ? std::string("GET") : method;
    std::smatch local;
    for (const Route& r : routes_) {
        if (r.method != m) continue;
        if (std::regex_match(path, groups ? *groups : local, r.pattern)) return &r;
    }
    return nullptr;
}

Pool Router::pool_for(const Request& req) const {
    const Route* r = find(req.method, req.path, nullptr);
    return r ? r->pool : Pool::general;
}

// The file (or its precompressed variant), its ETag and Cache-Control, or a
// 304: http/static_file.hpp.
bool Router::serve_file(const Request& req, Response& res) const {
    if (mount_dir_.empty() || (req.method != "GET" && req.method != "HEAD")) return false;
    if (req.path.compare(0, mount_prefix_.size(), mount_prefix_) != 0) return false;
    std::string sub = req.path.substr(mount_prefix_.size());
    if (sub.empty() || sub.back() == '/') sub += "index.html";
    if (!safe_sub_path(sub)) return false;
    const std::filesystem::path file = mount_dir_ / std::filesystem::path(sub).relative_path();
    const std::string name = file.filename().string();
    return serve_static_file(req, res, file, content_type_for(name), cache_control_for(name));
}

void Router::route(Request& req, Response& res) const {
    if (pre_routing_ && pre_routing_(req, res)) return;
    if (serve_file(req, res)) return;
    const Route* r = find(req.method, req.path, &req.matches);
    if (!r) return;
    r->handler(req, res);
    if (res.status == -1) res.status = 200;
}

void Router::handle(Request& req, Response& res) const {
    try {
        route(req, res);
    } catch (...) {
        res = Response{};
        if (exception_) exception_(req, res, std::current_exception());
        if (res.status == -1) res.status = 500;
    }
    if (res.status == -1) res.status = 404;
    finish(req, res);
}

void Router::finish(const Request& req, Response& res) const {
    if (res.status >= 400 && error_) error_(req, res);
    if (post_routing_) post_routing_(req, res);
}

}  // namespace pws::http
