#include "services/admin_links.hpp"

#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "services/api_records.hpp"

namespace pws {

pw::Result<pw::LinkInfo> issue_link(App& app, const Practice& practice, const std::string& invoice_id, int days,
                                    bool revoke_previous) {
    using R = pw::Result<pw::LinkInfo>;
    if (days < 1 || days > 365)
        return R::failure("out_of_range", "expires_in_days", "Choose an expiry between 1 and 365 days.");
    const std::string token = random_token();
    Link link;
    link.id = random_id("lnk_");
    link.invoice_id = invoice_id;
    link.practice_id = practice.id;
    link.token_hash = hash_token(app.secret, KeyUse::link_token, token);
    link.created_at = app.now();
    link.expires_at = link.created_at + static_cast<UnixTime>(days) * 86400;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto inv = t.invoice_record(invoice_id);
        if (!inv || inv.value.practice_id != practice.id) return pw::make_error("not_found", "", "");
        if (revoke_previous) {
            auto links = t.invoice_links(invoice_id);
            if (!links) return links.error;
            for (const Link& old : links.value)
                if (!old.revoked())
                    if (pw::Error r = t.revoke_link(old.id, link.created_at)) return r;
        }
        return t.insert_link(link);
    });
    if (e) return R::failure(e);
    pw::LinkInfo info = rec::link_info(link);
    info.token = token;
    info.url = app.url("/pay/" + token);
    return R::success(std::move(info));
}

pw::Error revoke_invoice_link(App& app, const Practice& practice, const std::string& invoice_id,
                              const std::string& link_id) {
    const UnixTime now = app.now();
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto link = t.link(link_id);
        if (!link || link.value.practice_id != practice.id || link.value.invoice_id != invoice_id)
            return pw::make_error("not_found", "", "");
        return t.revoke_link(link_id, now);
    });
}

}  // namespace pws
