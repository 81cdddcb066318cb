// A fixed set of threads that run blocking request handlers (storage,
// processor calls) off the I/O threads, with a bounded queue: when the
// queue is full, try_post() refuses and the caller answers 503 at once
// instead of letting work pile up without limit.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pws::http {

class WorkPool {
public:
    WorkPool(std::size_t threads, std::size_t max_queued);
    ~WorkPool();  // finishes every queued job, then joins
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    // Queues the job; false (job dropped) when max_queued jobs already wait.
    bool try_post(std::function<void()> job);
    // Finishes the queued jobs and joins the threads; try_post refuses after.
    void shutdown();

    std::size_t threads() const { return threads_.size(); }

private:
    void run();

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    std::size_t max_queued_;
    bool closing_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace pws::http
