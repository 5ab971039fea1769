#pragma once
// How long a visit stays linked to its member: the coordinator's setting on the
// hub, which kiosks follow. The CNIL allows identity data of access control for
// 3 months at most.
#include <optional>
#include <string>

namespace cowork {

constexpr int kDefaultVisitLinkMonths = 3;
constexpr int kMinVisitLinkMonths = 1;
constexpr int kMaxVisitLinkMonths = 3;

// The period a stored setting says ("1" to "3"); the default when there is none.
inline int visitLinkMonthsOr(const std::optional<std::string>& setting) {
    return setting ? std::stoi(*setting) : kDefaultVisitLinkMonths;
}

}  // namespace cowork
