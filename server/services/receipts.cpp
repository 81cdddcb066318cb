#include "services/receipts.hpp"

#include "http/service_outcome.hpp"
#include "services/api_records.hpp"
#include "services/payments.hpp"

namespace pws {

pw::Result<pw::Receipt> receipt_for(App& app, const Payer& payer, std::string_view payment_id) {
    pw::Receipt receipt;
    bool found = false;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<ReceiptData> d = t.receipt(payment_id);
        if (!d.ok()) return d.error.code == "not_found" ? pw::Error{} : d.error;
        const ReceiptData& r = d.value;
        const bool allowed = r.payment.practice_id == payer.practice_id &&
                             (payer.kind == PayerKind::link ? payer.link.invoice_id == r.payment.invoice_id
                                                            : payer.client.id == r.view.record.client_id);
        // A released reservation never reached the processor: no receipt.
        if (!allowed || r.payment.state == PaymentState::released || r.payment.state == PaymentState::reserved)
            return {};
        found = true;
        receipt.payment_id = r.payment.id;
        receipt.invoice = r.view.invoice;
        for (const PaymentRecord& p : r.view.payments) {
            if (p.state == PaymentState::released || p.state == PaymentState::reserved) continue;
            receipt.payments.push_back(rec::payment_result(p, r.view.refunds, rec::Audience::payer));
        }
        for (const RefundRecord& f : r.view.refunds) {
            if (f.state != RefundState::succeeded) continue;
            receipt.refunds.push_back(rec::refund_message(f));
        }
        receipt.balance = r.view.invoice.balance;
        return {};
    });
    using R = pw::Result<pw::Receipt>;
    if (e) return R::failure(server_failure("receipt", e));
    if (!found) return R::failure("not_found", "", "");
    return R::success(std::move(receipt));
}

}  // namespace pws
