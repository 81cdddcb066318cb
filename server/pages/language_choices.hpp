// The languages a reader can choose (issue 12), each named in itself so a
// reader finds their own whatever the page's language (the option's lang
// attribute tells screen readers): the portal's account page (a client's
// language) and the console's Settings (a practice's email language).
#pragma once

#include <array>
#include <string_view>

namespace pws::pages {

struct LanguageChoice {
    std::string_view locale;
    std::string_view name;
};

inline constexpr std::array<LanguageChoice, 4> kLanguageChoices = {{
    {"en", "English"}, {"fr", "Français"}, {"fr-CA", "Français (Canada)"}, {"es", "Español"},
}};

}  // namespace pws::pages
