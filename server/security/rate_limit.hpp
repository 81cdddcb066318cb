// Rate limits shared by every server instance (card testing, login
// guessing): at most `limit` hits per `window` for one key, refilled
// smoothly (GCRA, the token bucket written as one timestamp per key): a full
// bucket allows `limit` hits at once, then one more every window/limit.
//
// The state lives in the store (WriteTxn::rate_tat / set_rate_tat), read
// and written inside the caller's write transaction: a limit of 20 is 20 in
// total however many instances serve the key, and a hit made by a
// transaction that rolls back (the request was refused for another reason)
// is not counted. Time is passed in (ms since the epoch), so tests step it.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "storage/store.hpp"

namespace pws {

class RateLimit {
public:
    struct Decision {
        bool allowed = true;
        // When refused: how long until one more hit is allowed (whole
        // seconds, at least 1), for the Retry-After header.
        std::chrono::seconds retry_after{0};
    };

    // `name` prefixes every key in the store ("tokens_per_link"), so two
    // limits never share a bucket. limit >= 1 hits per window > 0.
    RateLimit(std::string name, std::uint32_t limit, std::chrono::milliseconds window);

    // Counts one hit for `key` if allowed (a refused hit changes nothing).
    Result<Decision> hit(WriteTxn& t, std::string_view key, std::int64_t now_ms) const;
    // Returns one hit counted by hit() (an attempt reserved before its
    // outcome was known that turned out not to count, e.g. a charge that
    // did not decline). Never refills beyond a full bucket.
    Error give_back(WriteTxn& t, std::string_view key, std::int64_t now_ms) const;
    // Forgets `key` (e.g. a successful login clears its failures).
    Error reset(WriteTxn& t, std::string_view key) const;

    // The pure rule, exposed for the unit tests: the decision for a key
    // whose stored time is `tat` (0: none) at `now`, and its new time when
    // allowed.
    Decision decide(std::int64_t tat, std::int64_t now_ms, std::int64_t* new_tat) const;

private:
    std::string store_key(std::string_view key) const;

    std::string name_;
    std::int64_t interval_ms_;   // window / limit
    std::int64_t tolerance_ms_;  // window - interval: the burst allowance
};

// Two limits hit together (per payer and per address): counted in both or
// refused; the longer wait when refused.
Result<RateLimit::Decision> hit_both(WriteTxn& t, const RateLimit& a, std::string_view key_a, const RateLimit& b,
                                     std::string_view key_b, std::int64_t now_ms);

// One key of one limit.
struct LimitedKey {
    const RateLimit& limit;
    std::string_view key;
};

// For requests with no write transaction of their own (sign-in, password
// resets): counts one hit for each key in order, in one write transaction,
// stopping at the first refusal, which is returned.
Result<RateLimit::Decision> hit_each(Store& store, std::initializer_list<LimitedKey> keys, std::int64_t now_ms);
// Forgets one key, in a write transaction of its own.
Error reset_key(Store& store, const RateLimit& limit, std::string_view key);

// Forgets keys whose buckets are full again, at most `limit` per call (run
// periodically by one of the server's background loops).
Result<std::size_t> sweep_rate_limits(Store& store, std::int64_t now_ms, std::size_t limit);

}  // namespace pws
