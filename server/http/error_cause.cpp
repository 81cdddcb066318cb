#include "http/error_cause.hpp"

namespace pws {

namespace {
thread_local std::optional<ErrorCause> t_cause;
}  // namespace

void begin_request_errors() { t_cause.reset(); }

void note_error_cause(std::string_view cause) {
    if (!t_cause) t_cause.emplace();
    if (t_cause->cause.empty()) t_cause->cause = std::string(cause);
}

void record_error_code(std::string_view code) {
    if (!t_cause) t_cause.emplace();
    t_cause->code = std::string(code);
}

std::optional<ErrorCause> take_error_cause() {
    std::optional<ErrorCause> out = std::move(t_cause);
    t_cause.reset();
    return out;
}

}  // namespace pws
