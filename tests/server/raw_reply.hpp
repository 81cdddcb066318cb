// A response kept as bytes (pages, static files), beside server_process.hpp's
// Reply, which parses a JSON body.
#pragma once

#include <string>

#include "http_client.hpp"

namespace pws_test {

struct RawReply {
    int status = 0;  // 0: no response
    std::string body;
    pwhttp::Headers headers;
    std::size_t count(const std::string& name) const { return headers.count(name); }
    // The first value of the field, or "".
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

inline RawReply to_raw_reply(const pwhttp::Result& r) {
    RawReply out;
    if (!r) return out;
    out.status = r->status;
    out.body = r->body;
    out.headers = r->headers;
    return out;
}

}  // namespace pws_test
