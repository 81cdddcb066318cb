// URL pieces the widget and the server both build (API paths with ids and
// tokens, login_url's next=): one encoder, so both sides agree.
#pragma once

#include <string>
#include <string_view>

namespace pw {

// RFC 3986 percent-encoding of everything but the unreserved characters
// (A-Z a-z 0-9 - _ . ~): safe for a path segment and a query value.
std::string percent_encode(std::string_view s);

}  // namespace pw
