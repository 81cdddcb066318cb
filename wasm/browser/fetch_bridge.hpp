// HTTP for the widget: the browser's fetch() with callbacks (no ASYNCIFY,
// which costs ~50% code size). Same-origin by default (the widget page is
// served by the payment host); Module.pwOptions.apiBase overrides for dev.
// Every request gets exactly one callback. Browser only.
#pragma once

#include <string>

#include "http.hpp"  // HttpRequest, HttpResponse, HttpCallback

namespace pwui {

void http_send(const HttpRequest& request, HttpCallback done);

// What the widget pays, from the URL fragment, which never reaches a server
// log or a Referer: "#link=<token>" (an email link) or "#invoice=<id>" (a
// portal session: the cookie authenticates). The fragment is removed from
// the address bar by history.replaceState as it is read.
struct PageTarget {
    std::string link_token;
    std::string invoice_id;
};
PageTarget take_page_target();

// Navigates the top-level page to a same-origin path (login_url), opens a
// same-origin page in a new tab (`new_tab`: receipts, so an embedding site
// is not navigated away), or hands a mailto:/tel: link to the system.
// Anything else is ignored.
void navigate(const std::string& path, bool new_tab = false);

// Tells the page around the widget (web/embed.js turns it into postMessage
// for the embedding site): `type` "ready", "succeeded", "declined", "error";
// `json` a JSON object with the event's details (never card data).
void notify_page(const std::string& type, const std::string& json);

// `bytes` random bytes from crypto.getRandomValues, as lowercase hex: the
// checkout's idempotency keys.
std::string random_hex(int bytes);

}  // namespace pwui
