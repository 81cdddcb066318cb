// Result<T> and Error: how every core function reports failure.
//
// The core never throws across its API (the wasm build runs with exceptions
// off), so a function that can fail returns Result<T>. An Error carries:
//   code    - a stable machine id, snake_case (e.g. "too_many_decimals"); the
//             API and the widget map it to words, tests assert on it;
//   field   - the input it concerns (e.g. "amount", "items[2].quantity"), or
//             empty when it concerns the whole input;
//   message - one sentence for a person: what is wrong and, where it helps,
//             what to do next, in English (the API's language);
//   message_id, args - when the message comes from the catalogue
//             (messages.hpp): its id and named arguments, so a UI can say
//             the same in the payer's language (pw::error_text).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace pw {

// Named arguments of a catalogue message: {"amount", "51.00 USD"}, ...
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

struct Error {
    std::string code;
    std::string field;
    std::string message;
    std::string message_id = {};  // "" when the message is not from the catalogue
    MessageArgs args = {};

    bool ok() const { return code.empty(); }
    explicit operator bool() const { return !code.empty(); }  // true when there IS an error
};

inline Error make_error(std::string code, std::string field, std::string message) {
    return Error{std::move(code), std::move(field), std::move(message)};
}

template <class T>
struct Result {
    T value{};
    Error error;

    bool ok() const { return error.ok(); }
    explicit operator bool() const { return ok(); }

    static Result success(T v) { return Result{std::move(v), Error{}}; }
    static Result failure(Error e) { return Result{T{}, std::move(e)}; }
    static Result failure(std::string code, std::string field, std::string message) {
        return failure(make_error(std::move(code), std::move(field), std::move(message)));
    }
};

}  // namespace pw
