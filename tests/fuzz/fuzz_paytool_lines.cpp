// Fuzzes every paytool parser through the very handlers the CLI calls: the
// first byte picks the subcommand, the rest is the line. Each result must also
// serialise (dump_line), since an unserialisable echo would abort the CLI.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "commands.hpp"

namespace {

const pw::Invoice& sample_invoice() {
    static const pw::Invoice invoice = [] {
        auto parsed = pw::parse_invoice_json(R"({
          "id": "inv_fuzz", "number": "INV-1", "currency": "USD",
          "issue_date": "2026-11-01", "due_date": "2026-12-01",
          "practitioner": {"name": "Dr. A", "email": "a@example.com", "phone": ""},
          "client": {"name": "B", "email": "b@example.com", "phone": ""},
          "items": [{"description": "Session", "quantity": 2, "unit_amount": 5000, "tax": 0}],
          "subtotal": 10000, "tax": 0, "discount": 0, "total": 10000,
          "payments": [], "amount_paid": 0, "refunded": 0, "balance": 10000, "status": "open",
          "partial_payments": {"enabled": true, "minimum": {"type": "percent", "basis_points": 2500}, "max_payments": 2},
          "accepted_methods": {"card": true, "bank_debit": ["ach"]}
        })");
        if (!parsed) __builtin_trap();  // the fixture itself must stay valid
        return parsed.value;
    }();
    return invoice;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
    static const pw::Date today{2026, 11, 27};
    static const pw::AmountSeparators comma_decimal{",", "."};
    static const pw::AmountSeparators swiss{".", "\xE2\x80\x99"};  // U+2019
    nlohmann::json out;
    switch (data[0] % 10) {
        case 0: out = paytool::card_line(line); break;
        case 1: out = paytool::expiry_line(line, today); break;
        case 2: out = paytool::iban_line(line); break;
        case 3: out = paytool::routing_line(line); break;
        case 4: out = paytool::currency_line(line); break;
        case 5: out = paytool::money_line(line, "USD", {}); break;
        case 6: out = paytool::money_line(line, "BHD", comma_decimal); break;
        case 7: out = paytool::money_line(line, "CHF", swiss); break;
        case 8: out = paytool::money_line(line, "JPY", {}); break;
        default: out = paytool::plan_line(line, sample_invoice()); break;
    }
    const std::string text = paytool::dump_line(out);
    if (text.empty() || text.front() != '{') __builtin_trap();
    return 0;
}
