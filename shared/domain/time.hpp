#pragma once
#include <cstdint>

namespace cowork {

// A moment in UTC, in milliseconds since the Unix epoch. Every stored time is one
// of these; local (Europe/Paris) time is only ever computed for display and for
// opening hours.
using TimeMs = std::int64_t;

constexpr TimeMs kMinuteMs = 60'000;
constexpr TimeMs kHourMs = 60 * kMinuteMs;
constexpr TimeMs kDayMs = 24 * kHourMs;

// The system clock, read in one place so tests and the hub's clock correction
// can reason about it.
TimeMs systemNowMs();

}  // namespace cowork
