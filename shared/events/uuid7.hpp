#pragma once
// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort
// by creation time and two devices never collide. Within one millisecond the
// 12-bit rand_a field counts up, so ids made by one generator stay ordered.
#include <mutex>
#include <string>

#include "domain/time.hpp"

namespace cowork {

class Uuid7Generator {
public:
    std::string next(TimeMs nowMs);

private:
    std::mutex mutex_;
    TimeMs lastMs_ = -1;
    unsigned counter_ = 0;
};

std::string newUuid7(TimeMs nowMs);  // from a process-wide generator
bool isUuid(std::string_view text);  // 8-4-4-4-12 lowercase hex
TimeMs uuid7TimeMs(std::string_view uuid);

}  // namespace cowork
