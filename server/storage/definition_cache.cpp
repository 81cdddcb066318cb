#include "storage/definition_cache.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace pws {

namespace {

// At most this many definitions (a few KiB each) are kept; when full the
// cache starts again empty, which keeps it bounded without bookkeeping
// (what matters is the few reads of one invoice within one payment).
constexpr std::size_t kMaxEntries = 1024;
// Longer texts (an invoice near its item limit) are decoded every time.
constexpr std::size_t kMaxTextBytes = 16 * 1024;

// Looked up by string_view: a hit allocates nothing.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Cache {
    std::mutex mu;  // guards entries only; decoding happens outside it
    std::unordered_map<std::string, std::shared_ptr<const pw::Invoice>, TextHash, std::equal_to<>> entries;
};

Cache& cache() {
    static Cache c;
    return c;
}

pw::Result<pw::Invoice> decode_uncached(std::string_view text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return pw::Result<pw::Invoice>::failure("invalid_json", "", "");
    return pw::invoice_from_json(j);
}

}  // namespace

pw::Result<pw::Invoice> decode_definition(std::string_view text) {
    if (text.size() > kMaxTextBytes) return decode_uncached(text);
    Cache& c = cache();
    {
        std::lock_guard<std::mutex> lock(c.mu);
        auto it = c.entries.find(text);
        if (it != c.entries.end()) return pw::Result<pw::Invoice>::success(*it->second);
    }
    pw::Result<pw::Invoice> decoded = decode_uncached(text);
    if (!decoded.ok()) return decoded;  // failures are not kept: they are rare and logged by the caller
    auto shared = std::make_shared<const pw::Invoice>(decoded.value);
    std::lock_guard<std::mutex> lock(c.mu);
    if (c.entries.size() >= kMaxEntries) c.entries.clear();
    c.entries.emplace(std::string(text), std::move(shared));
    return decoded;
}

}  // namespace pws
