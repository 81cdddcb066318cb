#include "services/payments_csv.hpp"

#include "paywidget/money.hpp"
#include "services/api_records.hpp"

namespace pws {

namespace {

constexpr std::string_view kHeader =
    "type,date,invoice,client,method,status,amount,currency,payment_id,refund_reason\r\n";

void append_row(std::string& out, const std::vector<std::string_view>& text_cells, std::int64_t amount,
                std::string_view currency, std::string_view payment_id, std::string_view reason) {
    for (std::string_view cell : text_cells) out += csv_field(cell) + ",";
    out += csv_field(pw::format_money(pw::Money{amount, std::string(currency)}), true) + ",";
    out += csv_field(currency) + "," + csv_field(payment_id) + "," + csv_field(reason) + "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text, bool numeric) {
    std::string cell(text);
    if (!numeric && !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
        cell.insert(cell.begin(), '\'');
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string payments_csv(const std::vector<HistoryEntry>& rows) {
    std::string out(kHeader);
    for (const HistoryEntry& h : rows) {
        // The practitioner's view: the processor's own decline code is not
        // in the file, the status is the API's (succeeded, processing,
        // declined, failed).
        const pw::PaymentResult p = rec::payment_result(h.payment, h.refunds, rec::Audience::practitioner);
        const std::string method = pw::method_label(p.method);
        append_row(out, {"payment", p.created_at, h.invoice_number, h.client_name, method,
                         pw::payment_status_id(p.status)},
                   p.amount, p.currency, p.id, "");
        for (const RefundRecord& r : h.refunds) {
            if (r.state != RefundState::succeeded) continue;  // reserved or failed: no money moved
            append_row(out, {"refund", rec::format_instant(r.created_at), h.invoice_number, h.client_name, method,
                             "refunded"},
                       -r.amount, r.currency, p.id, r.reason);
        }
    }
    return out;
}

}  // namespace pws
