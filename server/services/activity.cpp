#include "services/activity.hpp"

#include <algorithm>

#include "security/random.hpp"

namespace pws {

pw::Error record_activity(WriteTxn& t, const App& app, std::string_view practice_id, const Actor& actor,
                          std::string_view action, std::string_view subject, std::string_view detail) {
    ActivityEntry a;
    a.id = random_id("act_");
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
