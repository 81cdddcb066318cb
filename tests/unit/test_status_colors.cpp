// The status pills' colours: the pages' stylesheet names the core's table
// (paywidget/status_colors.hpp), which the widget draws with, so a status
// has one colour everywhere (issue 13: "Partially paid" was amber on the
// page and purple in the widget).
#define BOOST_TEST_MODULE status_colors
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <string>

#include "paywidget/status_colors.hpp"
#include "repo_file.hpp"

namespace {

std::string hex(std::uint32_t rgb) {
    char out[8];
    std::snprintf(out, sizeof out, "#%06x", static_cast<unsigned>(rgb & 0xffffff));
    return out;
}

// The value of a custom property in web/pages/site.css, "" when absent.
std::string css_property(const std::string& css, const std::string& name) {
    const std::string key = name + ":";
    const std::size_t at = css.find(key);
    if (at == std::string::npos) return {};
    std::size_t v = at + key.size();
    while (v < css.size() && css[v] == ' ') ++v;
    return css.substr(v, css.find(';', v) - v);
}

// WCAG 2 relative luminance and contrast, for the pill's text.
double channel(std::uint32_t c) {
    const double s = c / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}
double luminance(std::uint32_t rgb) {
    return 0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) + 0.0722 * channel(rgb & 255);
}
double contrast(std::uint32_t a, std::uint32_t b) {
    const double x = luminance(a) + 0.05, y = luminance(b) + 0.05;
    return x > y ? x / y : y / x;
}

constexpr pw::InvoiceStatus kAll[] = {pw::InvoiceStatus::open, pw::InvoiceStatus::partially_paid,
                                      pw::InvoiceStatus::processing, pw::InvoiceStatus::paid,
                                      pw::InvoiceStatus::void_};

}  // namespace

BOOST_AUTO_TEST_CASE(the_pages_stylesheet_uses_the_cores_status_colours) {
    const std::string css = pwtest::read_repo_file("web/pages/site.css");
    for (pw::InvoiceStatus s : kAll) {
        const std::string id(pw::status_id(s));
        const pw::StatusColors c = pw::status_colors(s);
        BOOST_TEST(css_property(css, "--status-" + id + "-text") == hex(c.text), id);
        BOOST_TEST(css_property(css, "--status-" + id + "-bg") == hex(c.background), id);
    }
}

BOOST_AUTO_TEST_CASE(partially_paid_is_amber_not_the_accent_purple) {
    const pw::StatusColors c = pw::status_colors(pw::InvoiceStatus::partially_paid);
    BOOST_TEST(hex(c.text) == "#8a4b00");
    BOOST_TEST(hex(c.text) != hex(pw::status_colors(pw::InvoiceStatus::open).text));
}

// A balance covered by a bank debit that has not settled is not paid, and
// must not look it (issue 13 item 2).
BOOST_AUTO_TEST_CASE(processing_is_not_the_paid_green) {
    for (bool dark : {false, true}) {
        BOOST_TEST(hex(pw::status_colors(pw::InvoiceStatus::processing, dark).text) !=
                   hex(pw::status_colors(pw::InvoiceStatus::paid, dark).text));
        BOOST_TEST(pw::status_colors(pw::InvoiceStatus::processing, dark).background != 0u);
    }
}

BOOST_AUTO_TEST_CASE(every_pill_is_readable_in_both_themes) {
    for (bool dark : {false, true})
        for (pw::InvoiceStatus s : kAll) {
            const pw::StatusColors c = pw::status_colors(s, dark);
            BOOST_TEST(contrast(c.text, c.background) >= 4.5, pw::status_id(s) << (dark ? " dark" : " light"));
        }
}
