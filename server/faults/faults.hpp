// Test-only crash points: simulate `kill -9` at an exact place in the
// payment flow, to prove that a crash loses nothing and never double-charges.
//
// Armed by set_crash_point() inside a test process, or from the environment
// variable PWS_CRASH_AT=<point> by arm_from_environment(), which the server
// calls only under --test-mode: in production the variable does nothing,
// so no stray environment can make the payment host kill itself. Unarmed,
// maybe_crash() is a cheap no-op. The payment service names its points:
//   "before_charge"  reserved in the database, processor not yet called
//   "after_charge"   the processor recorded the charge, settlement not yet
//                    committed
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace pws::faults {

// Exit status of a crashed process: 137 = 128 + SIGKILL, what a shell reports
// for kill -9.
inline constexpr int kCrashExitCode = 137;

// When `point` is the armed crash point, writes one line to stderr and ends
// the process with _exit(kCrashExitCode): no destructors, no atexit, no
// flushing of stdio buffers, no SQLite rollback: like kill -9.
void maybe_crash(std::string_view point);

// Arms the point named by PWS_CRASH_AT (nothing when unset). Test mode only.
void arm_from_environment();

// Arms `point` for this process; "" disarms.
void set_crash_point(std::string point);

// The point currently armed ("" when none).
std::string crash_point();

// PWS_CHARGE_LANDS_LATE_MS=<ms> (test mode only, like PWS_CRASH_AT): the
// test processor's charges time out and land that much later
// (TestProcessorOptions::lands_late). nullopt when unset or not a number.
std::optional<std::chrono::milliseconds> charge_lands_late_from_environment();

}  // namespace pws::faults
