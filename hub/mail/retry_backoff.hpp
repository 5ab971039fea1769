#pragma once
#include "domain/time.hpp"

namespace cowork::hub {

constexpr TimeMs kFirstMailRetryMs = kMinuteMs;
constexpr TimeMs kLongestMailRetryMs = kHourMs;

// How long to wait after the n-th failed attempt (n >= 1): one minute, doubled at
// each failure up to an hour, plus up to a quarter more at random (`random01`
// in [0, 1)) so that messages that failed together do not all retry together.
TimeMs mailRetryDelayMs(int failedAttempts, double random01);

}  // namespace cowork::hub
