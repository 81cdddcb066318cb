// pw::load_catalogue (messages.hpp): the browser's per-language files, as
// tools/messages/compile_messages.py --widget writes them (each language's
// first-visit texts, then the rest, en's too), say exactly what the
// compiled-in tables say, the rest adds to the first part, the two parts
// are every widget text once, and a file that is not one changes nothing.
// A process of its own: a loaded table answers for its locale from then on.
#define BOOST_TEST_MODULE catalogue_file
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "paywidget/messages.hpp"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The ids a file holds, each with what the compiled-in tables say for `locale`.
std::map<std::string, std::string> compiled_texts(const std::string& file, const std::string& locale) {
    std::map<std::string, std::string> out;
    const nlohmann::json j = nlohmann::json::parse(file, nullptr, false);
    if (j.is_object() && j.contains("messages") && j["messages"].is_object())
        for (auto it = j["messages"].begin(); it != j["messages"].end(); ++it)
            out[it.key()] = pw::text(locale, it.key());
    return out;
}

std::string widget_file(const std::string& name) { return read_file(std::string(PW_CATALOGUE_DIR) + "/" + name); }

// The ids of wasm/split/first-visit-messages.txt.
std::set<std::string> first_visit_ids() {
    std::set<std::string> ids;
    std::istringstream lines(read_file(PW_FIRST_VISIT_LIST));
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line[0] != '#') ids.insert(line);
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_refused_file_changes_nothing) {
    const std::string before = pw::text("fr", "widget.pay_now");
    const char* bad[] = {
        "",
        "not json",
        "[]",
        R"({"locale":"fr"})",
        R"({"locale":"de","messages":{"widget.pay_now":"Bezahlen"}})",   // not supported
        R"({"locale":"fr","messages":{"widget.pay_now":7}})",
        R"({"locale":"fr","messages":{"widget.pay_now":"Payer {"}})",    // does not parse
        R"({"locale":"fr","messages":{"":"Payer"}})",
    };
    for (const char* file : bad) {
        const pw::Error e = pw::load_catalogue(file);
        BOOST_TEST(e.code == "invalid_catalogue", "accepted: " << file);
        BOOST_TEST(pw::text("fr", "widget.pay_now") == before);
    }
    const std::string huge = R"({"locale":"fr","messages":{"widget.pay_now":")" + std::string(600 * 1024, 'a') + "\"}}";
    BOOST_TEST(pw::load_catalogue(huge).code == "invalid_catalogue");
    BOOST_TEST(pw::text("fr", "widget.pay_now") == before);
}

BOOST_AUTO_TEST_CASE(the_two_parts_hold_every_widget_text_once_split_by_the_first_visit_list) {
    const std::set<std::string> first_visit = first_visit_ids();
    BOOST_TEST(first_visit.size() > 20u, "wasm/split/first-visit-messages.txt lists the first visits' texts");
    for (const std::string locale : {"fr", "fr-CA", "es"}) {
        const auto first = compiled_texts(widget_file("messages." + locale + ".json"), locale);
        const auto rest = compiled_texts(widget_file("messages." + locale + ".rest.json"), locale);
        for (const auto& [id, text] : first) BOOST_TEST(first_visit.count(id) == 1u, locale << ": " << id);
        for (const auto& [id, text] : rest) {
            BOOST_TEST(first_visit.count(id) == 0u, locale << ": " << id);
            BOOST_TEST(!first.count(id), locale << ": " << id << " in both parts");
        }
        // Every id the widget can show (en's rest + the list) is in one of them.
        const auto en_rest = compiled_texts(widget_file("messages.en.rest.json"), "en");
        BOOST_TEST(rest.size() == en_rest.size());
        for (const auto& [id, text] : en_rest) BOOST_TEST(rest.count(id) == 1u, locale << ": " << id);
        BOOST_TEST(first.size() + rest.size() > 400u);
    }
}

BOOST_AUTO_TEST_CASE(each_file_says_what_the_compiled_tables_say_and_the_rest_adds_to_the_first) {
    const std::vector<std::string> locales = {"fr", "fr-CA", "es", "en"};
    // A server-only text (in neither file): answered by the compiled-in
    // tables before and after the files are loaded.
    const std::string page_id = "page.error_heading";
    std::map<std::string, std::string> before;
    std::map<std::string, std::map<std::string, std::string>> first, rest;
    for (const std::string& locale : locales) {
        if (locale != "en") first[locale] = compiled_texts(widget_file("messages." + locale + ".json"), locale);
        rest[locale] = compiled_texts(widget_file("messages." + locale + ".rest.json"), locale);
        BOOST_TEST_REQUIRE(!rest[locale].empty(), "no rest for " << locale);
        BOOST_TEST(!first[locale].count(page_id));
        BOOST_TEST(!rest[locale].count(page_id));
        before[locale] = pw::text(locale, page_id);
    }
    for (const std::string& locale : locales) {
        if (locale != "en") {
            const pw::Error e = pw::load_catalogue(widget_file("messages." + locale + ".json"));
            BOOST_TEST_REQUIRE(e.ok(), locale << ": " << e.message);
            BOOST_TEST(pw::has_catalogue(locale));
            for (const auto& [id, text] : first[locale]) BOOST_TEST(pw::text(locale, id) == text, locale << " " << id);
        }
        const pw::Error e = pw::load_catalogue(widget_file("messages." + locale + ".rest.json"));
        BOOST_TEST_REQUIRE(e.ok(), locale << ": " << e.message);
        // The rest adds: the first part still answers, from the loaded table.
        for (const auto& part : {first[locale], rest[locale]})
            for (const auto& [id, text] : part) {
                BOOST_TEST(pw::text(locale, id) == text, locale << " " << id);
                BOOST_TEST(pw::find_message(locale, id).has_value(), locale << " " << id);
            }
        BOOST_TEST(pw::text(locale, page_id) == before[locale]);
    }
}

BOOST_AUTO_TEST_CASE(a_file_loaded_again_replaces_only_what_it_says) {
    BOOST_TEST_REQUIRE(pw::load_catalogue(R"({"locale":"es","messages":{"widget.pay_now":"Pague ya"}})").ok());
    BOOST_TEST(pw::text("es", "widget.pay_now") == "Pague ya");
    BOOST_TEST(pw::text("es", "list.two", {{"first", "a"}, {"second", "b"}}) == "a y b", "the rest stays");
}

BOOST_AUTO_TEST_CASE(a_language_without_a_table_is_said_in_english) {
    // en-XA's table is compiled in natively; a locale with none falls to en.
    BOOST_TEST(!pw::has_catalogue("de"));
    BOOST_TEST(pw::text("de", "widget.pay_now") == pw::text("en", "widget.pay_now"));
}

BOOST_AUTO_TEST_CASE(the_observer_hears_of_a_missing_text_and_with_every_of_each) {
    static std::vector<std::pair<std::string, bool>> told;
    pw::MessageObserver observer;
    observer.told = [](std::string_view id, bool found) { told.emplace_back(std::string(id), found); };
    pw::set_message_observer(observer);
    BOOST_TEST(pw::text("fr", "widget.no_such_text") == "widget.no_such_text");
    pw::text("fr", "widget.pay_now");
    const std::vector<std::pair<std::string, bool>> missing_only = {{"widget.no_such_text", false}};
    BOOST_TEST((told == missing_only));
    told.clear();
    observer.every = true;
    pw::set_message_observer(observer);
    pw::text("fr", "widget.pay_now");
    pw::text("en", "widget.no_such_text");
    const std::vector<std::pair<std::string, bool>> both = {
        {"widget.pay_now", true}, {"widget.no_such_text", true}, {"widget.no_such_text", false}};
    BOOST_TEST((told == both));
    pw::set_message_observer({});
    told.clear();
    pw::text("fr", "widget.no_such_text");
    BOOST_TEST(told.empty());
}
