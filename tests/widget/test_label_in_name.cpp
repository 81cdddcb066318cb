// Label in name (WCAG 2.5.3): on every screen, every control's accessible
// name contains the text the payer sees on it, in the order drawn. Mirror
// controls (buttons, links, radios, checkboxes) are checked against the
// runs drawn as their label (drawn_text(): `labels` = the item's id); DOM
// inputs against the label drawn above them (their aria-label is
// TextFieldSpec::label). A control with no visible text fails too.
#define BOOST_TEST_MODULE widget_label_in_name
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "screen_walk.hpp"

using namespace pwtest;

namespace {

// Case and runs of spaces do not change what a speech user says.
std::string fold(const std::string& s) {
    std::string out;
    for (char c : s) {
        const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (l == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += l;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool is_control(pwui::Role r) {
    return r == pwui::Role::button || r == pwui::Role::link || r == pwui::Role::radio || r == pwui::Role::checkbox;
}

// Every run labelled `id` is in `name`, each after the previous one.
void check_control(const HeadlessWidget& w, const std::string& id, const std::string& name) {
    const std::string folded = fold(name);
    std::size_t from = 0;
    int runs = 0;
    for (const pwui::DrawnText& run : w.drawn_text()) {
        if (run.labels != id) continue;
        ++runs;
        const std::string part = fold(run.text);
        const std::size_t at = folded.find(part, from);
        BOOST_TEST(at != std::string::npos, id << ": visible '" << run.text << "' is not in its name '" << name << "'");
        if (at != std::string::npos) from = at + part.size();
    }
    BOOST_TEST(runs > 0, id << " ('" << name << "') shows no visible label");
}

void check_labels(float width) {
    WidgetOptions o;
    o.width = width;
    walk_every_screen(o, [width](const HeadlessWidget& w, const std::string& screen) {
        BOOST_TEST_CONTEXT(screen << " at " << width << " px") {
            for (const pwui::A11yItem& i : w.items())
                if (is_control(i.role)) check_control(w, i.id, i.name);
            for (const pwui::PlacedField& f : w.placed()) check_control(w, f.spec.id, f.spec.label);
        }
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_control_on_every_screen_at_320_px) { check_labels(320); }

BOOST_AUTO_TEST_CASE(every_control_on_every_screen_at_720_px) { check_labels(720); }

BOOST_AUTO_TEST_CASE(expiry_field_is_named_as_it_is_labelled) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false, {})));
    go_to_card_form(w);
    const pwui::PlacedField* exp = w.field("exp");
    BOOST_TEST_REQUIRE(exp != nullptr);
    BOOST_TEST(exp->spec.label == "Expiry (MM / YY)");
    check_control(w, "exp", exp->spec.label);
}

BOOST_AUTO_TEST_CASE(folding_keeps_words_and_order) {
    // The rule itself: a name that says more but not the label's words fails.
    BOOST_TEST(fold("Expiry date (MM / YY)").find(fold("Expiry (MM / YY)")) == std::string::npos);
    BOOST_TEST(fold("Pay  NOW ") == "pay now");
}
