// Creating a practice's clients (POST /api/v1/admin/clients, the seed).
#pragma once

#include "app/app.hpp"
#include "paywidget/api.hpp"
#include "services/activity.hpp"

namespace pws {

// A new client; with a portal_password the portal account is activated
// (Argon2id, cost per app config). Errors: email_taken (409, field email),
// storage failures.
pw::Result<Client> create_client(App& app, const Practice& practice, const pw::CreateClientRequest& req,
                                 const std::string& phone = {});

// The same, with an Activity entry "client.created" by `actor` in the same
// transaction (the console).
pw::Result<Client> create_client(App& app, const Practice& practice, const pw::CreateClientRequest& req,
                                 const std::string& phone, const Actor& actor);

}  // namespace pws
