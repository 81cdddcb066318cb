// The language of an email to a client (issue 12): the client's stored
// preference (Client::locale, set by the practitioner through the admin API
// or the console, or by the client on /portal/account), else the practice's
// default (PracticeSettings::locale, the console's Settings page or the
// admin API's "default_locale"), else English.
#pragma once

#include <string>

#include "paywidget/locale.hpp"
#include "storage/records.hpp"

namespace pws {

inline std::string email_locale(const Client& client, const Practice& practice) {
    if (!client.locale.empty()) return pw::negotiate_locale(client.locale);
    if (!practice.settings.locale.empty()) return pw::negotiate_locale(practice.settings.locale);
    return "en";
}

}  // namespace pws
