#include "platform/process_clock.hpp"

#include <time.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace cowork::platform {
namespace {

// Field 22 of /proc/self/stat: start time in ticks since boot. The command
// name (field 2) may hold spaces, so fields are counted after its ')'.
long long startTicks() {
    std::ifstream file("/proc/self/stat");
    std::string line;
    if (!std::getline(file, line)) return -1;
    const auto close = line.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    for (int i = 3; i < 22 && rest >> field; ++i) {
    }
    long long ticks = -1;
    rest >> ticks;
    return ticks;
}

}  // namespace

long long msSinceProcessStart() {
    const long long ticks = startTicks();
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    timespec now{};
    // The kernel counts the start on the boot-time clock (suspend included).
    if (ticks < 0 || ticksPerSecond <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0) return -1;
    const long long nowMs = static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
    return nowMs - ticks * 1000 / ticksPerSecond;
}

}  // namespace cowork::platform
