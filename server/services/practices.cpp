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

pw::Settings settings_to_api(const PracticeSettings& s) {
    pw::Settings out;
    out.allow_saved_method_removal = s.allow_card_removal;
    out.settlement_currency = s.settlement_currency;
    out.embed_origins = s.embed_origins;
    out.default_partial = s.default_partial;
    out.default_locale = s.locale;
    return out;
}

PracticeSettings settings_from_api(const pw::Settings& s) {
    PracticeSettings out;
    out.allow_card_removal = s.allow_saved_method_removal;
    out.settlement_currency = s.settlement_currency;
    out.embed_origins = s.embed_origins;
    out.default_partial = s.default_partial;
    out.locale = s.default_locale;
    return out;
}

namespace {

// How the activity log names a settings member.
std::string member_label(const std::string& member) {
    if (member == "allow_saved_method_removal") return "card removal by clients";
    if (member == "settlement_currency") return "settlement currency";
    if (member == "embed_origins") return "sites allowed to embed";
    if (member == "default_partial_payments") return "default partial payments";
    if (member == "default_locale") return "email language";
    return member;
}

// "card removal by clients, sites allowed to embed": what a patch changed,
// for the activity log (names only: values may be long lists).
std::string changed_members(const pw::Settings& before, const pw::Settings& after) {
    const nlohmann::json a = pw::encode(before), b = pw::encode(after);
    std::string out;
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()) || a[it.key()] != it.value())
            out += (out.empty() ? "" : ", ") + member_label(it.key());
    return out;
}

}  // namespace

pw::Error update_profile(App& app, std::string_view practice_id, const pw::Contact& profile, const Actor& actor) {
    if (pw::Error e = pw::check_contact(profile)) return e;
    // The email's shape is the one rule a client's email has too.
    pw::CreateClientRequest shape;
    if (pw::Error e = pw::decode(nlohmann::json{{"name", profile.name}, {"email", profile.email}}, shape)) return e;
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        if (pw::Error e = t.update_practice_profile(practice_id, profile)) return e;
        return record_activity(t, app, practice_id, actor, "profile.changed", "practice",
                               "Changed the practice profile to " + profile.name + ", " + profile.email +
                                   (profile.phone.empty() ? "" : ", " + profile.phone));
    });
}

pw::Result<pw::Settings> patch_settings(App& app, std::string_view practice_id, const nlohmann::json& patch,
                                        const Actor& actor) {
    using R = pw::Result<pw::Settings>;
    pw::Settings merged;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        // Read inside the write transaction: the merge applies to what is
        // stored now, not to what the caller read a moment ago.
        Result<Practice> now = t.practice(practice_id);
        if (!now.ok()) return now.error;
        const pw::Settings before = settings_to_api(now.value.settings);
        pw::Result<pw::Settings> m = pw::merge_settings(before, patch);
        if (!m.ok()) return m.error;
        merged = std::move(m.value);
        const std::string changed = changed_members(before, merged);
        if (changed.empty()) return {};
        if (pw::Error u = t.update_settings(practice_id, settings_from_api(merged))) return u;
        return record_activity(t, app, practice_id, actor, "settings.changed", "settings", "Changed " + changed);
    });
    if (e) return R::failure(e);
    return R::success(std::move(merged));
}

}  // namespace pws
