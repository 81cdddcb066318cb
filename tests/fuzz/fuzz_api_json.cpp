// Fuzzes every API message decoder with exceptions off: the first byte picks
// the message type, the rest is the body. Any body must give a message or an
// Error, never an abort; a decoded message must re-encode, and that encoding
// must decode to the same JSON again (one codec per type, exact round trip).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "paywidget/api.hpp"

namespace {

template <class T>
void round_trip(std::string_view body) {
    auto decoded = pw::parse_as<T>(body);
    if (!decoded) {
        if (decoded.error.code.empty()) __builtin_trap();
        return;
    }
    const nlohmann::json encoded = pw::encode(decoded.value);
    T again{};
    if (pw::decode(encoded, again)) __builtin_trap();
    if (pw::encode(again) != encoded) __builtin_trap();
    (void)pw::dump_body(encoded);
}

template <class... Ts>
struct Messages {
    static void run(std::uint8_t which, std::string_view body) {
        constexpr std::size_t count = sizeof...(Ts);
        std::size_t i = 0;
        ((i++ == which % count ? round_trip<Ts>(body) : void()), ...);
    }
};

using All = Messages<pw::ApiError, pw::SavedMethod, pw::LinkView, pw::TokenRequest, pw::TokenResponse,
                     pw::PaymentRequest, pw::PaymentResult, pw::PaymentResponse, pw::Refund, pw::Receipt,
                     pw::LoginRequest, pw::SessionInfo, pw::SetPasswordRequest, pw::PasswordResetRequest,
                     pw::InvoiceList, pw::PaymentHistory, pw::SavedMethodList, pw::CreateClientRequest,
                     pw::ClientEnvelope, pw::CreateInvoiceRequest, pw::InvoiceEnvelope, pw::AdminInvoiceView,
                     pw::CreateLinkRequest, pw::LinkInfo, pw::RefundRequest, pw::RefundResponse, pw::Settings,
                     pw::InviteResponse, pw::SendInvoiceRequest, pw::SendInvoiceResponse>;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    All::run(data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
    return 0;
}
