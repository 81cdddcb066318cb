// Group commit for the test processor's ledger. The ledger stands in for a
// card processor that must never lose a charge it acknowledged, so every
// write is fsynced (synchronous=FULL) before the caller hears of it. One
// fsync per charge, one after the other, caps the ledger at 1 / fsync time
// (a few hundred charges a second on a virtual disk); so the writes that
// arrive while one COMMIT is being fsynced wait for it, then run together
// in the next transaction, each in its own SAVEPOINT, and all of them are
// answered after that transaction's single COMMIT. Durability is unchanged:
// no caller returns before the COMMIT holding its write is on disk; only
// the number of fsyncs per write goes down as load goes up.
//
// Leader/follower: the first caller with no batch in flight commits the
// queue (up to kMaxBatch) on its own thread; the others wait on a condition
// variable. The leader also takes this process's ledger writer queue
// (ledger_sqlite.hpp), so it never polls SQLite's lock against another
// in-process writer; BEGIN IMMEDIATE still serialises other processes.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

#include "processor/ledger_sqlite.hpp"

namespace pws::ledger {

class GroupCommit {
public:
    explicit GroupCommit(Pool& pool) : pool_(pool) {}

    // One unit of work inside the shared transaction: returns true to keep
    // its changes, false to roll them (its savepoint) back. It must not
    // begin or end transactions itself.
    using Work = std::function<bool(sqlite3* db)>;

    // Runs `work` in a write transaction and returns once that transaction
    // committed (true) or failed (false: nothing `work` wrote is kept, and
    // its caller must not report its outcome as done).
    bool run(const Work& work);

    static constexpr std::size_t kMaxBatch = 256;

private:
    struct Job {
        const Work* work;
        bool done = false;
        bool committed = false;
    };
    void commit_batch(const std::vector<Job*>& batch);

    Pool& pool_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Job*> queue_;
    bool leading_ = false;  // a leader is committing a batch
};

}  // namespace pws::ledger
