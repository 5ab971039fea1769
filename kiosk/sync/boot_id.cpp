#include "sync/boot_id.hpp"

#include <fstream>

#include "events/uuid7.hpp"

namespace cowork::kiosk {

std::string currentBootId() {
    std::ifstream file("/proc/sys/kernel/random/boot_id");
    std::string id;
    if (std::getline(file, id) && !id.empty()) return id;
    static const std::string processId = newUuid7(systemNowMs());
    return processId;
}

}  // namespace cowork::kiosk
