// pw::load_catalogue (messages.hpp): the browser's per-language files, as
// tools/messages/compile_messages.py --widget writes them, say exactly what
// the compiled-in tables say, and a file that is not one changes nothing.
// A process of its own: a loaded table answers for its locale from then on.
#define BOOST_TEST_MODULE catalogue_file
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
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

}  // namespace

BOOST_AUTO_TEST_CASE(a_refused_file_changes_nothing) {
    const std::string before = pw::text("fr", "widget.pay_now");
    const char* bad[] = {
        "",
        "not json",
        "[]",
        R"({"locale":"fr"})",
        R"({"locale":"en","messages":{"widget.pay_now":"Pay up"}})",     // en is compiled in
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

BOOST_AUTO_TEST_CASE(each_file_says_what_the_compiled_tables_say) {
    const std::vector<std::string> locales = {"fr", "fr-CA", "es"};
    // A server-only text (not in the widget's files): answered by the
    // compiled-in tables until the files are loaded, by en after.
    const std::string page_id = "page.error_heading";
    std::map<std::string, std::string> files;
    std::map<std::string, std::map<std::string, std::string>> expected;
    for (const std::string& locale : locales) {
        files[locale] = read_file(std::string(PW_CATALOGUE_DIR) + "/messages." + locale + ".json");
        BOOST_TEST_REQUIRE(!files[locale].empty(), "no file for " << locale);
        expected[locale] = compiled_texts(files[locale], locale);
        BOOST_TEST(expected[locale].size() > 200u);
        BOOST_TEST(!expected[locale].count(page_id));
        BOOST_TEST(pw::text(locale, page_id) != pw::text("en", page_id));
    }
    for (const std::string& locale : locales) {
        const pw::Error e = pw::load_catalogue(files[locale]);
        BOOST_TEST_REQUIRE(e.ok(), locale << ": " << e.message);
        BOOST_TEST(pw::has_catalogue(locale));
        for (const auto& [id, text] : expected[locale]) BOOST_TEST(pw::text(locale, id) == text, locale << " " << id);
        BOOST_TEST(pw::text(locale, page_id) == pw::text("en", page_id));
    }
}

BOOST_AUTO_TEST_CASE(a_language_without_a_table_is_said_in_english) {
    // en-XA's table is compiled in natively; a locale with none falls to en.
    BOOST_TEST(!pw::has_catalogue("de"));
    BOOST_TEST(pw::text("de", "widget.pay_now") == pw::text("en", "widget.pay_now"));
}
