// --seed-demo: a demo practice to click through. Idempotent: when the demo
// practice already exists nothing is written (its admin key and link tokens
// were printed the first time; only hashes are stored).
//
// Loads the practice "Harbor Wellness Clinic" (Dr. Maya Chen), settings
// (saved-card removal allowed, settlement USD, embed origin
// http://localhost:8081), a client with an activated portal account and a
// saved card (sam@example.com / demo-password-1), a client without one, and
// invoices: partial payments with a 25% minimum; bank debit (ACH) only; CAD
// settled in USD with an FX rate; one for the portal client (its link
// answers login_required); plus an expired link; and the practice's console
// owner (kDemoOwnerEmail / kDemoOwnerPassword), and four months of history
// (services/seed_demo_history.hpp). Prints the admin key,
// credentials and every /pay/<token> URL to `out`.
#pragma once

#include <iostream>
#include <ostream>

#include "app/app.hpp"

namespace pws {

inline constexpr const char* kDemoPracticeId = "prc_demo_harbor";
inline constexpr const char* kDemoPortalEmail = "sam@example.com";
inline constexpr const char* kDemoPortalPassword = "demo-password-1";
// The demo practice's console owner (a fixed password: the demo only).
inline constexpr const char* kDemoOwnerEmail = "maya.chen@harborwellness.example";
inline constexpr const char* kDemoOwnerPassword = "demo-console-1";

pw::Error seed_demo(App& app, std::ostream& out);
inline pw::Error seed_demo(App& app) { return seed_demo(app, std::cout); }

}  // namespace pws
