// The decoded-definition cache (server/storage/definition_cache.hpp): it
// must answer exactly what decoding the text answers, whatever it saw
// before: the same text twice, texts of the same invoice that differ by
// one field, undecodable text, very long text, and many texts from many
// threads (which overflows and empties it).
#define BOOST_TEST_MODULE definition_cache
#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/definition_cache.hpp"
#include "storage_fixture.hpp"

namespace {

// As stored: totals derived by the core, which the strict decoder checks.
std::string text_of(const pw::Invoice& inv) { return pw::invoice_to_json(pw::recompute_totals(inv).value).dump(); }

pw::Invoice invoice(const std::string& id, std::int64_t total) {
    return storage_test::make_invoice(id, "prc_a", "cli_a", "INV-" + id, total).definition;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_same_text_decodes_to_the_same_invoice_every_time) {
    const std::string text = text_of(invoice("inv_same", 12500));
    for (int i = 0; i < 3; ++i) {
        pw::Result<pw::Invoice> got = pws::decode_definition(text);
        BOOST_REQUIRE(got.ok());
        BOOST_TEST(got.value.id == "inv_same");
        BOOST_TEST(got.value.items.at(0).unit_amount == 12500);
    }
}

BOOST_AUTO_TEST_CASE(a_changed_definition_of_the_same_invoice_is_read_as_changed) {
    // Same id and number, one amount apart: a cache keyed by anything less
    // than the whole text would answer the first one again.
    const std::string before = text_of(invoice("inv_edit", 10000));
    const std::string after = text_of(invoice("inv_edit", 10001));
    BOOST_REQUIRE(pws::decode_definition(before).ok());
    pw::Result<pw::Invoice> got = pws::decode_definition(after);
    BOOST_REQUIRE(got.ok());
    BOOST_TEST(got.value.items.at(0).unit_amount == 10001);
    BOOST_TEST(pws::decode_definition(before).value.items.at(0).unit_amount == 10000);
}

BOOST_AUTO_TEST_CASE(undecodable_text_is_an_error_every_time) {
    BOOST_TEST(pws::decode_definition("{not json").error.code == "invalid_json");
    BOOST_TEST(pws::decode_definition("{not json").error.code == "invalid_json");
    nlohmann::json j = nlohmann::json::parse(text_of(invoice("inv_bad", 100)));
    j["currency"] = "usd";  // the strict decoder refuses it
    const std::string bad = j.dump();
    BOOST_TEST(!pws::decode_definition(bad).ok());
    BOOST_TEST(!pws::decode_definition(bad).ok());
}

BOOST_AUTO_TEST_CASE(a_text_too_long_to_keep_still_decodes) {
    pw::Invoice inv = invoice("inv_long", 100);
    inv.items.at(0).description = std::string(200, 'x');
    for (int i = 0; i < 100; ++i) inv.items.push_back(pw::LineItem{std::string(200, 'y'), 1, 100, 0});
    const std::string text = text_of(inv);
    BOOST_REQUIRE(text.size() > 16 * 1024);
    pw::Result<pw::Invoice> got = pws::decode_definition(text);
    BOOST_REQUIRE(got.ok());
    BOOST_TEST(got.value.items.size() == inv.items.size());
}

BOOST_AUTO_TEST_CASE(many_texts_from_many_threads_each_decode_to_their_own) {
    // 4 threads x 1,500 distinct texts: more than the cache keeps, so it
    // empties itself while others read.
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &wrong] {
            for (int i = 0; i < 1500; ++i) {
                const std::int64_t price = 1000 + i;
                const std::string id = "inv_" + std::to_string(t) + "_" + std::to_string(i % 50);
                pw::Result<pw::Invoice> got = pws::decode_definition(text_of(invoice(id, price)));
                if (!got.ok() || got.value.id != id || got.value.items.at(0).unit_amount != price) ++wrong[t];
            }
        });
    }
    for (std::thread& th : threads) th.join();
    for (int t = 0; t < 4; ++t) BOOST_TEST(wrong[t] == 0);
}
