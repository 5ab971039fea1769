#include "app/panel_policy.hpp"

namespace cowork::kiosk {

bool panelShouldBeOn(const KioskView& view, TimeMs now, TimeMs msSinceInput) {
    if (!view.configured) return true;  // being installed
    if (view.site.hours.isOpenAt(now)) return true;  // the shopkeeper's "closed now" still shows why
    return msSinceInput < kPanelAwakeAfterTouchMs;
}

}  // namespace cowork::kiosk
