#include "services/activity.hpp"

#include <algorithm>
#include <cstdio>

#include "security/random.hpp"

namespace pws {

pw::Error record_activity(WriteTxn& t, const App& app, std::string_view practice_id, const Actor& actor,
                          std::string_view action, std::string_view subject, std::string_view detail) {
    ActivityEntry a;
    // The log lists newest first by (at, id), and `at` is in seconds: the id
    // starts with the time in ms (fixed width) so entries of one second keep
    // their order, then random characters so two instances never collide.
    char ms[32];
    std::snprintf(ms, sizeof ms, "%015lld", static_cast<long long>(app.now_ms()));
    a.id = random_id(std::string("act_") + ms + "_");
    a.practice_id = practice_id;
    a.at = app.now();
    a.actor = actor.id;
    a.action = action;
    a.subject = subject;
    a.detail = detail;
    return t.insert_activity(a);
}

pw::Result<std::vector<ActivityEntry>> list_activity(App& app, std::string_view practice_id, std::size_t limit,
                                                     std::size_t offset) {
    using R = pw::Result<std::vector<ActivityEntry>>;
    std::vector<ActivityEntry> out;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.activity(practice_id, std::min(limit, kMaxActivityPage), offset);
        if (!found) return found.error;
        out = std::move(found.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(out));
}

}  // namespace pws
