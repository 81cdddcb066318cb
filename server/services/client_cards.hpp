// Removing a saved card from a client's wallet on the practitioner's side
// (DELETE /api/v1/admin/clients/{id}/payment-methods/{pm} and the console's
// client page): the removal and its Activity entry, with the reason the
// client gave, commit together. The entry names the card by brand and last
// four only, never more.
#pragma once

#include <string_view>

#include "app/app.hpp"
#include "services/activity.hpp"

namespace pws {

// A reason longer than this is refused (the console's form says so).
inline constexpr std::size_t kMaxRemovalReasonChars = 500;

// Removes the client's live saved method `method_id` and logs
// "payment_method.removed" by `actor` ("" reason: none given, as the API).
// not_found (unknown, removed already, or another client's), storage errors.
pw::Error remove_client_card(App& app, const Client& client, std::string_view method_id, const Actor& actor,
                             std::string_view reason);

}  // namespace pws
