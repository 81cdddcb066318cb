#include "faults/faults.hpp"

#include <unistd.h>

#include <cstdlib>
#include <mutex>

namespace pws::faults {
namespace {

std::mutex g_mu;
std::string g_armed;  // "" : none

}  // namespace

std::string crash_point() {
    std::lock_guard lock(g_mu);
    return g_armed;
}

void arm_from_environment() {
    const char* env = std::getenv("PWS_CRASH_AT");
    if (env != nullptr) set_crash_point(env);
}

void set_crash_point(std::string point) {
    std::lock_guard lock(g_mu);
    g_armed = std::move(point);
}

std::optional<std::chrono::milliseconds> charge_lands_late_from_environment() {
    const char* env = std::getenv("PWS_CHARGE_LANDS_LATE_MS");
    if (env == nullptr || *env == '\0') return std::nullopt;
    char* end = nullptr;
    const long ms = std::strtol(env, &end, 10);
    if (end == env || *end != '\0' || ms <= 0 || ms > 600000) return std::nullopt;
    return std::chrono::milliseconds(ms);
}

void maybe_crash(std::string_view point) {
    const std::string armed = crash_point();
    if (armed.empty() || armed != point) return;
    std::string line = "pws: simulated crash at ";
    line += point;
    line += "\n";
    // write(2) and _exit(2): nothing buffered, nothing cleaned up.
    (void)!::write(STDERR_FILENO, line.data(), line.size());
    ::_exit(kCrashExitCode);
}

}  // namespace pws::faults
