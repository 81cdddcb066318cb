// POST /api/v1/admin/invoices, GET /api/v1/admin/invoices/{id},
// POST /api/v1/admin/invoices/{id}/links, DELETE .../links/{link_id},
// POST /api/v1/admin/invoices/{id}/send.
#include "auth/admin_auth.hpp"
#include "routes/admin_internal.hpp"
#include "routes/respond.hpp"
#include "services/admin_links.hpp"
#include "services/api_records.hpp"
#include "services/invoice_email.hpp"
#include "services/invoices.hpp"

namespace pws {

namespace {

constexpr const char* kInvoicePath = R"(/api/v1/admin/invoices/([A-Za-z0-9_-]{1,128}))";

pw::Result<pw::AdminInvoiceView> admin_view(App& app, const Practice& practice, const std::string& id) {
    using R = pw::Result<pw::AdminInvoiceView>;
    auto view = practice_invoice(app, practice.id, id);
    if (!view) return R::failure(view.error);
    std::vector<Link> links;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto l = t.invoice_links(id);
        if (!l) return l.error;
        links = std::move(l.value);
        return {};
    });
    if (e) return R::failure(e);
    pw::AdminInvoiceView out;
    out.invoice = view.value.invoice;
    for (const PaymentRecord& p : view.value.payments)
        out.payments.push_back(rec::payment_result(p, view.value.refunds, rec::Audience::practitioner));
    for (const RefundRecord& r : view.value.refunds)
        if (r.state != RefundState::failed) out.refunds.push_back(rec::refund_message(r));
    for (const Link& l : links) out.links.push_back(rec::link_info(l));
    return R::success(std::move(out));
}

}  // namespace

void register_admin_invoice_routes(http::Router& server, App& app) {
    server.Post("/api/v1/admin/invoices", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::CreateInvoiceRequest>(req, res);
        if (!body) return;
        auto view = create_invoice(app, *practice, *body);
        if (!view) return respond::error(res, view.error);
        send_json(res, 201, pw::encode(pw::InvoiceEnvelope{view.value.invoice}));
    });

    server.Get(kInvoicePath, [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto view = admin_view(app, *practice, req.matches[1]);
        if (!view) return respond::error(res, view.error);
        send_json(res, 200, pw::encode(view.value));
    });

    server.Post(std::string(kInvoicePath) + "/links", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::CreateLinkRequest>(req, res, /*allow_empty=*/true);
        if (!body) return;
        auto link = issue_link(app, *practice, req.matches[1], body->expires_in_days);
        if (!link) return respond::error(res, link.error);
        send_json(res, 201, pw::encode(link.value));
    });

    server.Delete(std::string(kInvoicePath) + "/links/([A-Za-z0-9_-]{1,128})",
                  [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        if (pw::Error e = revoke_invoice_link(app, *practice, req.matches[1], req.matches[2]))
            return respond::error(res, e);
        respond::no_content(res);
    });

    server.Post(std::string(kInvoicePath) + "/send", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::SendInvoiceRequest>(req, res, /*allow_empty=*/true);
        if (!body) return;
        auto sent = send_invoice_email(app, *practice, req.matches[1], *body);
        if (!sent) return respond::error(res, sent.error);
        send_json(res, 200, pw::encode(sent.value));
    });
}

}  // namespace pws
