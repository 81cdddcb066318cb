// The practice a framed widget names. The widget on a practice's site is
// /embed?practice=<id> (its frame-ancestors come from that practice), and it
// sends that id as `Paywidget-Embed-Practice` on every API call. The link
// token travels in the URL fragment, which the server never sees, so without
// this check any practice's site could frame another practice's payment link
// (or a signed-in client's invoice of another practice). Calls without the
// header (the host's own /pay and /portal pages, integrations) are unaffected.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace pws {

inline constexpr const char* kEmbedPracticeHeader = "Paywidget-Embed-Practice";

// False when the request names a framing practice other than `practice_id`.
inline bool embed_practice_allows(const http::Request& req, std::string_view practice_id) {
    if (!req.has_header(kEmbedPracticeHeader)) return true;
    return req.get_header_value(kEmbedPracticeHeader) == practice_id;
}

}  // namespace pws
