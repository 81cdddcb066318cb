#include "processor/group_commit.hpp"

#include <algorithm>

namespace pws::ledger {

bool GroupCommit::run(const Work& work) {
    Job job{&work};
    std::unique_lock<std::mutex> lock(mu_);
    queue_.push_back(&job);
    while (!job.done) {
        if (leading_) {
            cv_.wait(lock);
            continue;
        }
        // Lead: take what has queued up (our own job included, unless an
        // earlier leader took it and has not finished yet: then it is
        // done when we wake again).
        leading_ = true;
        const std::size_t n = std::min(queue_.size(), kMaxBatch);
        std::vector<Job*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
        lock.unlock();
        commit_batch(batch);
        lock.lock();
        for (Job* j : batch) j->done = true;
        leading_ = false;
        cv_.notify_all();
    }
    return job.committed;
}

void GroupCommit::commit_batch(const std::vector<Job*>& batch) {
    auto db = pool_.acquire();
    if (!db) return;  // committed stays false for every job
    std::unique_lock<std::mutex> local_turn(local_writer_queue());
    if (!Stmt(db.get(), "BEGIN IMMEDIATE").run()) return;
    for (Job* j : batch) {
        if (!Stmt(db.get(), "SAVEPOINT unit").run()) {
            exec(db.get(), "ROLLBACK");
            return;
        }
        bool keep = false;
        try {
            keep = (*j->work)(db.get());
        } catch (...) {
            // The whole batch fails (its callers answer unavailable and
            // retry with the same keys) rather than leave a leader dead.
            exec(db.get(), "ROLLBACK");
            return;
        }
        // RELEASE after ROLLBACK TO: the savepoint itself must end too.
        if (!keep && !Stmt(db.get(), "ROLLBACK TO unit").run()) {
            exec(db.get(), "ROLLBACK");
            return;
        }
        if (!Stmt(db.get(), "RELEASE unit").run()) {
            exec(db.get(), "ROLLBACK");
            return;
        }
    }
    if (!Stmt(db.get(), "COMMIT").run()) {
        exec(db.get(), "ROLLBACK");
        return;
    }
    for (Job* j : batch) j->committed = true;
}

}  // namespace pws::ledger
