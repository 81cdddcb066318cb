// A thread-safe rate limiter keyed by string (per link, per client address,
// per login email...): at most `limit` hits per `window`, refilled smoothly
// (GCRA, the token bucket written with one timestamp per key): a full
// bucket allows `limit` hits at once, then one more every window/limit.
//
// The clock is injectable so tests step time instead of sleeping. Idle keys
// are swept so memory stays bounded by the keys active in one window.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pws {

class RateLimiter {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    struct Decision {
        bool allowed = true;
        // When refused: how long until one more hit is allowed (rounded up to
        // whole seconds, at least 1), for the Retry-After header.
        std::chrono::seconds retry_after{0};
    };

    // limit >= 1 hits per window > 0. `clock` defaults to steady_clock::now.
    RateLimiter(std::uint32_t limit, std::chrono::milliseconds window, Clock clock = {});

    // Counts one hit for `key` if allowed.
    Decision hit(std::string_view key);
    // Whether a hit would be allowed now, without counting it (e.g. refuse a
    // tokenization early when the link already used up its declines).
    Decision check(std::string_view key) const;
    // Returns one hit counted by hit() for `key` (an attempt reserved
    // before the outcome was known that turned out not to count, e.g. a
    // charge that did not decline). Never refills beyond a full bucket.
    void give_back(std::string_view key);
    // Forgets `key` (e.g. a successful login clears its failures).
    void reset(std::string_view key);
    // Number of keys currently tracked (for tests and metrics).
    std::size_t tracked_keys() const;

private:
    using Nanos = std::chrono::nanoseconds;
    struct Shard {
        mutable std::mutex mu;
        // key -> theoretical arrival time (ns since the clock's epoch)
        std::unordered_map<std::string, std::int64_t> tat;
        std::uint32_t hits_since_sweep = 0;
    };
    static constexpr std::size_t kShards = 16;

    Shard& shard_for(std::string_view key) const;
    std::int64_t now_ns() const;
    Decision decide(std::int64_t tat, std::int64_t now, std::int64_t* new_tat) const;

    std::int64_t interval_ns_;   // window / limit
    std::int64_t tolerance_ns_;  // window - interval: the burst allowance
    Clock clock_;
    mutable std::array<Shard, kShards> shards_;
};

}  // namespace pws
