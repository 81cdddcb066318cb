#include "http/work_pool.hpp"

namespace pws::http {

WorkPool::WorkPool(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkPool::~WorkPool() { shutdown(); }

bool WorkPool::try_post(std::function<void()> job) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_ || queue_.size() >= max_queued_) return false;
        queue_.push_back(std::move(job));
    }
    cv_.notify_one();
    return true;
}

void WorkPool::shutdown() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closing_ && threads_.empty()) return;
        closing_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

void WorkPool::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
            // Closing still drains: a queued job is a request someone waits on.
            if (queue_.empty()) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        job();
    }
}

}  // namespace pws::http
