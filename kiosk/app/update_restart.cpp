#include "app/update_restart.hpp"

#include "app/kiosk_app.hpp"  // kInactivityMs

namespace cowork::kiosk {

bool shouldRestartIntoUpdate(bool executableReplaced, const KioskView& view, TimeMs msSinceInput) {
    return executableReplaced && !view.status.open && msSinceInput >= kInactivityMs;
}

}  // namespace cowork::kiosk
