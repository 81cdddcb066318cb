// The signed-in client's own data: /api/v1/me/invoices[?status=pending],
// /api/v1/me/invoices/{id}, /api/v1/me/payments, /api/v1/me/payment-methods,
// DELETE /api/v1/me/payment-methods/{id}.
#include "pages/page_kit.hpp"
#include "routes/portal_internal.hpp"
#include "routes/respond.hpp"
#include "services/api_records.hpp"
#include "services/link_view.hpp"

namespace pws {

namespace {

pw::InvoiceSummary summary(const InvoiceView& v) {
    const pw::Invoice& i = v.invoice;
    return pw::InvoiceSummary{i.id,    i.number,   i.currency, i.issue_date,          i.due_date,
                              i.total, i.balance, i.status,   i.practitioner.name};
}

pw::Result<Practice> practice_of(App& app, const Client& client) {
    using R = pw::Result<Practice>;
    Practice out;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto p = t.practice(client.practice_id);
        if (!p) return p.error;
        out = std::move(p.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(out));
}

}  // namespace

void register_portal_me_routes(http::Router& server, App& app) {
    server.Get("/api/v1/me/invoices", [&app](const http::Request& req, http::Response& res) {
        auto client = require_session(app, req, res);
        if (!client) return;
        InvoiceFilter filter = InvoiceFilter::all;
        if (req.has_param("status")) {
            const std::string s = req.get_param_value("status");
            if (s == "pending") filter = InvoiceFilter::pending;
            else if (s == "paid") filter = InvoiceFilter::paid;
            else if (s != "all")
                return send_error(res, 422, "invalid_value", "Use status=pending, paid or all.", "status");
        }
        pw::InvoiceList list;
        pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            auto views = t.client_invoices(client->id, filter);
            if (!views) return views.error;
            for (const InvoiceView& v : views.value) list.invoices.push_back(summary(v));
            return {};
        });
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(list));
    });

    server.Get(R"(/api/v1/me/invoices/([A-Za-z0-9_-]{1,128}))",
               [&app](const http::Request& req, http::Response& res) {
        auto client = require_session(app, req, res);
        if (!client) return;
        const std::string id = req.matches[1];
        pw::LinkView view;
        pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            auto v = client_invoice_view(t, *client, id, app.today(), pages::page_locale(req));
            if (v) view = std::move(v.value);
            return v.error;
        });
        if (e.code == "not_found") return respond::code(res, "not_found");
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(view));
    });

    server.Get("/api/v1/me/payments", [&app](const http::Request& req, http::Response& res) {
        auto client = require_session(app, req, res);
        if (!client) return;
        pw::PaymentHistory history;
        pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            auto entries = t.client_payments(client->id);
            if (!entries) return entries.error;
            for (const HistoryEntry& h : entries.value) {
                pw::PaymentHistoryEntry out;
                out.payment = rec::payment_result(h.payment, h.refunds, rec::Audience::payer);
                out.invoice_number = h.invoice_number;
                if (out.payment.status == pw::PaymentStatus::succeeded ||
                    out.payment.status == pw::PaymentStatus::processing)
                    out.receipt_url = receipt_path(h.payment.id);
                history.payments.push_back(std::move(out));
            }
            return {};
        });
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(history));
    });

    server.Get("/api/v1/me/payment-methods", [&app](const http::Request& req, http::Response& res) {
        auto client = require_session(app, req, res);
        if (!client) return;
        auto practice = practice_of(app, *client);
        if (!practice) return respond::error(res, practice.error);
        pw::SavedMethodList list;
        list.removal_allowed = practice.value.settings.allow_card_removal;
        pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
            auto methods = t.saved_methods(client->id);
            if (!methods) return methods.error;
            for (const SavedMethodRecord& m : methods.value)
                list.payment_methods.push_back(
                    pw::SavedMethod{m.id, pw::MethodSummary{m.kind, m.brand, m.last4}, m.exp_month, m.exp_year});
            return {};
        });
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(list));
    });

    server.Delete(R"(/api/v1/me/payment-methods/([A-Za-z0-9_-]{1,128}))",
                  [&app](const http::Request& req, http::Response& res) {
        auto client = require_session(app, req, res);
        if (!client) return;
        auto practice = practice_of(app, *client);
        if (!practice) return respond::error(res, practice.error);
        if (!practice.value.settings.allow_card_removal) return respond::code(res, "removal_disabled");
        const std::string id = req.matches[1];
        const UnixTime now = app.now();
        pw::Error e = app.store->write_transaction(
            [&](WriteTxn& t) { return t.remove_saved_method(client->id, id, now); });
        if (e.code == "not_found") return respond::code(res, "not_found");
        if (e) return respond::error(res, e);
        respond::no_content(res);
    });
}

}  // namespace pws
