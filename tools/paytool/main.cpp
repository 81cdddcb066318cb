// paytool: the core's rules on the command line.
//
// Every subcommand reads inputs one per line on stdin and writes one JSON
// object per line on stdout, in the same order. A bad line gives an object
// with an "error" field; the exit code is non-zero only for bad flags or an
// unreadable --invoice file.
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace {

void for_each_line(const std::function<nlohmann::json(std::string_view)>& handle) {
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF input
        std::cout << paytool::dump_line(handle(line)) << '\n';
    }
    std::cout.flush();
}

bool load_invoice(const std::string& path, pw::Invoice& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "paytool: cannot read invoice file " << path << "\n";
        return false;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    auto parsed = pw::parse_invoice_json(buf.str());
    if (!parsed) {
        std::cerr << "paytool: invalid invoice in " << path << ": " << parsed.error.field << ": "
                  << parsed.error.message << "\n";
        return false;
    }
    out = std::move(parsed.value);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    CLI::App app{"paytool: paywidget's core rules, one JSON object per input line"};
    app.require_subcommand(1);

    app.add_subcommand("card", "card number -> brand, validity, CVC length, grouping");
    std::string today_text;
    auto* expiry = app.add_subcommand("expiry", "card expiry -> validity against --today");
    expiry->add_option("--today", today_text, "today's date, YYYY-MM-DD")->required();
    app.add_subcommand("iban", "IBAN -> validity, country, electronic and grouped forms");
    app.add_subcommand("routing", "US ABA routing number -> validity");
    app.add_subcommand("currency", "ISO 4217 code -> known, exponent");
    std::string currency;
    auto* money = app.add_subcommand("money", "typed amount -> minor units, canonical form");
    money->add_option("--currency", currency, "ISO 4217 code")->required();
    pw::AmountSeparators separators;
    money->add_option("--decimal", separators.decimal, "the locale's decimal separator (default .)");
    money->add_option("--grouping", separators.grouping, "the locale's grouping separator (default ,)");
    std::string invoice_path;
    bool options_only = false;
    auto* plan = app.add_subcommand("plan", "amount in minor units -> full / partial / error");
    plan->add_option("--invoice", invoice_path, "invoice JSON file")->required();
    plan->add_flag("--options", options_only, "print the partial-payment options instead");

    CLI11_PARSE(app, argc, argv);

    if (app.got_subcommand("card")) {
        for_each_line(paytool::card_line);
    } else if (app.got_subcommand("expiry")) {
        auto today = pw::parse_iso_date(today_text, "today");
        if (!today) {
            std::cerr << "paytool: --today: " << today.error.message << "\n";
            return 2;
        }
        for_each_line([&](std::string_view l) { return paytool::expiry_line(l, today.value); });
    } else if (app.got_subcommand("iban")) {
        for_each_line(paytool::iban_line);
    } else if (app.got_subcommand("routing")) {
        for_each_line(paytool::routing_line);
    } else if (app.got_subcommand("currency")) {
        for_each_line(paytool::currency_line);
    } else if (app.got_subcommand("money")) {
        for_each_line([&](std::string_view l) { return paytool::money_line(l, currency, separators); });
    } else if (app.got_subcommand("plan")) {
        pw::Invoice invoice;
        if (!load_invoice(invoice_path, invoice)) return 2;
        if (options_only) {
            std::cout << paytool::dump_line(paytool::plan_options(invoice)) << '\n';
            return 0;
        }
        for_each_line([&](std::string_view l) { return paytool::plan_line(l, invoice); });
    }
    return 0;
}
