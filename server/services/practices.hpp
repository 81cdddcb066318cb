// Creating a practice (tenant): `server practitioner create` and the demo
// seed. The admin key is returned once and only its keyed hash is stored.
#pragma once

#include <string>

#include "app/app.hpp"

namespace pws {

struct NewPractice {
    Practice practice;
    std::string admin_key;  // shown once: "pwk_..."
};

// Errors: the store's (already_exists when the id/key hash collides).
pw::Result<NewPractice> create_practice(App& app, const std::string& name, const std::string& email,
                                        const std::string& phone, const PracticeSettings& settings = {});

}  // namespace pws
