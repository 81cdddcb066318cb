#include "services/practice_users.hpp"

#include <cstdio>

#include "auth/password_cost.hpp"
#include "paywidget/api.hpp"
#include "security/random.hpp"

namespace pws {

namespace {

// A practice user's name, email and password follow exactly the rules of a
// client with a portal account, which the core's CreateClientRequest codec
// holds: decode through it instead of writing the rules a second time.
pw::Error check_with_core(const NewPracticeUser& u) {
    nlohmann::json j = {{"name", u.name}, {"email", u.email}, {"portal_password", u.password}};
    pw::CreateClientRequest decoded;
    pw::Error e = pw::decode(j, decoded);
    // The codec names its own member; a practice user has a "password".
    if (e.field == "portal_password") e.field = "password";
    if (const auto at = e.message.find("portal_password"); at != std::string::npos)
        e.message.replace(at, std::string_view("portal_password").size(), "password");
    return e;
}

}  // namespace

pw::Result<PracticeUser> prepare_practice_user(App& app, const NewPracticeUser& u) {
    using R = pw::Result<PracticeUser>;
    if (pw::Error e = check_with_core(u)) return R::failure(e);
    std::optional<std::string> hash = hash_password(u.password, password_cost(app));
    if (!hash) return R::failure(pw::make_error("invalid_value", "password", "This password cannot be used."));
    PracticeUser user;
    user.id = random_id("usr_");
    user.practice_id = u.practice_id;
    user.email = u.email;
    user.name = u.name;
    user.role = u.role;
    user.password_hash = *hash;
    user.created_at = app.now();
    return R::success(std::move(user));
}

pw::Result<PracticeUser> create_practice_user(App& app, const NewPracticeUser& u) {
    using R = pw::Result<PracticeUser>;
    auto user = prepare_practice_user(app, u);
    if (!user) return user;
    if (pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.insert_practice_user(user.value); }))
        return R::failure(e);
    return user;
}

std::optional<PracticeUser> verify_console_login(App& app, const std::string& email, const std::string& password,
                                                 pw::Error& error) {
    std::optional<PracticeUser> user;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.practice_user_by_email(email);
        if (found.ok()) user = std::move(found.value);
        return found.ok() || found.error.code == "not_found" ? pw::Error{} : found.error;
    });
    if (e) {
        error = e;
        return std::nullopt;
    }
    if (!user || user->disabled_at || user->password_hash.empty()) {
        burn_password_verify(password, password_cost(app));
        return std::nullopt;
    }
    if (!verify_password(user->password_hash, password)) return std::nullopt;
    return user;
}

}  // namespace pws
