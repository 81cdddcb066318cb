// bench_core: how fast the core's rules run natively, one row per operation,
// printed as a Markdown table for scripts/bench. Each operation runs for at
// least ~0.2 s; the result is the mean time per call.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "paywidget/api.hpp"
#include "paywidget/bank_debit.hpp"
#include "paywidget/card.hpp"
#include "paywidget/invoice.hpp"
#include "paywidget/money.hpp"
#include "paywidget/partial_plan.hpp"

namespace {

volatile long long g_sink = 0;  // keeps the optimiser from dropping the work

template <class F>
void row(const char* what, F&& op) {
    using clock = std::chrono::steady_clock;
    long long calls = 0;
    const auto start = clock::now();
    auto elapsed = clock::duration::zero();
    while (elapsed < std::chrono::milliseconds(200)) {
        for (int i = 0; i < 256; ++i) g_sink = g_sink + op();
        calls += 256;
        elapsed = clock::now() - start;
    }
    const double ns = std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(calls);
    std::printf("| %s | %.0f ns | %.0f |\n", what, ns, 1e9 / ns);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_core INVOICE_JSON_TEXT_FILE\n");
        return 2;
    }
    std::FILE* f = std::fopen(argv[1], "rb");
    if (!f) return 2;
    std::string invoice_text;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) invoice_text.append(buf, n);
    std::fclose(f);
    auto invoice = pw::parse_invoice_json(invoice_text);
    if (!invoice) return 2;

    std::printf("| core operation (native, g++ -O2) | time per call | calls per second |\n|---|---|---|\n");
    row("parse_amount(\"1,234.50\", USD)", [] { return pw::parse_amount("1,234.50", "USD").value; });
    row("inspect_card_number(\"4242 4242 4242 4242\")",
        [] { return static_cast<long long>(pw::inspect_card_number("4242 4242 4242 4242").valid); });
    row("format_card_number(\"378282246310005\")",
        [] { return static_cast<long long>(pw::format_card_number("378282246310005").size()); });
    row("validate_iban(\"DE89 3704 0044 0532 0130 00\")",
        [] { return static_cast<long long>(pw::validate_iban("DE89 3704 0044 0532 0130 00").ok()); });
    row("validate_routing_number(\"021000021\")",
        [] { return static_cast<long long>(pw::validate_routing_number("021000021").ok()); });
    row("parse_invoice_json (2 items, 1 KB)",
        [&] { return static_cast<long long>(pw::parse_invoice_json(invoice_text).value.total); });
    row("plan_payment(invoice, 2501)", [&] { return pw::plan_payment(invoice.value, 2501).value.remaining_after; });
    const std::string body =
        R"({"amount":2501,"currency":"USD","token":"tok_0123456789abcdef","save_method":false})";
    row("parse_as<PaymentRequest> (payment body)",
        [&] { return pw::parse_as<pw::PaymentRequest>(body).value.amount; });
    return 0;
}
