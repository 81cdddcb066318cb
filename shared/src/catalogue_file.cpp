// pw::load_catalogue (messages.hpp): a language's messages read from the file
// the browser fetched, kept for the life of the process.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages_data.hpp"
#include "paywidget/json_read.hpp"
#include "paywidget/locale.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

// Limits for a file that came over the network (the largest language is
// ~30 KB and ~430 messages today).
constexpr std::size_t kMaxFileBytes = 512 * 1024;
constexpr std::size_t kMaxMessages = 4096;
constexpr std::size_t kMaxIdBytes = 128;
constexpr std::size_t kMaxMessageBytes = 4096;

using messages_data::Entry;
using messages_data::Table;

// One loaded language: its strings, the entries that view them, its table.
struct Loaded {
    std::string locale;
    std::vector<std::string> strings;  // never resized once entries point into them
    std::vector<Entry> entries;
};

std::vector<std::unique_ptr<Loaded>>& loaded() {
    static std::vector<std::unique_ptr<Loaded>> all;
    return all;
}

std::vector<Table>& loaded_table_list() {
    static std::vector<Table> tables;
    return tables;
}

Error refuse(std::string message) { return make_error("invalid_catalogue", "", std::move(message)); }

bool is_supported(std::string_view locale) {
    const auto all = supported_locales();
    return std::find(all.begin(), all.end(), locale) != all.end();
}

}  // namespace

namespace messages_data {
std::span<const Table> loaded_tables() { return loaded_table_list(); }
}  // namespace messages_data

Error load_catalogue(std::string_view file) {
    if (file.size() > kMaxFileBytes) return refuse("The catalogue file is larger than 512 KiB.");
    const nlohmann::json j = parse_json(file);
    if (j.is_discarded() || !j.is_object()) return refuse("The catalogue file is not a JSON object.");
    const auto locale_it = j.find("locale");
    const auto messages_it = j.find("messages");
    if (locale_it == j.end() || !locale_it->is_string() || messages_it == j.end() || !messages_it->is_object())
        return refuse("The catalogue file needs a locale and its messages.");
    const std::string& locale = locale_it->get_ref<const std::string&>();
    if (!is_supported(locale)) return refuse("The catalogue file's locale is not one to load.");
    if (messages_it->size() > kMaxMessages) return refuse("The catalogue file has too many messages.");

    std::vector<Table>& tables = loaded_table_list();
    const auto same = std::find_if(tables.begin(), tables.end(), [&](const Table& t) { return t.locale == locale; });
    auto table = std::make_unique<Loaded>();
    table->locale = locale;
    table->strings.reserve(2 * (messages_it->size() + (same != tables.end() ? same->size : 0)));
    for (auto it = messages_it->begin(); it != messages_it->end(); ++it) {
        if (!it.value().is_string()) return refuse("A message in the catalogue file is not a string.");
        const std::string& text = it.value().get_ref<const std::string&>();
        if (it.key().empty() || it.key().size() > kMaxIdBytes || text.size() > kMaxMessageBytes)
            return refuse("A message id or text in the catalogue file is too long.");
        if (check_message(text)) return refuse("A message in the catalogue file does not parse: " + it.key());
        table->strings.push_back(it.key());
        table->strings.push_back(text);
    }
    // What was loaded before for this locale (the first visit's part, when
    // this is the rest) stays, unless this file says it again.
    if (same != tables.end())
        for (std::size_t i = 0; i < same->size; ++i) {
            if (messages_it->contains(same->entries[i].id)) continue;
            table->strings.emplace_back(same->entries[i].id);
            table->strings.emplace_back(same->entries[i].text);
        }
    for (std::size_t i = 0; i < table->strings.size(); i += 2)
        table->entries.push_back(Entry{table->strings[i], table->strings[i + 1]});
    if (table->entries.size() > kMaxMessages) return refuse("The catalogue file has too many messages.");
    // Sorted for lookup's binary search (the JSON object's order is not promised).
    std::sort(table->entries.begin(), table->entries.end(),
              [](const Entry& a, const Entry& b) { return a.id < b.id; });

    // The tables before stay alive (a caller may still hold a view of one of
    // their strings).
    const Table entry{table->locale, locale == "en" ? "" : "en", table->entries.data(), table->entries.size()};
    if (same != tables.end())
        *same = entry;
    else
        tables.push_back(entry);
    loaded().push_back(std::move(table));
    return Error{};
}

}  // namespace pw
