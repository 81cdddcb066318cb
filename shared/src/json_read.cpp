// Strict JSON reading: see json_read.hpp for the contract and error codes.
#include "paywidget/json_read.hpp"

#include <algorithm>
#include <set>

#include "paywidget/money.hpp"

namespace pw {

namespace {

using nlohmann::json;

// Keys come from parsed (hence valid UTF-8) JSON but may be huge: shorten
// them for paths and messages at a code-point boundary, keeping UTF-8 valid.
std::string display_key(std::string_view key) {
    constexpr std::size_t kMax = 64;
    if (key.size() <= kMax) return std::string(key);
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
    return std::string(key.substr(0, cut)) + "\u2026";
}

Error invalid_json_at(std::size_t position) {
    return make_error("invalid_json", "",
                      "The data is not valid JSON (problem near byte " + std::to_string(position) + ").");
}

// Every parse here goes through nlohmann::json::sax_parse with the virtual
// json_sax<json> interface, so nlohmann's parser is instantiated once for
// the whole core (json::parse adds a second path through it and its
// callback tree builder: 6.6 KB of the widget's wasm, 1.4 KB brotli, issue 14).
using Sax = nlohmann::json_sax<json>;

bool sax_parse(std::string_view text, Sax& sax) { return json::sax_parse(text, &sax); }

// Builds the tree from the events: nlohmann's own DOM builder (the one
// json::parse uses) behind the virtual interface. Exceptions off: it only
// records a parse error.
class TreeBuilder : public Sax {
public:
    explicit TreeBuilder(json& root) : dom_(root, false) {}

    bool null() override { return dom_.null(); }
    bool boolean(bool v) override { return dom_.boolean(v); }
    bool number_integer(number_integer_t v) override { return dom_.number_integer(v); }
    bool number_unsigned(number_unsigned_t v) override { return dom_.number_unsigned(v); }
    bool number_float(number_float_t v, const string_t& s) override { return dom_.number_float(v, s); }
    bool string(string_t& v) override { return dom_.string(v); }
    bool binary(binary_t& v) override { return dom_.binary(v); }
    bool start_object(std::size_t n) override { return dom_.start_object(n); }
    bool key(string_t& k) override { return dom_.key(k); }
    bool end_object() override { return dom_.end_object(); }
    bool start_array(std::size_t n) override { return dom_.start_array(n); }
    bool end_array() override { return dom_.end_array(); }
    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& ex) override {
        return dom_.parse_error(position, token, ex);
    }

private:
    nlohmann::detail::json_sax_dom_parser<json> dom_;
};

// One streaming pass over the text that checks each event before handing
// it to the tree builder. nlohmann's parser itself is iterative, so this
// pass cannot overflow the stack however deep the input; it stops at the
// first violation.
class StrictScan : public Sax {
public:
    StrictScan(int max_depth, Sax& tree) : max_depth_(max_depth), tree_(tree) {}

    Error error;

    bool null() override { return value() && tree_.null(); }
    bool boolean(bool v) override { return value() && tree_.boolean(v); }
    bool number_integer(number_integer_t v) override { return value() && tree_.number_integer(v); }
    bool number_unsigned(number_unsigned_t v) override { return value() && tree_.number_unsigned(v); }
    bool number_float(number_float_t v, const string_t& s) override {
        return value() && tree_.number_float(v, s);
    }
    bool string(string_t& v) override { return value() && tree_.string(v); }
    bool binary(binary_t& v) override { return value() && tree_.binary(v); }

    bool start_object(std::size_t n) override { return open(true) && tree_.start_object(n); }
    bool key(string_t& k) override {
        Frame& f = frames_.back();
        f.key = display_key(k);
        if (!f.keys.insert(k).second) {
            error = make_error("duplicate_field", current_path(),
                               "The field " + current_path() + " appears more than once.");
            return false;
        }
        return tree_.key(k);
    }
    bool end_object() override { return close() && tree_.end_object(); }
    bool start_array(std::size_t n) override { return open(false) && tree_.start_array(n); }
    bool end_array() override { return close() && tree_.end_array(); }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception&) override {
        error = invalid_json_at(position);
        return false;
    }

private:
    struct Frame {
        bool is_object = false;
        std::size_t index = 0;    // next element index (arrays)
        std::string key;          // current key (objects)
        std::set<std::string> keys;
    };

    // Path of the value about to be read (for error messages).
    std::string current_path() const {
        std::string p;
        for (const Frame& f : frames_) {
            p = f.is_object ? child_path(p, f.key) : index_path(p, f.index);
        }
        return p;
    }
    bool value() {
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
        return true;
    }
    bool open(bool is_object) {
        if (static_cast<int>(frames_.size()) >= max_depth_) {
            error = make_error("too_deeply_nested", current_path(),
                               "The data is nested more than " + std::to_string(max_depth_) +
                                   " levels deep.");
            return false;
        }
        frames_.push_back(Frame{is_object, 0, {}, {}});
        return true;
    }
    bool close() {
        frames_.pop_back();
        return value();  // the closed container counts as one element of its parent
    }

    int max_depth_;
    Sax& tree_;
    std::vector<Frame> frames_;
};

std::string type_name(const json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "true/false";
    if (v.is_number_float()) return "a decimal number";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "text";
    if (v.is_array()) return "a list";
    return "an object";
}

void set(Error& sink, std::string code, std::string_view path, std::string message) {
    if (!sink) sink = make_error(std::move(code), std::string(path), std::move(message));
}

void wrong_type(Error& sink, std::string_view path, std::string_view expected, const json& v) {
    set(sink, "wrong_type", path,
        std::string(path.empty() ? "The data" : path) + " must be " + std::string(expected) +
            ", not " + type_name(v) + ".");
}

// Reads an integer of any JSON integer kind into int64, or reports why not.
// Floats (1.5, 1e30, and integers beyond uint64 that nlohmann stores as
// floats) are refused: amounts are exact.
std::optional<std::int64_t> as_int64(const json& v, std::string_view path, bool* too_big,
                                     Error& sink) {
    *too_big = false;
    if (const auto* u = v.get_ptr<const json::number_unsigned_t*>()) {
        if (*u > static_cast<std::uint64_t>(INT64_MAX)) {
            *too_big = true;
            return std::nullopt;
        }
        return static_cast<std::int64_t>(*u);
    }
    if (const auto* i = v.get_ptr<const json::number_integer_t*>()) return *i;
    wrong_type(sink, path, "a whole number", v);
    return std::nullopt;
}

}  // namespace

Result<json> parse_json_strict(std::string_view text, const JsonLimits& limits) {
    using R = Result<json>;
    if (text.size() > limits.max_bytes) {
        return R::failure("input_too_large", "",
                          "The data is larger than " + std::to_string(limits.max_bytes) +
                              " bytes.");
    }
    // nlohmann's lexer takes a NUL byte for the end of the input, so
    // "{}\0anything" would parse as "{}". A raw NUL is JSON nowhere (not
    // whitespace, not allowed unescaped in a string), so refuse it outright.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) return R::failure(invalid_json_at(nul));
    json j;
    TreeBuilder tree(j);
    StrictScan scan(limits.max_depth, tree);
    if (!sax_parse(text, scan) || scan.error) {
        if (!scan.error) scan.error = make_error("invalid_json", "", "The data is not valid JSON.");
        return R::failure(scan.error);
    }
    return R::success(std::move(j));
}

json parse_json(std::string_view text) {
    json j;
    TreeBuilder tree(j);
    if (!sax_parse(text, tree)) return json(json::value_t::discarded);
    return j;
}

std::string child_path(std::string_view parent, std::string_view key) {
    std::string p(parent);
    if (!p.empty()) p += '.';
    p += key;
    return p;
}

std::string index_path(std::string_view array_path, std::size_t index) {
    return std::string(array_path) + "[" + std::to_string(index) + "]";
}

std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string read_string(const json& v, std::string_view path, const StringRule& rule,
                        Error& sink) {
    if (sink) return {};
    const auto* s = v.get_ptr<const std::string*>();
    if (!s) {
        wrong_type(sink, path, "text", v);
        return {};
    }
    if (s->empty() && !rule.allow_empty) {
        set(sink, "empty_value", path, std::string(path) + " must not be empty.");
        return {};
    }
    if (utf8_length(*s) > rule.max_chars) {
        set(sink, "string_too_long", path,
            std::string(path) + " is longer than " + std::to_string(rule.max_chars) +
                " characters.");
        return {};
    }
    return *s;
}

std::int64_t read_int(const json& v, std::string_view path, std::int64_t min, std::int64_t max,
                      Error& sink) {
    if (sink) return 0;
    bool too_big = false;
    auto n = as_int64(v, path, &too_big, sink);
    if (sink) return 0;
    if (too_big || *n < min || *n > max) {
        set(sink, "out_of_range", path,
            std::string(path) + " must be between " + std::to_string(min) + " and " +
                std::to_string(max) + ".");
        return 0;
    }
    return *n;
}

std::int64_t read_amount(const json& v, std::string_view path, Error& sink, std::int64_t min,
                         std::int64_t max) {
    if (sink) return 0;
    if (max < 0) max = kMaxAmountMinor;
    bool too_big = false;
    auto n = as_int64(v, path, &too_big, sink);
    if (sink) return 0;
    if (too_big || *n > max) {
        set(sink, "amount_too_large", path,
            std::string(path) + " must be at most " + std::to_string(max) + " minor units.");
        return 0;
    }
    if (*n < 0) {
        set(sink, "negative_amount", path, std::string(path) + " must not be negative.");
        return 0;
    }
    if (*n < min) {
        set(sink, "out_of_range", path,
            std::string(path) + " must be at least " + std::to_string(min) + " minor units.");
        return 0;
    }
    return *n;
}

bool read_bool(const json& v, std::string_view path, Error& sink) {
    if (sink) return false;
    const auto* b = v.get_ptr<const bool*>();
    if (!b) {
        wrong_type(sink, path, "true or false", v);
        return false;
    }
    return *b;
}

std::size_t read_enum(const json& v, std::string_view path,
                      std::initializer_list<std::string_view> allowed, Error& sink) {
    if (sink) return 0;
    const auto* s = v.get_ptr<const std::string*>();
    if (!s) {
        wrong_type(sink, path, "text", v);
        return 0;
    }
    std::size_t i = 0;
    std::string list;
    for (std::string_view a : allowed) {
        if (*s == a) return i;
        list += (i ? ", " : "") + std::string(a);
        ++i;
    }
    set(sink, "invalid_value", path, std::string(path) + " must be one of: " + list + ".");
    return 0;
}

JsonReader::JsonReader(const json& value, std::string path, Error& sink)
    : path_(std::move(path)), sink_(sink) {
    if (value.is_object()) {
        obj_ = &value;
    } else {
        wrong_type(sink_, path_, "an object", value);
    }
}

const json* JsonReader::member(std::string_view key, bool required) {
    if (sink_ || !obj_) return nullptr;
    seen_.emplace_back(key);
    auto it = obj_->find(key);
    if (it == obj_->end() || (!required && it->is_null())) {
        if (required) fail("missing_field", key, "The field " + field(key) + " is missing.");
        return nullptr;
    }
    return &*it;
}

bool JsonReader::has(std::string_view key) { return member(key, false) != nullptr; }

std::string JsonReader::string(std::string_view key, const StringRule& rule) {
    const json* v = member(key, true);
    return v ? read_string(*v, field(key), rule, sink_) : std::string();
}

std::int64_t JsonReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
    const json* v = member(key, true);
    return v ? read_int(*v, field(key), min, max, sink_) : 0;
}

std::int64_t JsonReader::amount(std::string_view key, std::int64_t min, std::int64_t max) {
    const json* v = member(key, true);
    return v ? read_amount(*v, field(key), sink_, min, max) : 0;
}

bool JsonReader::boolean(std::string_view key) {
    const json* v = member(key, true);
    return v ? read_bool(*v, field(key), sink_) : false;
}

std::size_t JsonReader::enumeration(std::string_view key,
                                    std::initializer_list<std::string_view> allowed) {
    const json* v = member(key, true);
    return v ? read_enum(*v, field(key), allowed, sink_) : 0;
}

const json* JsonReader::object(std::string_view key) {
    const json* v = member(key, true);
    if (v && !v->is_object()) {
        wrong_type(sink_, field(key), "an object", *v);
        return nullptr;
    }
    return v;
}

const json* JsonReader::array(std::string_view key, std::size_t max_items) {
    const json* v = member(key, true);
    if (!v) return nullptr;
    if (!v->is_array()) {
        wrong_type(sink_, field(key), "a list", *v);
        return nullptr;
    }
    if (v->size() > max_items) {
        fail("too_many_items", key,
             field(key) + " has more than " + std::to_string(max_items) + " entries.");
        return nullptr;
    }
    return v;
}

std::optional<std::string> JsonReader::optional_string(std::string_view key,
                                                       const StringRule& rule) {
    const json* v = member(key, false);
    if (!v) return std::nullopt;
    std::string s = read_string(*v, field(key), rule, sink_);
    if (sink_) return std::nullopt;
    return s;
}

std::optional<std::int64_t> JsonReader::optional_integer(std::string_view key, std::int64_t min,
                                                         std::int64_t max) {
    const json* v = member(key, false);
    if (!v) return std::nullopt;
    std::int64_t n = read_int(*v, field(key), min, max, sink_);
    if (sink_) return std::nullopt;
    return n;
}

std::optional<bool> JsonReader::optional_boolean(std::string_view key) {
    const json* v = member(key, false);
    if (!v) return std::nullopt;
    bool b = read_bool(*v, field(key), sink_);
    if (sink_) return std::nullopt;
    return b;
}

const json* JsonReader::optional_object(std::string_view key) {
    const json* v = member(key, false);
    if (v && !v->is_object()) {
        wrong_type(sink_, field(key), "an object", *v);
        return nullptr;
    }
    return v;
}

const json* JsonReader::optional_array(std::string_view key, std::size_t max_items) {
    if (!has(key)) return nullptr;
    return array(key, max_items);
}

void JsonReader::finish() {
    if (sink_ || !obj_) return;
    for (auto it = obj_->begin(); it != obj_->end(); ++it) {
        if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end()) {
            const std::string key = display_key(it.key());
            fail("unknown_field", key, "The field " + field(key) + " is not expected.");
            return;
        }
    }
}

void JsonReader::fail(std::string code, std::string_view key, std::string message) {
    set(sink_, std::move(code), field(key), std::move(message));
}

}  // namespace pw
