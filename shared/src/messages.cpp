// The catalogue's formatter (messages.hpp): finds a message through the
// locale's fallback chain and fills in named arguments and plurals. The
// messages are parsed on each call (they are short, and a UI frame formats a
// few dozen): no cache, no state.
#include "paywidget/messages.hpp"

#include <algorithm>
#include <charconv>

#include "messages_data.hpp"
#include "paywidget/locale.hpp"

namespace pw {

namespace {

using messages_data::Entry;
using messages_data::Table;

// The tables that answer for exactly `locale`: the one load_catalogue built
// (the browser's files, which may be a language's rest), then the compiled-in
// one (in the browser, en's first-visit texts).
struct LocaleTables {
    const Table* loaded = nullptr;
    const Table* compiled = nullptr;
    explicit operator bool() const { return loaded || compiled; }
    std::string_view locale() const { return loaded ? loaded->locale : compiled->locale; }
    std::string_view fallback() const { return compiled ? compiled->fallback : loaded->fallback; }
};

LocaleTables find_tables(std::string_view locale) {
    LocaleTables out;
    for (const Table& t : messages_data::loaded_tables())
        if (t.locale == locale) out.loaded = &t;
    for (const Table& t : messages_data::tables())
        if (t.locale == locale) out.compiled = &t;
    return out;
}

// In the browser a language is there only once its file has arrived
// (load_catalogue): until then, and if it never does, en answers.
LocaleTables tables_for(std::string_view locale) {
    if (LocaleTables t = find_tables(locale)) return t;
    if (LocaleTables t = find_tables(negotiate_locale(locale))) return t;
    return find_tables("en");
}

std::optional<std::string_view> lookup(const Table& t, std::string_view id) {
    const Entry* end = t.entries + t.size;
    const Entry* it = std::lower_bound(t.entries, end, id, [](const Entry& e, std::string_view k) { return e.id < k; });
    if (it != end && it->id == id) return it->text;
    return std::nullopt;
}

std::optional<std::string_view> lookup(const LocaleTables& t, std::string_view id) {
    if (t.loaded)
        if (auto m = lookup(*t.loaded, id)) return m;
    return t.compiled ? lookup(*t.compiled, id) : std::nullopt;
}

MessageObserver& observer() {
    static MessageObserver o;
    return o;
}

// --- the message syntax, parsed into a small tree -------------------------
struct Node;
struct Branch {
    std::string_view selector;  // "one", "other", "=0"
    std::vector<Node> body;
};
struct Node {
    enum Kind { literal, argument, plural, number } kind = literal;
    std::string_view text;  // literal: the text; argument/plural: the name
    std::vector<Branch> branches;
};

constexpr int kMaxDepth = 4;

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool valid_name(std::string_view n) {
    if (n.empty()) return false;
    for (char c : n)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

bool valid_selector(std::string_view s) {
    if (s == "zero" || s == "one" || s == "two" || s == "few" || s == "many" || s == "other") return true;
    if (s.size() < 2 || s[0] != '=') return false;
    return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Parses m[pos..] up to an unmatched '}' (left at pos) or the end.
bool parse(std::string_view m, std::size_t& pos, int depth, bool in_plural, std::vector<Node>& out) {
    if (depth > kMaxDepth) return false;
    std::size_t start = pos;
    auto flush = [&] {
        if (pos > start) out.push_back(Node{Node::literal, m.substr(start, pos - start), {}});
    };
    while (pos < m.size()) {
        const char c = m[pos];
        if (c == '}') break;
        if (c == '#' && in_plural) {
            flush();
            out.push_back(Node{Node::number, {}, {}});
            start = ++pos;
            continue;
        }
        if (c != '{') {
            ++pos;
            continue;
        }
        flush();
        const std::size_t close = m.find('}', pos);
        const std::size_t comma = m.find(',', pos);
        if (close == std::string_view::npos) return false;
        if (comma == std::string_view::npos || comma > close) {
            const std::string_view name = trim(m.substr(pos + 1, close - pos - 1));
            if (!valid_name(name)) return false;
            out.push_back(Node{Node::argument, name, {}});
            start = pos = close + 1;
            continue;
        }
        Node node{Node::plural, trim(m.substr(pos + 1, comma - pos - 1)), {}};
        const std::size_t kind_end = m.find(',', comma + 1);
        if (!valid_name(node.text) || kind_end == std::string_view::npos ||
            trim(m.substr(comma + 1, kind_end - comma - 1)) != "plural")
            return false;
        pos = kind_end + 1;
        bool has_other = false;
        for (;;) {
            while (pos < m.size() && m[pos] == ' ') ++pos;
            if (pos >= m.size()) return false;
            if (m[pos] == '}') {
                ++pos;
                break;
            }
            const std::size_t open = m.find('{', pos);
            if (open == std::string_view::npos) return false;
            Branch b{trim(m.substr(pos, open - pos)), {}};
            if (!valid_selector(b.selector)) return false;
            has_other = has_other || b.selector == "other";
            pos = open + 1;
            if (!parse(m, pos, depth + 1, true, b.body) || pos >= m.size() || m[pos] != '}') return false;
            ++pos;
            node.branches.push_back(std::move(b));
        }
        if (!has_other) return false;
        out.push_back(std::move(node));
        start = pos;
    }
    flush();
    return true;
}

bool parse_all(std::string_view m, std::vector<Node>& out) {
    std::size_t pos = 0;
    return parse(m, pos, 0, false, out) && pos == m.size();
}

const std::string* find_arg(const MessageArgs& args, std::string_view name) {
    for (const auto& [k, v] : args)
        if (k == name) return &v;
    return nullptr;
}

void render(std::string_view locale, const std::vector<Node>& nodes, const MessageArgs& args, const std::string* number,
            std::string& out) {
    for (const Node& n : nodes) {
        switch (n.kind) {
            case Node::literal: out += n.text; break;
            case Node::number: out += number ? *number : "#"; break;
            case Node::argument: {
                const std::string* v = find_arg(args, n.text);
                out += v ? *v : "{" + std::string(n.text) + "}";
                break;
            }
            case Node::plural: {
                const std::string* v = find_arg(args, n.text);
                std::int64_t count = 0;
                if (v) std::from_chars(v->data(), v->data() + v->size(), count);
                const std::string exact = "=" + std::to_string(count);
                const std::string_view category = plural_category(locale, count);
                const Branch* chosen = nullptr;
                for (const Branch& b : n.branches)
                    if (v && b.selector == exact) chosen = &b;
                for (const Branch& b : n.branches)
                    if (!chosen && b.selector == category) chosen = &b;
                for (const Branch& b : n.branches)
                    if (!chosen && b.selector == "other") chosen = &b;
                if (chosen) render(locale, chosen->body, args, v, out);
                break;
            }
        }
    }
}

void collect(const std::vector<Node>& nodes, std::vector<std::string>& out) {
    for (const Node& n : nodes) {
        if (n.kind == Node::argument || n.kind == Node::plural) out.emplace_back(n.text);
        for (const Branch& b : n.branches) collect(b.body, out);
    }
}

}  // namespace

bool has_catalogue(std::string_view locale) { return static_cast<bool>(find_tables(locale)); }

std::optional<std::string_view> find_message(std::string_view locale, std::string_view id) {
    return lookup(find_tables(locale), id);
}

void set_message_observer(MessageObserver o) { observer() = o; }

std::string text(std::string_view locale, std::string_view id, const MessageArgs& args) {
    const LocaleTables t = tables_for(locale);
    if (observer().told && observer().every) observer().told(id, true);
    std::optional<std::string_view> message;
    for (LocaleTables at = t; at && !message; at = at.fallback().empty() ? LocaleTables{} : find_tables(at.fallback()))
        message = lookup(at, id);
    if (!message) {
        if (observer().told) observer().told(id, false);
        return std::string(id);
    }
    std::vector<Node> nodes;
    if (!parse_all(*message, nodes)) return std::string(*message);
    std::string out;
    render(t ? t.locale() : "en", nodes, args, nullptr, out);
    return out;
}

std::string_view plural_category(std::string_view locale, std::int64_t n) {
    const std::string_view lang = locale.substr(0, locale.find('-'));
    if (lang == "fr") return n == 0 || n == 1 ? "one" : "other";
    return n == 1 ? "one" : "other";
}

Error catalogue_error(std::string code, std::string field, std::string_view id, MessageArgs args) {
    std::string message = text("en", id, args);
    return Error{std::move(code), std::move(field), std::move(message), std::string(id), std::move(args)};
}

std::string error_text(std::string_view locale, const Error& e) {
    const LocaleTables t = tables_for(locale);
    // English keeps e.message, unless it is only its id: an error made in
    // the browser before en's rest of the texts arrived (it is said now).
    if (e.message_id.empty() || !t || (t.locale() == "en" && e.message != e.message_id)) return e.message;
    // An error names a country by its ISO code ({country}: "DE", the IBAN
    // errors); the reader gets the catalogue's name for it in `locale`
    // (country.DE). English keeps e.message, which names it already.
    MessageArgs args = e.args;
    for (auto& [name, value] : args)
        if (name == "country" && find_message("en", "country." + value)) value = text(t.locale(), "country." + value);
    return text(t.locale(), e.message_id, args);
}

std::string list_text(std::string_view locale, const std::vector<std::string>& items) {
    if (items.empty()) return "";
    // Built from the end: "a, b and c" is list.more(a, list.two(b, c)).
    std::string out = items.back();
    for (std::size_t i = items.size() - 1; i-- > 0;) {
        if (i + 2 == items.size())
            out = text(locale, "list.two", {{"first", items[i]}, {"second", out}});
        else
            out = text(locale, "list.more", {{"first", items[i]}, {"rest", out}});
    }
    return out;
}

std::vector<std::string_view> message_ids() {
    std::vector<std::string_view> ids;
    const LocaleTables en = find_tables("en");
    for (const Table* t : {en.loaded, en.compiled})
        for (std::size_t i = 0; t && i < t->size; ++i) ids.push_back(t->entries[i].id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

Error check_message(std::string_view message) {
    std::vector<Node> nodes;
    if (parse_all(message, nodes)) return Error{};
    return make_error("invalid_message", "", "This message does not parse: " + std::string(message));
}

std::vector<std::string> message_placeholders(std::string_view message) {
    std::vector<Node> nodes;
    std::vector<std::string> names;
    if (!parse_all(message, nodes)) return names;
    collect(nodes, names);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

}  // namespace pw
