// Names of the record enums as stored in the database and shown in JSON.
#include "storage/records.hpp"

namespace pws {

std::string_view payment_state_id(PaymentState s) {
    switch (s) {
        case PaymentState::reserved: return "reserved";
        case PaymentState::succeeded: return "succeeded";
        case PaymentState::processing: return "processing";
        case PaymentState::declined: return "declined";
        case PaymentState::failed: return "failed";
        case PaymentState::returned: return "returned";
        case PaymentState::released: return "released";
    }
    return "reserved";
}

std::optional<PaymentState> parse_payment_state(std::string_view id) {
    for (PaymentState s : {PaymentState::reserved, PaymentState::succeeded, PaymentState::processing,
                           PaymentState::declined, PaymentState::failed, PaymentState::returned,
                           PaymentState::released}) {
        if (payment_state_id(s) == id) return s;
    }
    return std::nullopt;
}

bool counts_toward_balance(PaymentState s) {
    return s == PaymentState::reserved || s == PaymentState::processing ||
           s == PaymentState::succeeded;
}

bool payment_transition_allowed(PaymentState from, PaymentState to) {
    if (from == to) return false;
    switch (from) {
        case PaymentState::reserved: return true;
        case PaymentState::processing:
            return to == PaymentState::succeeded || to == PaymentState::returned ||
                   to == PaymentState::failed;
        case PaymentState::succeeded: return to == PaymentState::returned;
        default: return false;  // declined, failed, returned, released are final
    }
}

std::string_view payer_kind_id(PayerKind k) { return k == PayerKind::portal ? "portal" : "link"; }

std::string_view refund_state_id(RefundState s) {
    switch (s) {
        case RefundState::reserved: return "reserved";
        case RefundState::succeeded: return "succeeded";
        case RefundState::failed: return "failed";
    }
    return "reserved";
}

std::optional<RefundState> parse_refund_state(std::string_view id) {
    for (RefundState s : {RefundState::reserved, RefundState::succeeded, RefundState::failed}) {
        if (refund_state_id(s) == id) return s;
    }
    return std::nullopt;
}

std::string_view one_time_purpose_id(OneTimePurpose p) {
    return p == OneTimePurpose::password_reset ? "password_reset" : "invitation";
}

std::string_view practice_role_id(PracticeRole r) { return r == PracticeRole::owner ? "owner" : "staff"; }

}  // namespace pws
