#include "domain/device_clock.hpp"

#include <time.h>

#include <fstream>

namespace cowork {
namespace {

std::string readBootId() {
    std::ifstream file("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(file, id);
    return id;
}

}  // namespace

DeviceInstant deviceInstantNow() {
    static const std::string bootId = readBootId();  // fixed for the life of a process
    timespec now{};
    if (clock_gettime(CLOCK_BOOTTIME, &now) != 0) return {"", 0};
    return {bootId, static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000};
}

}  // namespace cowork
