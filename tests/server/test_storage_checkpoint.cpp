// The WAL is folded back into the database file by the store's own
// checkpoint thread (storage/wal_checkpointer.hpp), never inside a request:
// the thread starts only when asked, runs the checkpoint off the caller's
// thread, and the store still checkpoints once its WAL has grown.
#define BOOST_TEST_MODULE storage_checkpoint
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "storage/wal_checkpointer.hpp"
#include "storage_fixture.hpp"

using namespace std::chrono_literals;
using namespace storage_test;

namespace {

long file_size(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_requested_checkpoint_runs_on_another_thread) {
    std::atomic<int> runs{0};
    std::atomic<bool> other_thread{false};
    const auto caller = std::this_thread::get_id();
    {
        pws::WalCheckpointer idle([&] { ++runs; });
    }
    BOOST_TEST(runs.load() == 0);  // never asked: never ran
    {
        pws::WalCheckpointer c([&] {
            other_thread = std::this_thread::get_id() != caller;
            ++runs;
        });
        c.request();
        for (int i = 0; i < 200 && runs.load() == 0; ++i) std::this_thread::sleep_for(10ms);
    }
    BOOST_TEST(runs.load() >= 1);
    BOOST_TEST(other_thread.load());
}

BOOST_AUTO_TEST_CASE(the_store_checkpoints_once_its_wal_has_grown) {
    TempDb db;
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    const long before = file_size(db.path);
    // Each transaction appends its pages to the WAL; thousands of them pass
    // the checkpoint threshold (1,000 pages) several times.
    for (int i = 0; i < 3000; ++i) {
        const pw::Error e = store->write_transaction(
            [&](pws::WriteTxn& t) { return t.insert_practice(make_practice("prc_ckpt_" + std::to_string(i))); });
        BOOST_REQUIRE_MESSAGE(!e, e.code);
    }
    // The checkpoint copies the pages into the database file, which grows.
    long after = file_size(db.path);
    for (int i = 0; i < 500 && after <= before; ++i) {
        std::this_thread::sleep_for(10ms);
        after = file_size(db.path);
    }
    BOOST_TEST(after > before, "database file " << before << " -> " << after << " bytes");
}
