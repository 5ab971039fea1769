#include "sync/boot_id.hpp"

#include "domain/device_clock.hpp"
#include "events/uuid7.hpp"

namespace cowork::kiosk {

std::string currentBootId() {
    if (std::string id = deviceInstantNow().bootId; !id.empty()) return id;
    static const std::string processId = newUuid7(systemNowMs());
    return processId;
}

}  // namespace cowork::kiosk
