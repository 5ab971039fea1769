#pragma once

namespace cowork {

// Lambdas merged into one visitor for std::visit over EventPayload and friends.
template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

}  // namespace cowork
