// Reading one cookie out of a Cookie header: the session (auth/) and the
// cross-site check (http/cross_site.hpp) read it the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace pws {

// The value of cookie `name` in a Cookie header ("a=1; pw_session=x"), or
// nullopt when the header does not carry it ("" when it carries it empty).
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

// The first non-empty value of cookie `name` in any of the request's Cookie
// headers (HTTP/2 proxies split them), "" when none.
std::string request_cookie(const http::Request& req, std::string_view name);

}  // namespace pws
