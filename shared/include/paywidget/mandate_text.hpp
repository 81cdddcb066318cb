// Bank-debit mandate texts: the authorization a payer accepts before a debit,
// per scheme (ACH, PAD, SEPA) and language, from the message catalogue
// (ids "mandate.ach", "mandate.pad", "mandate.sepa").
//
// A version names exactly one wording: "<scheme>-<locale>-<8 hex digits>",
// e.g. "pad-fr-CA-c26dd8a3". The digits are a hash (FNV-1a, 32 bits) of the
// catalogue's template in that locale, so changing the wording in one
// language changes that language's version (and those that fall back to
// it, since their payers read the new words too), and no one can forget to
// bump it. The server re-derives the text from the version a token request
// quotes and refuses one that is no longer current (mandate_outdated).
#pragma once

#include <optional>
#include <string_view>

#include "paywidget/api.hpp"

namespace pw {

// The current text of `scheme` in the supported locale closest to `locale`
// (pw::negotiate_locale), naming the practitioner, with its version.
MandateText mandate_text(BankScheme scheme, std::string_view locale, std::string_view practitioner);

// The current mandate `version` names, naming the practitioner; nullopt
// when no current text has that version (an old wording, an unknown scheme
// or locale, or anything malformed).
std::optional<MandateText> current_mandate(std::string_view version, std::string_view practitioner);

}  // namespace pw
