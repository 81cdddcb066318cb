// Fuzzes the strict invoice decoder with exceptions off: any input must give
// an invoice or an Error, never an abort. A decoded invoice must re-encode and
// decode to the same JSON (the codec round-trips exactly).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "paywidget/invoice.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto decoded = pw::parse_invoice_json(text);
    if (!decoded) {
        if (decoded.error.code.empty() || decoded.error.message.empty()) __builtin_trap();
        return 0;
    }
    const nlohmann::json encoded = pw::invoice_to_json(decoded.value);
    auto again = pw::invoice_from_json(encoded);
    if (!again || pw::invoice_to_json(again.value) != encoded) __builtin_trap();
    return 0;
}
