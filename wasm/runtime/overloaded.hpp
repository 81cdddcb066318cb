// A set of lambdas as one visitor for std::visit. Used without a generic
// (auto) lambda, it makes the visit exhaustive: an alternative no lambda
// takes is a compile error, not a silently ignored case.
#pragma once

namespace pwui {

template <class... Handlers>
struct overloaded : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>
overloaded(Handlers...) -> overloaded<Handlers...>;

}  // namespace pwui
