#include "security/rate_limit.hpp"

#include <algorithm>

namespace pws {

RateLimit::RateLimit(std::string name, std::uint32_t limit, std::chrono::milliseconds window)
    : name_(std::move(name)) {
    limit = std::max<std::uint32_t>(limit, 1);
    const std::int64_t w = std::max<std::int64_t>(window.count(), 1);
    interval_ms_ = std::max<std::int64_t>(w / limit, 1);
    tolerance_ms_ = w - interval_ms_;
}

std::string RateLimit::store_key(std::string_view key) const { return name_ + ":" + std::string(key); }

RateLimit::Decision RateLimit::decide(std::int64_t tat, std::int64_t now, std::int64_t* new_tat) const {
    const std::int64_t start = std::max(tat, now);
    const std::int64_t wait = start - tolerance_ms_ - now;  // > 0: bucket empty
    if (wait > 0) {
        const std::int64_t secs = (wait + 999) / 1000;
        return {false, std::chrono::seconds(std::max<std::int64_t>(secs, 1))};
    }
    if (new_tat) *new_tat = start + interval_ms_;
    return {true, std::chrono::seconds(0)};
}

Result<RateLimit::Decision> RateLimit::hit(WriteTxn& t, std::string_view key, std::int64_t now_ms) const {
    using R = Result<Decision>;
    const std::string k = store_key(key);
    Result<std::int64_t> tat = t.rate_tat(k);
    if (!tat.ok()) return R::failure(tat.error);
    std::int64_t new_tat = 0;
    const Decision d = decide(tat.value, now_ms, &new_tat);
    if (d.allowed) {
        if (Error e = t.set_rate_tat(k, new_tat)) return R::failure(std::move(e));
    }
    return R::success(d);
}

Error RateLimit::give_back(WriteTxn& t, std::string_view key, std::int64_t now_ms) const {
    const std::string k = store_key(key);
    Result<std::int64_t> tat = t.rate_tat(k);
    if (!tat.ok()) return tat.error;
    if (tat.value == 0) return {};
    const std::int64_t back = tat.value - interval_ms_;
    return t.set_rate_tat(k, back <= now_ms ? 0 : back);  // at or before now: a full bucket
}

Error RateLimit::reset(WriteTxn& t, std::string_view key) const { return t.set_rate_tat(store_key(key), 0); }

Result<RateLimit::Decision> hit_both(WriteTxn& t, const RateLimit& a, std::string_view key_a, const RateLimit& b,
                                     std::string_view key_b, std::int64_t now_ms) {
    using R = Result<RateLimit::Decision>;
    Result<RateLimit::Decision> first = a.hit(t, key_a, now_ms);
    if (!first.ok()) return first;
    Result<RateLimit::Decision> second = b.hit(t, key_b, now_ms);
    if (!second.ok()) return second;
    if (first.value.allowed && second.value.allowed) return R::success({});
    // Both or neither: give back the one that counted.
    if (first.value.allowed) {
        if (Error e = a.give_back(t, key_a, now_ms)) return R::failure(std::move(e));
    }
    if (second.value.allowed) {
        if (Error e = b.give_back(t, key_b, now_ms)) return R::failure(std::move(e));
    }
    return R::success({false, std::max(first.value.retry_after, second.value.retry_after)});
}

Result<RateLimit::Decision> hit_each(Store& store, std::initializer_list<LimitedKey> keys, std::int64_t now_ms) {
    RateLimit::Decision out;
    Error e = store.write_transaction([&](WriteTxn& t) -> Error {
        out = {};
        for (const LimitedKey& k : keys) {
            Result<RateLimit::Decision> d = k.limit.hit(t, k.key, now_ms);
            if (!d.ok()) return d.error;
            out = d.value;
            if (!out.allowed) break;  // commit the hits before it
        }
        return {};
    });
    if (e) return Result<RateLimit::Decision>::failure(std::move(e));
    return Result<RateLimit::Decision>::success(out);
}

Error reset_key(Store& store, const RateLimit& limit, std::string_view key) {
    return store.write_transaction([&](WriteTxn& t) { return limit.reset(t, key); });
}

Result<std::size_t> sweep_rate_limits(Store& store, std::int64_t now_ms, std::size_t limit) {
    std::size_t swept = 0;
    Error e = store.write_transaction([&](WriteTxn& t) -> Error {
        Result<std::size_t> n = t.sweep_rate_tats(now_ms, limit);
        if (!n.ok()) return n.error;
        swept = n.value;
        return {};
    });
    if (e) return Result<std::size_t>::failure(std::move(e));
    return Result<std::size_t>::success(swept);
}

}  // namespace pws
