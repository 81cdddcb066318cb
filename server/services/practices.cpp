#include "services/practices.hpp"

#include "auth/admin_auth.hpp"
#include "security/random.hpp"

namespace pws {

pw::Result<NewPractice> create_practice(App& app, const std::string& name, const std::string& email,
                                        const std::string& phone, const PracticeSettings& settings) {
    using R = pw::Result<NewPractice>;
    const AdminKey key = new_admin_key(app);
    NewPractice out;
    out.admin_key = key.key;
    Practice& p = out.practice;
    p.id = random_id("prc_");
    p.name = name;
    p.email = email;
    p.phone = phone;
    p.api_key_hash = key.hash;
    p.settings = settings;
    p.created_at = app.now();
    if (pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.insert_practice(p); }))
        return R::failure(e);
    return R::success(std::move(out));
}

}  // namespace pws
