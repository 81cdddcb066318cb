// The console's view of a practice's clients: search, one client's page
// (contact, portal status, invoices, payments, saved cards), and finding a
// client of the caller's practice (another practice's is not_found, the same
// answer as none). Creating, inviting and removing cards go through the
// services the admin API uses (clients, invitations, client_cards).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "app/app.hpp"

namespace pws {

// The search box's text is cut to this many bytes; a page lists at most
// kMaxClientResults clients.
inline constexpr std::size_t kMaxClientSearchChars = 100;
inline constexpr std::size_t kMaxClientResults = 200;

// Clients of the practice whose name or email contains `text` (ASCII
// case-insensitively), by name; every client when `text` is empty.
pw::Result<std::vector<Client>> search_clients(App& app, std::string_view practice_id, std::string_view text);

// The practice's client `id`. not_found (unknown or another practice's).
pw::Result<Client> practice_client(App& app, std::string_view practice_id, std::string_view id);

struct ClientOverview {
    Client client;
    std::optional<UnixTime> invited_at;  // newest portal invitation, if any
    std::vector<InvoiceView> invoices;   // newest first
    std::vector<HistoryEntry> payments;  // newest first
    std::vector<SavedMethodRecord> cards;
};

// Everything the client's page shows, read in one snapshot. not_found as
// practice_client.
pw::Result<ClientOverview> client_overview(App& app, std::string_view practice_id, std::string_view id);

}  // namespace pws
