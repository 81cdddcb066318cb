#include "auth/payer_auth.hpp"

#include <cctype>

#include "auth/embed_practice.hpp"
#include "auth/session_cookie.hpp"
#include "http/error_response.hpp"
#include "paywidget/url.hpp"
#include "security/keyed_hash.hpp"

namespace pws {

namespace {

nlohmann::json contact_json(const Practice& p) {
    return nlohmann::json{{"practitioner", {{"name", p.name}, {"email", p.email}, {"phone", p.phone}}}};
}

}  // namespace

TokenBinding Payer::binding() const {
    TokenBinding b;
    if (kind == PayerKind::link) b.link_id = link.id;
    else b.client_id = client.id;
    return b;
}

std::string Payer::rate_key() const {
    return kind == PayerKind::link ? "link:" + link.id : "client:" + client.id;
}

std::string login_url_for(std::string_view invoice_id) {
    return "/portal/login?next=" + pw::percent_encode("/portal/invoices/" + std::string(invoice_id));
}

std::optional<std::string> link_token_from_header(const http::Request& req) {
    if (!req.has_header("Authorization")) return std::nullopt;
    const std::string h = req.get_header_value("Authorization");
    constexpr std::string_view scheme = "Link ";
    if (h.size() < scheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        const char a = static_cast<char>(std::tolower(static_cast<unsigned char>(h[i])));
        const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(scheme[i])));
        if (a != b) return std::nullopt;
    }
    std::string token = h.substr(scheme.size());
    while (!token.empty() && token.front() == ' ') token.erase(token.begin());
    while (!token.empty() && token.back() == ' ') token.pop_back();
    return token;
}

pw::Result<Payer> resolve_link(App& app, std::string_view raw_token, AuthFailure* failure,
                               const http::Request* req) {
    using R = pw::Result<Payer>;
    AuthFailure f;
    Payer payer;
    // Bounded: a token is 43 characters; anything huge is simply unknown.
    const bool plausible = !raw_token.empty() && raw_token.size() <= 256;
    const UnixTime now = app.now();
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        if (!plausible) return pw::make_error("link_unknown", "", "");
        Result<Link> link = find_by_token(app.secret, KeyUse::link_token, raw_token, "not_found",
                                          [&](const std::string& hash) { return t.link_by_token_hash(hash); });
        if (!link.ok()) {
            if (link.error.code == "not_found") return pw::make_error("link_unknown", "", "");
            return link.error;
        }
        if (req && !embed_practice_allows(*req, link.value.practice_id)) return pw::make_error("link_unknown", "", "");
        Result<Practice> practice = t.practice(link.value.practice_id);
        if (!practice.ok()) return practice.error;
        if (link.value.revoked()) {
            f.extra = contact_json(practice.value);
            return pw::make_error("link_revoked", "", "");
        }
        if (link.value.expired(now)) {
            f.extra = contact_json(practice.value);
            return pw::make_error("link_expired", "", "");
        }
        Result<InvoiceRecord> inv = t.invoice_record(link.value.invoice_id);
        if (!inv.ok()) return inv.error;
        Result<Client> client = t.client(inv.value.client_id);
        if (!client.ok()) return client.error;
        if (client.value.portal_activated()) {
            f.extra = nlohmann::json{{"login_url", login_url_for(inv.value.id)}};
            return pw::make_error("login_required", "", "");
        }
        payer.kind = PayerKind::link;
        payer.link = std::move(link.value);
        payer.client = std::move(client.value);
        payer.practice_id = payer.link.practice_id;
        return {};
    });
    if (e) {
        if (e.code != "link_unknown" && e.code != "link_revoked" && e.code != "link_expired" &&
            e.code != "login_required") {
            f.extra = nullptr;
            e = pw::make_error("internal_error", "", "");
        }
        f.error = e;
        if (failure) *failure = f;
        return R::failure(e);
    }
    return R::success(std::move(payer));
}

void send_auth_failure(http::Response& res, const AuthFailure& f) { send_error(res, f.error, f.extra); }

std::optional<Payer> authenticate_payer(App& app, const http::Request& req, http::Response& res) {
    if (std::optional<std::string> token = link_token_from_header(req)) {
        AuthFailure f;
        pw::Result<Payer> p = resolve_link(app, *token, &f, &req);
        if (!p.ok()) {
            send_auth_failure(res, f);
            return std::nullopt;
        }
        return std::move(p.value);
    }
    std::optional<Client> client = session_client(app, req);
    if (!client) {
        send_error(res, pw::make_error("unauthorized", "", ""));
        return std::nullopt;
    }
    Payer payer;
    payer.kind = PayerKind::portal;
    payer.practice_id = client->practice_id;
    payer.client = std::move(*client);
    return payer;
}

}  // namespace pws
