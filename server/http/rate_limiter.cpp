#include "http/rate_limiter.hpp"

#include <algorithm>

namespace pws {

RateLimiter::RateLimiter(std::uint32_t limit, std::chrono::milliseconds window, Clock clock)
    : clock_(std::move(clock)) {
    limit = std::max<std::uint32_t>(limit, 1);
    const std::int64_t w = std::max<std::int64_t>(std::chrono::duration_cast<Nanos>(window).count(), 1);
    interval_ns_ = std::max<std::int64_t>(w / limit, 1);
    tolerance_ns_ = w - interval_ns_;
    if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

RateLimiter::Shard& RateLimiter::shard_for(std::string_view key) const {
    return shards_[std::hash<std::string_view>{}(key) % kShards];
}

std::int64_t RateLimiter::now_ns() const {
    return std::chrono::duration_cast<Nanos>(clock_().time_since_epoch()).count();
}

RateLimiter::Decision RateLimiter::decide(std::int64_t tat, std::int64_t now, std::int64_t* new_tat) const {
    const std::int64_t start = std::max(tat, now);
    const std::int64_t wait = start - tolerance_ns_ - now;  // > 0: bucket empty
    if (wait > 0) {
        const std::int64_t secs = (wait + 999'999'999) / 1'000'000'000;
        return {false, std::chrono::seconds(std::max<std::int64_t>(secs, 1))};
    }
    if (new_tat) *new_tat = start + interval_ns_;
    return {true, std::chrono::seconds(0)};
}

RateLimiter::Decision RateLimiter::hit(std::string_view key) {
    Shard& s = shard_for(key);
    const std::int64_t now = now_ns();
    std::lock_guard lock(s.mu);
    // Sweep now and then: a key whose TAT has passed is a full bucket, the
    // same as an absent key.
    if (++s.hits_since_sweep >= 1024) {
        s.hits_since_sweep = 0;
        std::erase_if(s.tat, [now](const auto& kv) { return kv.second <= now; });
    }
    auto it = s.tat.find(std::string(key));
    const std::int64_t tat = it == s.tat.end() ? now : it->second;
    std::int64_t new_tat = 0;
    const Decision d = decide(tat, now, &new_tat);
    if (d.allowed) {
        if (it == s.tat.end())
            s.tat.emplace(std::string(key), new_tat);
        else
            it->second = new_tat;
    }
    return d;
}

RateLimiter::Decision RateLimiter::check(std::string_view key) const {
    Shard& s = shard_for(key);
    const std::int64_t now = now_ns();
    std::lock_guard lock(s.mu);
    auto it = s.tat.find(std::string(key));
    return decide(it == s.tat.end() ? now : it->second, now, nullptr);
}

void RateLimiter::give_back(std::string_view key) {
    Shard& s = shard_for(key);
    const std::int64_t now = now_ns();
    std::lock_guard lock(s.mu);
    auto it = s.tat.find(std::string(key));
    if (it == s.tat.end()) return;
    it->second -= interval_ns_;
    if (it->second <= now) s.tat.erase(it);  // a full bucket, as if never hit
}

void RateLimiter::reset(std::string_view key) {
    Shard& s = shard_for(key);
    std::lock_guard lock(s.mu);
    s.tat.erase(std::string(key));
}

std::size_t RateLimiter::tracked_keys() const {
    std::size_t n = 0;
    for (const Shard& s : shards_) {
        std::lock_guard lock(s.mu);
        n += s.tat.size();
    }
    return n;
}

}  // namespace pws
