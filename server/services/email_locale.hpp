// The language of an email to a client (issue 12): the client's stored
// preference (Client::locale, set by the practitioner through the admin API
// or by the client on /portal/account), else English. Practices have no
// default language of their own yet; when they get one it goes here.
#pragma once

#include <string>

#include "paywidget/locale.hpp"
#include "storage/records.hpp"

namespace pws {

inline std::string email_locale(const Client& client) {
    return client.locale.empty() ? std::string("en") : pw::negotiate_locale(client.locale);
}

}  // namespace pws
