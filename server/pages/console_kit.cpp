#include "pages/console_kit.hpp"

#include <charconv>

#include "http/cross_site.hpp"
#include "paywidget/url.hpp"
#include "security/random.hpp"

namespace pws::pages {

namespace {

constexpr std::string_view kConsoleFooter =
    "Practitioner console. Card numbers are never shown here: the payment host keeps only the brand and last "
    "four digits.";

std::string nav_link(ConsoleSection current, ConsoleSection item, std::string_view href, std::string_view text) {
    return "<li><a href=\"" + std::string(href) + "\"" + (current == item ? " aria-current=\"page\"" : "") + ">" +
           std::string(text) + "</a></li>";
}

std::string console_nav(const ConsoleUser& user, ConsoleSection s) {
    using S = ConsoleSection;
    std::string out = "<nav class=\"site-nav\" aria-label=\"Console\"><ul>";
    out += nav_link(s, S::home, "/console", "Home");
    out += nav_link(s, S::clients, "/console/clients", "Clients");
    out += nav_link(s, S::invoices, "/console/invoices", "Invoices");
    out += nav_link(s, S::payments, "/console/payments", "Payments");
    out += nav_link(s, S::activity, "/console/activity", "Activity");
    if (user.owner()) out += nav_link(s, S::users, "/console/users", "Users");
    if (user.owner()) out += nav_link(s, S::settings, "/console/settings", "Settings");
    // A real form: signing out works without JavaScript.
    out += "<li><form method=\"post\" action=\"/console/logout\" class=\"signout\">"
           "<button type=\"submit\" class=\"link-button\">Sign out</button></form></li>";
    out += "</ul></nav>";
    return out;
}

}  // namespace

std::string console_next(std::string_view next) { return safe_next(next, "/console"); }

std::optional<ConsoleUser> require_console_user(App& app, const http::Request& req, http::Response& res) {
    std::optional<ConsoleUser> user = console_user(app, req);
    if (!user) {
        const std::string back = req.method == "GET" ? console_next(req.target) : std::string("/console");
        redirect(res, "/console/login?next=" + pw::percent_encode(back));
    }
    return user;
}

std::optional<ConsoleUser> require_console_owner(App& app, const http::Request& req, http::Response& res) {
    std::optional<ConsoleUser> user = require_console_user(app, req, res);
    if (user && !user->owner()) {
        send_console_page(res, 404, *user, ConsoleSection::none, "Page not found",
                          "<section class=\"card message\"><h1>Page not found</h1><p>There is no such page in your "
                          "console.</p><p><a href=\"/console\">Back to Home</a></p></section>");
        return std::nullopt;
    }
    return user;
}

std::optional<http::Params> console_form(App& app, const http::Request& req, http::Response& res) {
    if (!is_own_origin_post(req, origin_of(app.config.public_url))) {
        send_console_public_page(res, 403, "Refused",
                                 "<section class=\"card message\"><h1>This form came from another site</h1><p>For "
                                 "your safety the console accepts forms only from its own pages. Open the console "
                                 "and try again.</p><p><a href=\"/console\">Open the console</a></p></section>");
        return std::nullopt;
    }
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
        send_console_public_page(res, 415, "Unsupported form",
                                 "<section class=\"card message\"><h1>This form could not be read</h1>"
                                 "<p><a href=\"/console\">Open the console</a></p></section>");
        return std::nullopt;
    }
    return http::parse_query(req.body);
}

std::string field_value(const http::Params& form, std::string_view name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
}

std::string trimmed_field(const http::Params& form, std::string_view name, std::size_t max_bytes) {
    return trimmed_value(field_value(form, name)).substr(0, max_bytes);
}

void send_console_page(http::Response& res, int status, const ConsoleUser& user, ConsoleSection section,
                       std::string_view title, const std::string& body) {
    PageShell p;
    p.title = std::string(title) + " · Console";
    p.brand = user.practice.name + " · Console";
    p.nav_html = console_nav(user, section);
    p.footer = std::string(kConsoleFooter);
    p.body = body;
    p.body_class = "console";
    p.referrer_policy = "same-origin";
    send_page(res, status, p);
}

void send_console_public_page(http::Response& res, int status, std::string_view title, const std::string& body) {
    PageShell p;
    p.title = std::string(title) + " · Practitioner console";
    p.brand = "Practitioner console";
    p.footer = std::string(kConsoleFooter);
    p.body = body;
    p.body_class = "console";
    p.referrer_policy = "same-origin";
    send_page(res, status, p);
}

std::string console_field(std::string_view id, std::string_view label, std::string_view type,
                          std::string_view autocomplete, std::string_view value, std::string_view error,
                          bool required) {
    const std::string i(id);
    std::string out = "<div class=\"field\"><label for=\"" + i + "\">" + html(label) + "</label>";
    out += "<input id=\"" + i + "\" name=\"" + i + "\" type=\"" + std::string(type) + "\" autocomplete=\"" +
           std::string(autocomplete) + "\"" + (required ? " required" : "") + " aria-describedby=\"" + i +
           "-error\"";
    if (!value.empty()) out += " value=\"" + html(value) + "\"";
    if (!error.empty()) out += " aria-invalid=\"true\"";
    if (type == "email") out += " inputmode=\"email\" autocapitalize=\"off\" spellcheck=\"false\"";
    out += "><p class=\"field-error\" id=\"" + i + "-error\">" + html(error) + "</p></div>";
    return out;
}

std::string console_alert(std::string_view message) {
    return message.empty() ? std::string() : "<p class=\"form-error\" role=\"alert\">" + html(message) + "</p>";
}

std::string console_notice(std::string_view message) {
    return "<p class=\"notice\" role=\"status\">" + html(message) + "</p>";
}

std::string trimmed_value(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

std::string console_card(std::string_view heading_id, std::string_view title, const std::string& inner) {
    return "<section class=\"card\" aria-labelledby=\"" + std::string(heading_id) + "\"><h2 id=\"" +
           std::string(heading_id) + "\" class=\"card-title\">" + html(title) + "</h2>" + inner + "</section>";
}

void send_console_unavailable(http::Response& res, const ConsoleUser& user, ConsoleSection section) {
    send_console_page(res, 503, user, section, "Try again",
                      "<section class=\"card message\"><h1>This page could not be loaded</h1><p>The server is busy "
                      "right now. Reload the page in a moment.</p></section>");
}

std::size_t console_page_number(const http::Request& req) {
    const std::string v = req.has_param("page") ? req.get_param_value("page") : std::string("1");
    std::size_t n = 1;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < 1 || n > 10000) return 1;
    return n;
}

void send_console_not_found(http::Response& res, const ConsoleUser& user, ConsoleSection section,
                            std::string_view heading, std::string_view back, std::string_view back_text) {
    send_console_page(res, 404, user, section, "Not found",
                      "<section class=\"card message\"><h1>" + html(heading) + "</h1><p><a href=\"" + html(back) +
                          "\">Back to " + html(back_text) + "</a></p></section>");
}

std::string console_form_nonce_field() {
    return "<input type=\"hidden\" name=\"form_nonce\" value=\"" + random_token() + "\">";
}

}  // namespace pws::pages
