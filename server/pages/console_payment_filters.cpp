#include "pages/console_payment_filters.hpp"

#include <span>

#include "pages/console_kit.hpp"
#include "paywidget/date.hpp"
#include "paywidget/money.hpp"
#include "paywidget/url.hpp"

namespace pws::pages {

namespace {

struct Choice {
    std::string_view value;
    std::string_view label;
};

// The statuses as the list shows them (rec::payment_result: reserved reads
// as processing; failed, returned and released as failed).
constexpr Choice kStatuses[] = {{"", "Any status"}, {"paid", "Paid"},     {"processing", "Processing"},
                                {"declined", "Declined"}, {"failed", "Failed"}, {"refunded", "Refunded"}};
constexpr Choice kMethods[] = {{"", "Any method"}, {"card", "Card"}, {"bank_debit", "Bank debit"}};

std::string param(const http::Request& req, std::string_view name) {
    return req.has_param(name) ? req.get_param_value(name) : std::string();
}

bool set_states(const std::string& status, PaymentFilter& f) {
    using S = PaymentState;
    if (status == "paid") f.states = {S::succeeded};
    else if (status == "processing") f.states = {S::reserved, S::processing};
    else if (status == "declined") f.states = {S::declined};
    else if (status == "failed") f.states = {S::failed, S::returned, S::released};
    else if (status == "refunded") f.refunded = true;
    else return false;
    return true;
}

// An ISO date as the first second of that UTC day; nullopt when not a date.
std::optional<UnixTime> day_start(const std::string& text, std::int64_t plus_days = 0) {
    auto d = pw::parse_iso_date(text);
    if (!d) return std::nullopt;
    return static_cast<UnixTime>(pw::days_from_civil(d.value) + plus_days) * 86400;
}

std::string select(std::string_view id, std::string_view label, const std::string& current,
                   std::span<const Choice> choices) {
    std::string out = "<div class=\"field\"><label for=\"" + std::string(id) + "\">" + std::string(label) +
                      "</label><select id=\"" + std::string(id) + "\" name=\"" + std::string(id) + "\">";
    for (const Choice& c : choices)
        out += "<option value=\"" + std::string(c.value) + "\"" + (current == c.value ? " selected" : "") + ">" +
               std::string(c.label) + "</option>";
    return out + "</select></div>";
}

}  // namespace

PaymentQuery read_payment_query(const http::Request& req) {
    PaymentQuery q;
    q.page = console_page_number(req);
    if (std::string s = param(req, "status"); !s.empty()) {
        if (set_states(s, q.filter)) q.status = s;
        else q.problems.push_back("Choose a status from the list.");
    }
    if (std::string m = param(req, "method"); !m.empty()) {
        if (m == "card") q.filter.method = pw::MethodType::card;
        else if (m == "bank_debit") q.filter.method = pw::MethodType::bank_debit;
        if (q.filter.method) q.method = m;
        else q.problems.push_back("Choose a method from the list.");
    }
    if (std::string c = trimmed_value(param(req, "currency")); !c.empty()) {
        if (const pw::CurrencyInfo* info = pw::find_currency_typed(c)) q.currency = q.filter.currency = info->code;
        else q.problems.push_back("Currency: enter a three-letter code such as USD.");
    }
    if (std::string from = trimmed_value(param(req, "from")); !from.empty()) {
        if ((q.filter.from = day_start(from))) q.from = from;
        else q.problems.push_back("From: enter a date as YYYY-MM-DD, such as 2026-01-31.");
    }
    if (std::string to = trimmed_value(param(req, "to")); !to.empty()) {
        if ((q.filter.before = day_start(to, 1))) q.to = to;  // the whole "to" day is included
        else q.problems.push_back("To: enter a date as YYYY-MM-DD, such as 2026-01-31.");
    }
    if (std::string client = trimmed_value(param(req, "client")); !client.empty()) {
        if (client.size() <= kMaxClientSearch) q.client = q.filter.client = client;
        else q.problems.push_back("Client: search with at most 100 characters.");
    }
    return q;
}

std::string payment_query_string(const PaymentQuery& q) {
    std::string out;
    auto add = [&](std::string_view name, const std::string& value) {
        if (!value.empty()) out += (out.empty() ? "" : "&") + std::string(name) + "=" + pw::percent_encode(value);
    };
    add("status", q.status);
    add("method", q.method);
    add("currency", q.currency);
    add("from", q.from);
    add("to", q.to);
    add("client", q.client);
    return out;
}

std::string payment_filter_form(const PaymentQuery& q) {
    std::string out = "<form class=\"form filters\" method=\"get\" action=\"/console/payments\" "
                      "aria-label=\"Filter payments\"><div class=\"filter-fields\">";
    out += select("status", "Status", q.status, kStatuses);
    out += select("method", "Method", q.method, kMethods);
    out += console_field("currency", "Currency", "text", "off", q.currency, "", false);
    out += console_field("from", "From date", "date", "off", q.from, "", false);
    out += console_field("to", "To date", "date", "off", q.to, "", false);
    out += console_field("client", "Client name or email", "search", "off", q.client, "", false);
    out += "</div><p class=\"actions\"><button type=\"submit\" class=\"button button-primary\">Show payments</button> "
           "<a class=\"button button-quiet\" href=\"/console/payments\">Clear filters</a></p></form>";
    return out;
}

}  // namespace pws::pages
