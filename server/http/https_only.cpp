#include "http/https_only.hpp"

#include "http/client_address.hpp"
#include "http/error_response.hpp"

namespace pws {

bool refuse_plain_http(const http::Request& req, http::Response& res, const HttpsOnlyPolicy& policy) {
    if (policy.public_origin.rfind("https://", 0) != 0) return false;
    if (forwarded_scheme(req, policy.trusted_proxies) != "http") return false;
    if (req.method == "GET" || req.method == "HEAD") {
        // The target as sent (path and query). An absolute-form target
        // ("http://host/x") is not ours to echo: go to the home page.
        const std::string& target = req.target;
        const bool origin_form = !target.empty() && target.front() == '/' && target.rfind("//", 0) != 0;
        res.status = 308;
        res.set_header("Location", policy.public_origin + (origin_form ? target : std::string("/")));
        res.set_header("Cache-Control", "no-store");
        return true;
    }
    send_error(res, pw::Error{"https_required", "", ""});
    return true;
}

}  // namespace pws
