// URL pieces the widget and the server both build (API paths with ids and
// tokens, login_url's next=): one encoder, so both sides agree.
#pragma once

#include <string>
#include <string_view>

namespace pw {

// RFC 3986 percent-encoding of everything but the unreserved characters
// (A-Z a-z 0-9 - _ . ~): safe for a path segment and a query value.
std::string percent_encode(std::string_view s);

// True for an origin exactly as a browser sends it: scheme://host[:port],
// lower case, no path, query or userinfo, scheme http or https.
bool valid_origin(std::string_view origin);

// True for an origin a practice may frame the widget from: a valid_origin
// over https, or over http only on this machine (localhost, 127.x.y.z) for
// development. Plain http elsewhere would let anyone on the network replace
// the page around the payment form.
bool valid_embed_origin(std::string_view origin);

}  // namespace pw
