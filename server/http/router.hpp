// What answers a parsed request: the route table, the hooks every request
// passes through, and the static-file mount. It knows nothing of sockets;
// http/listener.hpp feeds it requests that are already complete and bounded.
//
// Order for one request (the order the routes were written against):
//   1. pre-routing hook (may answer: CORS preflight, rate limits);
//   2. GET/HEAD: a file under the static mount, if one matches;
//   3. the first route whose method matches and whose pattern matches the
//      WHOLE decoded path (std::regex_match); its groups go to req.matches;
//   4. no answer: 404; a handler that throws: the exception hook (500);
//   5. status >= 400: the error hook (writes the standard error body);
//   6. post-routing hook (security headers).
// HEAD is answered as GET without a body.
#pragma once

#include <exception>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace pws::http {

using Handler = std::function<void(const Request&, Response&)>;
// Answers (true) or lets routing go on (false).
using PreRoutingHook = std::function<bool(const Request&, Response&)>;
using ExceptionHook = std::function<void(const Request&, Response&, std::exception_ptr)>;
// Which worker pool runs a route's handler (http/listener.hpp): processor
// calls (charges, refunds, tokenization) wait on a remote system and must
// never take the threads that answer pages and lookups.
enum class Pool { general, processor };

class Router {
public:
    void Get(const std::string& pattern, Handler h, Pool pool = Pool::general);
    void Post(const std::string& pattern, Handler h, Pool pool = Pool::general);
    void Put(const std::string& pattern, Handler h, Pool pool = Pool::general);
    void Patch(const std::string& pattern, Handler h, Pool pool = Pool::general);
    void Delete(const std::string& pattern, Handler h, Pool pool = Pool::general);
    void Options(const std::string& pattern, Handler h, Pool pool = Pool::general);

    void set_pre_routing_handler(PreRoutingHook h) { pre_routing_ = std::move(h); }
    void set_error_handler(Handler h) { error_ = std::move(h); }
    void set_exception_handler(ExceptionHook h) { exception_ = std::move(h); }
    void set_post_routing_handler(Handler h) { post_routing_ = std::move(h); }
    // Called once the response was written (or the connection failed
    // writing it), with the time since the request was complete.
    void set_logger(std::function<void(const Request&, const Response&)> h) { logger_ = std::move(h); }

    // Serves files under `dir` for paths under `prefix` ("/"). False when dir
    // is not a directory.
    bool set_mount_point(const std::string& prefix, const std::string& dir);

    // The pool the request's route asks for (general when none matches).
    Pool pool_for(const Request& req) const;
    // Runs steps 1-6 above; `res` is complete afterwards.
    void handle(Request& req, Response& res) const;
    // Steps 5-6 only, for an answer the transport makes itself (413, 431,
    // 503): `res.status` is set, the body may be empty.
    void finish(const Request& req, Response& res) const;
    void log(const Request& req, const Response& res) const {
        if (logger_) logger_(req, res);
    }

private:
    struct Route {
        std::string method;
        std::regex pattern;
        Handler handler;
        Pool pool;
    };
    void add(const char* method, const std::string& pattern, Handler h, Pool pool);
    const Route* find(const std::string& method, const std::string& path, std::smatch* groups) const;
    bool serve_file(const Request& req, Response& res) const;
    void route(Request& req, Response& res) const;

    std::vector<Route> routes_;
    PreRoutingHook pre_routing_;
    Handler error_, post_routing_;
    ExceptionHook exception_;
    std::function<void(const Request&, const Response&)> logger_;
    std::string mount_prefix_;
    std::filesystem::path mount_dir_;
};

// Content-Type for a file name by its extension ("application/octet-stream"
// when unknown).
std::string content_type_for(const std::string& filename);

}  // namespace pws::http
