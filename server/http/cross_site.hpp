// Cookie-authenticated writes from another site are refused (403), on top
// of the session cookie's SameSite=Strict: a browser that does not honour
// SameSite, or a subdomain of a shared parent site, still cannot make a
// signed-in client's browser change something.
//
// A request is such a write when its method changes state (not GET, HEAD or
// OPTIONS) and it carries our session cookie. It is refused when the browser
// says it comes from elsewhere: Sec-Fetch-Site other than same-origin/none,
// or, from a browser too old to send Sec-Fetch-Site, an Origin other than
// the host's own (the public URL's origin, or the Host the browser used). Requests authenticated
// by a link token or an admin key carry no cookie and are not affected.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace pws {

// "https://pay.example.com:8443/x" -> "https://pay.example.com:8443"; "" when
// the URL has no scheme and host.
std::string origin_of(std::string_view url);

// True when `origin` (an Origin header's value) is this host's own: the
// public URL's origin, or the Host the browser addressed (Host is set by the
// user's browser, not by the page that sent the request).
bool is_own_origin(const http::Request& req, std::string_view origin, std::string_view public_origin);

// For forms that must come from our own pages (the practitioner console):
// true only when the request carries an Origin header naming this host. A
// POST without one is refused too (every current browser sends Origin on a
// form POST), so a missing header cannot be a way around the check.
bool is_own_origin_post(const http::Request& req, std::string_view public_origin);

// True when the request must be refused as a cross-site write.
bool is_cross_site_write(const http::Request& req, std::string_view public_origin, std::string_view session_cookie);

}  // namespace pws
