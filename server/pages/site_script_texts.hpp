// The words web/pages/site.js shows (issue 12), from the catalogue in the
// page's language, as JSON in its script tag's data-messages attribute:
//   <script src="/pages/site.js" data-messages="{…}"></script>
// (data, not inline script: the pages' CSP allows none), so site.js holds
// no sentence of its own.
//   required.<input name>, field   an empty required field
//   network, server, rejected      no answer; a 5xx; a refusal the page has
//                                  no words for
//   errors.<API error code>        what a form shows for the API's answer
//                                  (only on pages with API forms)
#pragma once

#include <string>
#include <string_view>

namespace pws::pages {

// The JSON (not yet escaped for HTML).
std::string site_script_texts(std::string_view locale, bool api_errors);

}  // namespace pws::pages
