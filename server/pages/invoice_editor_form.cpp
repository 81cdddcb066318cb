#include "pages/invoice_editor_form.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "pages/console_kit.hpp"
#include "paywidget/money.hpp"

namespace pws::pages {

namespace {

using nlohmann::json;

// A description may hold up to kMaxEditorText characters of any script
// (the codec counts characters when the draft is issued): 4 bytes each.
constexpr std::size_t kMaxDescriptionBytes = kMaxEditorText * 4;

std::string value(const http::Params& form, std::string_view name) {
    return trimmed_value(field_value(form, name));
}

std::string item_name(std::size_t i, std::string_view member) {
    return "items[" + std::to_string(i) + "]." + std::string(member);
}

int exponent_of(std::string_view currency) {
    const pw::CurrencyInfo* c = pw::find_currency(currency);
    return c ? c->exponent : 0;
}

}  // namespace

std::optional<std::int64_t> percent_to_bps(std::string_view text) {
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 3 || frac.size() > 2) return std::nullopt;
    auto digits = [](std::string_view s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    if (!digits(whole) || !digits(frac)) return std::nullopt;
    std::int64_t w = 0, f = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), w);
    if (!frac.empty()) std::from_chars(frac.data(), frac.data() + frac.size(), f);
    if (frac.size() == 1) f *= 10;
    const std::int64_t bps = w * 100 + f;
    if (bps > 10000) return std::nullopt;
    return bps;
}

std::string bps_to_percent(std::int64_t bps) {
    std::string s = pw::format_minor(bps, 2);  // "25.00"
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

namespace {

std::optional<std::int64_t> whole_number(std::string_view text) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::string json_text(const json& j, std::string_view key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool json_bool(const json& j, std::string_view key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::string json_amount(const json& j, std::string_view key, int exponent) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? pw::format_minor(it->get<std::int64_t>(), exponent)
                                                     : std::string();
}

}  // namespace

EditorForm new_editor_form(const Practice& practice, const pw::Date& today) {
    EditorForm f;
    f.currency = practice.settings.settlement_currency.empty() ? "USD" : practice.settings.settlement_currency;
    f.issue_date = pw::format_iso_date(today);
    f.due_date = pw::format_iso_date(pw::add_days(today, 30));
    f.lines.push_back(EditorLine{"", "1", "", ""});
    const pw::PartialPaymentPolicy& d = practice.settings.default_partial;
    f.partial = d.enabled;
    f.minimum_type = d.minimum_kind == pw::MinimumKind::fixed ? "fixed" : "percent";
    if (d.minimum_kind == pw::MinimumKind::fixed && d.minimum_amount > 0)
        f.minimum_amount = pw::format_minor(d.minimum_amount, exponent_of(f.currency));
    if (d.minimum_kind == pw::MinimumKind::percent && d.minimum_bps > 0) f.minimum_percent = bps_to_percent(d.minimum_bps);
    return f;
}

EditorForm editor_form_from_post(const http::Params& form) {
    EditorForm f;
    f.client_id = value(form, "client_id");
    f.currency = value(form, "currency");
    std::transform(f.currency.begin(), f.currency.end(), f.currency.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    f.issue_date = value(form, "issue_date");
    f.due_date = value(form, "due_date");
    f.discount = value(form, "discount");
    // Lines are items[0] .. items[n-1]; the first index with no field ends
    // them, and kMaxEditorLines + 1 are read so "too many" can be said.
    for (std::size_t i = 0; i <= kMaxEditorLines; ++i) {
        const std::string d = item_name(i, "description");
        if (form.find(d) == form.end() && form.find(item_name(i, "unit_amount")) == form.end()) break;
        f.lines.push_back(EditorLine{value(form, d), value(form, item_name(i, "quantity")),
                                     value(form, item_name(i, "unit_amount")), value(form, item_name(i, "tax"))});
    }
    f.partial = value(form, "partial_enabled") == "1";
    f.minimum_type = value(form, "minimum_type") == "fixed" ? "fixed" : "percent";
    f.minimum_percent = value(form, "minimum_percent");
    f.minimum_amount = value(form, "minimum_amount");
    f.card = value(form, "accept_card") == "1";
    f.ach = value(form, "accept_ach") == "1";
    f.pad = value(form, "accept_pad") == "1";
    f.sepa = value(form, "accept_sepa") == "1";
    f.settlement_currency = value(form, "settlement_currency");
    f.fx_rate = value(form, "fx_rate");
    return f;
}

EditorForm editor_form_from_request(const json& r) {
    EditorForm f;
    f.client_id = json_text(r, "client_id");
    f.currency = json_text(r, "currency");
    const int e = exponent_of(f.currency);
    f.issue_date = json_text(r, "issue_date");
    f.due_date = json_text(r, "due_date");
    f.discount = json_amount(r, "discount", e);
    if (auto it = r.find("items"); it != r.end() && it->is_array()) {
        for (const json& item : *it) {
            if (!item.is_object() || f.lines.size() >= kMaxEditorLines) break;
            auto q = item.find("quantity");
            f.lines.push_back(EditorLine{json_text(item, "description"),
                                         q != item.end() && q->is_number_integer() ? std::to_string(q->get<std::int64_t>()) : "",
                                         json_amount(item, "unit_amount", e), json_amount(item, "tax", e)});
        }
    }
    if (f.lines.empty()) f.lines.push_back(EditorLine{"", "1", "", ""});
    if (auto p = r.find("partial_payments"); p != r.end() && p->is_object()) {
        f.partial = json_bool(*p, "enabled");
        if (auto m = p->find("minimum"); m != p->end() && m->is_object()) {
            f.minimum_type = json_text(*m, "type") == "fixed" ? "fixed" : "percent";
            f.minimum_amount = json_amount(*m, "amount", e);
            if (auto b = m->find("basis_points"); b != m->end() && b->is_number_integer())
                f.minimum_percent = bps_to_percent(b->get<std::int64_t>());
        }
    }
    if (auto a = r.find("accepted_methods"); a != r.end() && a->is_object()) {
        f.card = json_bool(*a, "card");
        if (auto b = a->find("bank_debit"); b != a->end() && b->is_array())
            for (const json& s : *b) {
                f.ach = f.ach || s == "ach";
                f.pad = f.pad || s == "pad";
                f.sepa = f.sepa || s == "sepa";
            }
    }
    f.settlement_currency = json_text(r, "settlement_currency");
    f.fx_rate = json_text(r, "fx_rate");
    return f;
}

EditorRead read_editor_form(const EditorForm& f) {
    EditorRead out;
    json& r = out.request;
    auto fail = [&](std::string field, std::string message) {
        out.errors.push_back(pw::make_error("invalid_value", std::move(field), std::move(message)));
    };
    auto short_value = [&](const std::string& v, const char* field) {
        if (v.size() <= kMaxEditorValue) return true;
        fail(field, "This value is too long. Shorten it and try again.");
        return false;
    };
    if (!f.client_id.empty() && short_value(f.client_id, "client_id")) r["client_id"] = f.client_id;
    const bool currency_known = pw::find_currency(f.currency) != nullptr;
    if (!f.currency.empty() && short_value(f.currency, "currency")) r["currency"] = f.currency;
    if (!f.currency.empty() && !currency_known) fail("currency", "Enter a currency code such as USD, CAD or EUR.");
    for (const auto& [text, field] : {std::pair{&f.issue_date, "issue_date"}, std::pair{&f.due_date, "due_date"}})
        if (!text->empty() && short_value(*text, field)) r[field] = *text;
    out.totals.currency = f.currency;

    // An amount typed in the invoice currency; nullopt (with an error) when
    // it cannot be read.
    auto amount = [&](const std::string& text, const std::string& field) -> std::optional<std::int64_t> {
        if (text.empty() || !currency_known) return std::nullopt;
        if (text.size() > kMaxEditorValue) return fail(field, "This amount is too long."), std::nullopt;
        pw::Result<std::int64_t> a = pw::parse_amount(text, f.currency);
        if (!a) return fail(field, a.error.message.empty() ? "Enter an amount such as 120.00." : a.error.message), std::nullopt;
        return a.value;
    };

    bool lines_ready = currency_known && !f.lines.empty();
    if (f.lines.size() > kMaxEditorLines)
        fail("items", "An invoice has at most " + std::to_string(kMaxEditorLines) + " lines. Remove some lines.");
    json items = json::array();
    for (std::size_t i = 0; i < f.lines.size() && i < kMaxEditorLines; ++i) {
        const EditorLine& l = f.lines[i];
        json item = json::object();
        if (l.description.size() > kMaxDescriptionBytes)
            fail(item_name(i, "description"), "Shorten this description to at most 500 characters.");
        else
            item["description"] = l.description;
        pw::NewLineItem parsed;
        parsed.description = l.description;
        auto q = whole_number(l.quantity);
        if (!l.quantity.empty() && (!q || *q < 1 || *q > 10000))
            fail(item_name(i, "quantity"), "Enter a whole number of units from 1 to 10000.");
        else if (q)
            item["quantity"] = parsed.quantity = *q;
        auto unit = amount(l.unit_amount, item_name(i, "unit_amount"));
        if (unit) item["unit_amount"] = parsed.unit_amount = *unit;
        auto tax = amount(l.tax, item_name(i, "tax"));
        if (tax) item["tax"] = parsed.tax = *tax;
        if (!q || !unit || (!l.tax.empty() && !tax)) lines_ready = false;
        items.push_back(std::move(item));
        out.totals.items.push_back(parsed);
    }
    r["items"] = std::move(items);
    if (auto d = amount(f.discount, "discount")) r["discount"] = out.totals.discount = *d;
    else if (!f.discount.empty()) lines_ready = false;

    pw::PartialPaymentPolicy& p = out.totals.partial;
    p.enabled = f.partial;
    json partial = {{"enabled", f.partial}};
    if (f.minimum_type == "fixed") {
        p.minimum_kind = pw::MinimumKind::fixed;
        if (auto m = amount(f.minimum_amount, "minimum_amount")) {
            p.minimum_amount = *m;
            partial["minimum"] = {{"type", "fixed"}, {"amount", *m}};
        }
    } else if (!f.minimum_percent.empty()) {
        auto bps = percent_to_bps(f.minimum_percent);
        if (!bps) fail("minimum_percent", "Enter a percentage from 1 to 100, such as 25.");
        else {
            p.minimum_bps = *bps;
            partial["minimum"] = {{"type", "percent"}, {"basis_points", *bps}};
        }
    }
    r["partial_payments"] = std::move(partial);

    json schemes = json::array();
    for (const auto& [on, id] : {std::pair{f.ach, "ach"}, std::pair{f.pad, "pad"}, std::pair{f.sepa, "sepa"}})
        if (on) schemes.push_back(id);
    r["accepted_methods"] = {{"card", f.card}, {"bank_debit", std::move(schemes)}};
    if (!f.settlement_currency.empty() && f.settlement_currency != f.currency &&
        short_value(f.settlement_currency, "settlement_currency"))
        r["settlement_currency"] = f.settlement_currency;
    if (!f.fx_rate.empty() && short_value(f.fx_rate, "fx_rate")) r["fx_rate"] = f.fx_rate;
    out.totals_ready = lines_ready;
    return out;
}

std::string editor_input_for(std::string_view core_field) {
    if (core_field.rfind("partial_payments.minimum.amount", 0) == 0) return "minimum_amount";
    if (core_field.rfind("partial_payments.minimum", 0) == 0) return "minimum_percent";
    if (core_field.rfind("partial_payments", 0) == 0) return "partial_enabled";
    if (core_field.rfind("accepted_methods", 0) == 0) return "accept_card";
    return std::string(core_field);
}

}  // namespace pws::pages
