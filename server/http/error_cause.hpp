// Why a request ended in a 5xx, for its one structured log line.
//
// The code that sees a failure records its cause (note_error_cause: error
// codes and record ids, never request data); the error builders record the
// code they answer with (record_error_code, called by send_error for any
// status >= 500, which every service error reaches through
// send_service_error, http/service_outcome.hpp). The access log line of the
// request then carries both ("error", "cause"): exactly one JSON line per
// 5xx, written where the access log is written, never a stray fprintf.
//
// Per request: the router runs a request's hooks and handler on one pool
// thread, so the record is thread-local: cleared by the pre-routing hook
// (begin_request_errors) and moved into the response by the post-routing
// hook (http/common_handlers.cpp), which the access log line reads later.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pws {

struct ErrorCause {
    std::string code;   // the error code answered, e.g. "storage_busy"
    std::string cause;  // what failed, e.g. "payment pay_x: settle: storage_busy"
};

// Clears the record (the start of a request).
void begin_request_errors();
// The cause of the failure being answered; the first recorded wins (later
// notes are usually consequences of it).
void note_error_cause(std::string_view cause);
// The error code of a 5xx being answered (the last one wins: it is sent).
void record_error_code(std::string_view code);
// The record, cleared; nullopt when nothing was recorded.
std::optional<ErrorCause> take_error_cause();

}  // namespace pws
