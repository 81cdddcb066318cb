// Creating a practice (tenant) with its first admin key: `server
// practitioner create` and the demo seed. The admin key is returned once
// and only its keyed hash is stored.
#pragma once

#include <string>

#include "app/app.hpp"

namespace pws {

struct NewPractice {
    Practice practice;
    std::string admin_key;  // shown once: "pwk_..."
};

// Stores `practice` (a fresh "prc_" id when its id is empty; created_at is
// now) and its first admin key ("first key") in one transaction.
// Errors: the store's (already_exists when the id is taken).
pw::Result<NewPractice> create_practice(App& app, Practice practice);

}  // namespace pws
