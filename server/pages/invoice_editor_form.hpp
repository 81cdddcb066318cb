// The invoice editor's form (/console/invoices/new, /console/invoices/
// drafts/<id>) as typed, and its translation to and from the
// pw::CreateInvoiceRequest JSON a draft stores. Inputs are named after the
// core's error fields ("items[0].unit_amount", "discount", "fx_rate"), so
// an error the core reports lands on the input it names.
//
// Amounts are typed as decimals in the invoice currency and read with the
// core's parser (pw::parse_amount, the currency's exponent); a percentage
// minimum is a percent with up to two decimals (basis points). Reading
// checks shapes and limits only (at most kMaxEditorLines lines, the codec's
// text lengths); the full rules run when a draft is issued.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/message.hpp"
#include "paywidget/api.hpp"
#include "paywidget/date.hpp"
#include "storage/records.hpp"

namespace pws::pages {

inline constexpr std::size_t kMaxEditorLines = 100;  // CreateInvoiceRequest's item limit
inline constexpr std::size_t kMaxEditorText = 500;   // a line's description (the codec's rule)
inline constexpr std::size_t kMaxEditorValue = 64;   // any other single value

struct EditorLine {
    std::string description, quantity, unit_amount, tax;
};

struct EditorForm {
    std::string client_id, currency, issue_date, due_date, discount;
    std::vector<EditorLine> lines;
    bool partial = false;
    std::string minimum_type = "percent";  // "percent" | "fixed"
    std::string minimum_percent, minimum_amount;
    bool card = true, ach = false, pad = false, sepa = false;
    std::string settlement_currency, fx_rate;
};

// A new invoice: the practice's currency (settlement currency, else USD),
// issued today, due in 30 days, one empty line, card accepted, partial
// payments as the practice's default policy says.
EditorForm new_editor_form(const Practice& practice, const pw::Date& today);

// The posted form (values trimmed; beyond the limits: kept short and
// reported by read_editor_form). The "remove_line" and "add_line" buttons
// are applied by the caller.
EditorForm editor_form_from_post(const http::Params& form);

// A stored draft's request JSON back into the form.
EditorForm editor_form_from_request(const nlohmann::json& request);

struct EditorRead {
    nlohmann::json request = nlohmann::json::object();  // what is filled in, CreateInvoiceRequest shape
    pw::CreateInvoiceRequest totals;  // currency, parsed items, discount, policy: for invoice_totals
    bool totals_ready = false;        // a known currency and every line parsed
    std::vector<pw::Error> errors;    // shape errors, field = the input's name
};
EditorRead read_editor_form(const EditorForm& f);

// A percentage typed with at most two decimals ("25", "12.5") as basis
// points 0..10000, and back ("25", "12.5").
std::optional<std::int64_t> percent_to_bps(std::string_view text);
std::string bps_to_percent(std::int64_t bps);

// The input (form field name) an error of the core names.
std::string editor_input_for(std::string_view core_field);

}  // namespace pws::pages
