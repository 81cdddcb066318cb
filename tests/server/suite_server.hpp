// One seeded practice, client and running server shared by a whole Boost.Test
// suite (tokens are rate limited per link, so each test makes its own links).
#pragma once

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>

#include "server_process.hpp"

namespace pws_test {

struct SuiteServer {
    TempDir dir;
    Seeder seed{dir.path().string()};
    std::string practice = seed.practice();
    std::string client = seed.client(practice);
    ServerProcess server{dir.path().string()};
    // settle_delay_seconds: how long bank debits stay processing (0: about
    // a second; POST /api/v1/test/settle settles them at any time).
    explicit SuiteServer(int settle_delay_seconds = 0) {
        BOOST_REQUIRE(seed.ok());
        server.set_settle_delay_seconds(settle_delay_seconds);
        BOOST_REQUIRE(server.start());
    }
    std::pair<std::string, SeededLink> invoice_with_link(const InvoiceSpec& spec = {}) {
        std::string inv = seed.invoice(practice, client, spec);
        return {inv, seed.link(practice, inv)};
    }
};

// Started on first use, stopped when the test program exits.
inline SuiteServer& env() {
    static SuiteServer e;
    return e;
}

}  // namespace pws_test
