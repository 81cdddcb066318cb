#include "services/invoice_drafts.hpp"

#include "security/random.hpp"
#include "services/invoice_actions.hpp"
#include "services/invoices.hpp"

namespace pws {

namespace {

constexpr std::string_view kDraftPrefix = "drf_";

std::string request_text(const nlohmann::json& request) {
    return request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string client_of(const nlohmann::json& request) {
    auto it = request.find("client_id");
    return it != request.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Does the invoice a draft became exist in this practice (an earlier submit
// issued it)?
pw::Result<bool> issued_already(App& app, std::string_view practice_id, const std::string& invoice_id) {
    bool found = false;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto r = t.invoice_record(invoice_id);
        if (r.error.code == "not_found") return {};
        if (!r) return r.error;
        found = r.value.practice_id == practice_id;
        return {};
    });
    if (e) return pw::Result<bool>::failure(e);
    return pw::Result<bool>::success(found);
}

}  // namespace

std::string invoice_id_for_draft(std::string_view draft_id) {
    if (draft_id.substr(0, kDraftPrefix.size()) == kDraftPrefix) draft_id.remove_prefix(kDraftPrefix.size());
    return "inv_" + std::string(draft_id);
}

std::string new_draft_id() { return random_id(std::string(kDraftPrefix)); }

pw::Error save_invoice_draft(App& app, std::string_view practice_id, const std::string& id,
                             const nlohmann::json& request, const Actor& actor) {
    InvoiceDraft d;
    d.id = id;
    d.practice_id = practice_id;
    d.client_id = client_of(request);
    d.request = request_text(request);
    d.created_by = actor.id;
    d.created_at = d.updated_at = app.now();
    auto attempt = [&]() {
        return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
            // A save that arrives after the draft was issued (a second tab, a
            // late double click) must not bring the draft back.
            auto issued = t.invoice_record(invoice_id_for_draft(id));
            if (issued) return pw::make_error("invalid_value", "draft", "This draft was issued already.");
            if (issued.error.code != "not_found") return issued.error;
            auto existing = t.invoice_draft(practice_id, id);
            if (existing) return t.save_invoice_draft(d, /*create=*/false);
            if (existing.error.code != "not_found") return existing.error;
            if (pw::Error e = t.save_invoice_draft(d, /*create=*/true)) return e;
            return record_activity(t, app, practice_id, actor, "draft.created", d.id, "Started a draft invoice");
        });
    };
    pw::Error e = attempt();
    // Two first saves at once (PostgreSQL lets both look before either
    // inserts): the loser finds the row on its second look and replaces it.
    if (e.code == "already_exists" && e.field == "id") e = attempt();
    return e;
}

pw::Result<LoadedDraft> load_invoice_draft(App& app, std::string_view practice_id, std::string_view id) {
    using R = pw::Result<LoadedDraft>;
    LoadedDraft out;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto d = t.invoice_draft(practice_id, id);
        if (!d) return d.error;
        out.draft = std::move(d.value);
        return {};
    });
    if (e) return R::failure(e);
    out.request = nlohmann::json::parse(out.draft.request, nullptr, false);
    if (out.request.is_discarded() || !out.request.is_object()) out.request = nlohmann::json::object();
    return R::success(std::move(out));
}

pw::Result<std::vector<InvoiceDraft>> list_invoice_drafts(App& app, std::string_view practice_id) {
    using R = pw::Result<std::vector<InvoiceDraft>>;
    std::vector<InvoiceDraft> out;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto d = t.invoice_drafts(practice_id, kMaxDraftsListed);
        if (!d) return d.error;
        out = std::move(d.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(out));
}

pw::Error delete_invoice_draft(App& app, std::string_view practice_id, const std::string& id, const Actor& actor) {
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        if (pw::Error e = t.delete_invoice_draft(practice_id, id)) return e;
        return record_activity(t, app, practice_id, actor, "draft.deleted", id, "Deleted a draft invoice");
    });
}

pw::Result<IssuedDraft> issue_invoice_draft(App& app, const Practice& practice, const std::string& draft_id,
                                            const Actor& actor) {
    using R = pw::Result<IssuedDraft>;
    IssuedDraft out;
    out.invoice_id = invoice_id_for_draft(draft_id);
    auto earlier = [&]() -> R {
        auto done = issued_already(app, practice.id, out.invoice_id);
        if (!done) return R::failure(done.error);
        if (!done.value) return R::failure("not_found", "draft", "");
        return R::success(out);
    };
    auto loaded = load_invoice_draft(app, practice.id, draft_id);
    if (loaded.error.code == "not_found") return earlier();
    if (!loaded) return R::failure(loaded.error);
    pw::CreateInvoiceRequest req;
    if (pw::Error e = pw::decode(loaded.value.request, req)) return R::failure(e);
    auto made = create_invoice(app, practice, req, out.invoice_id, [&](WriteTxn& t) -> pw::Error {
        // The claim: a concurrent submit that deleted the draft first made
        // this one roll back (not_found, field draft).
        if (pw::Error d = t.delete_invoice_draft(practice.id, draft_id)) return d;
        return record_activity(t, app, practice.id, actor, "invoice.issued", out.invoice_id,
                               "Issued invoice from a draft");
    });
    if (!made) {
        // Lost to a concurrent submit: the draft was claimed, or the invoice
        // id taken (the unique rule named may be (id, practice_id)). Asking
        // the store whether the invoice now exists decides it either way.
        const bool maybe_lost = (made.error.code == "not_found" && made.error.field == "draft") ||
                                made.error.code == "already_exists";
        if (maybe_lost) {
            auto done = issued_already(app, practice.id, out.invoice_id);
            if (done && done.value) return R::success(out);
        }
        return R::failure(made.error);
    }
    out.issued_now = true;
    pw::SendInvoiceRequest send;
    send.revoke_previous = true;
    auto sent = send_invoice_logged(app, practice, out.invoice_id, send, actor);
    if (sent) out.sent = sent.value;
    else out.send_error = sent.error;
    return R::success(std::move(out));
}

}  // namespace pws
