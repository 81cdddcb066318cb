// The practice's activity log (who did what, when), written INSIDE the
// transaction of the change it records, so a change and its log line commit
// or roll back together. Never card data: `detail` is a short sentence.
#pragma once

#include <string>
#include <string_view>

#include "app/app.hpp"

namespace pws {

// Who acted: a console user ("usr_..."), an admin API key ("api key
// <name>"), or a client.
struct Actor {
    std::string id;
    static Actor user(const PracticeUser& u) { return Actor{u.id}; }
    static Actor api_key(std::string_view name) { return Actor{"api key " + std::string(name)}; }
};

// Appends one entry for the practice at app.now() in transaction `t`.
pw::Error record_activity(WriteTxn& t, const App& app, std::string_view practice_id, const Actor& actor,
                          std::string_view action, std::string_view subject, std::string_view detail);

// The practice's entries, newest first (limit is capped at kMaxActivityPage).
inline constexpr std::size_t kMaxActivityPage = 100;
pw::Result<std::vector<ActivityEntry>> list_activity(App& app, std::string_view practice_id, std::size_t limit,
                                                     std::size_t offset);

}  // namespace pws
