#include "services/practices.hpp"

#include "security/random.hpp"
#include "services/admin_keys.hpp"

namespace pws {

pw::Result<NewPractice> create_practice(App& app, Practice practice) {
    using R = pw::Result<NewPractice>;
    if (practice.id.empty()) practice.id = random_id("prc_");
    practice.created_at = app.now();
    IssuedAdminKey key = make_admin_key(app, practice.id, "first key");
    if (pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
            if (pw::Error p = t.insert_practice(practice)) return p;
            return t.insert_admin_key(key.record);
        }))
        return R::failure(e);
    NewPractice out;
    out.practice = std::move(practice);
    out.admin_key = std::move(key.key);
    return R::success(std::move(out));
}

}  // namespace pws
