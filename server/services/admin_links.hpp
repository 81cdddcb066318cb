// Payment links as the practitioner manages them: issue (random token shown
// once, only its keyed hash stored), revoke, list without tokens.
#pragma once

#include <string>

#include "app/app.hpp"
#include "paywidget/api.hpp"

namespace pws {

inline constexpr int kDefaultLinkDays = 30;

// A fresh link to the practice's invoice, expiring after `days` (1..365),
// with url = app.url("/pay/<token>") and the token (the only time it is
// shown). With revoke_previous, the invoice's other live links are revoked
// in the same transaction. Errors: not_found (the invoice is not this
// practice's), out_of_range (days), storage failures.
pw::Result<pw::LinkInfo> issue_link(App& app, const Practice& practice, const std::string& invoice_id, int days,
                                    bool revoke_previous = false);

// Revokes the invoice's link. not_found when the invoice is not the
// practice's or the link is not the invoice's. Revoking twice is fine.
pw::Error revoke_invoice_link(App& app, const Practice& practice, const std::string& invoice_id,
                              const std::string& link_id);

}  // namespace pws
