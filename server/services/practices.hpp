// Creating a practice (tenant) with its first admin key: `server
// practitioner create` and the demo seed. The admin key is returned once
// and only its keyed hash is stored.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "paywidget/api.hpp"
#include "services/activity.hpp"

namespace pws {

struct NewPractice {
    Practice practice;
    std::string admin_key;  // shown once: "pwk_..."
};

// Stores `practice` (a fresh "prc_" id when its id is empty; created_at is
// now) and its first admin key ("first key") in one transaction.
// Errors: the store's (already_exists when the id is taken).
pw::Result<NewPractice> create_practice(App& app, Practice practice);

// The practice's settings as the API (and the console) shows them, and back.
pw::Settings settings_to_api(const PracticeSettings& s);
PracticeSettings settings_from_api(const pw::Settings& s);

// Applies a JSON merge patch (RFC 7396) to the practice's settings with the
// core's rules (pw::merge_settings), read and written in ONE transaction (two
// concurrent patches of different members both land), with an activity
// entry "settings.changed" naming the members that changed, in that same
// transaction. Answers the settings now in force. Errors: the core's
// (unknown_field, invalid_currency, invalid_origin, ...), not_found.
// Changes the name, email and phone payers see (on invoices made from now
// on, pages, emails), with an activity entry "profile.changed" in the same
// transaction. Errors: the core's contact rules (pw::check_contact) and
// email shape (invalid_email), not_found.
pw::Error update_profile(App& app, std::string_view practice_id, const pw::Contact& profile, const Actor& actor);

pw::Result<pw::Settings> patch_settings(App& app, std::string_view practice_id, const nlohmann::json& patch,
                                        const Actor& actor);

}  // namespace pws
