#pragma once
// A new version installed by unattended-upgrades waits for the shop to close:
// the kiosk ends itself (systemd's Restart=always starts the new one) only
// when the site takes no visitors and nobody has touched the screen for a
// minute, never in the middle of someone's check-in.
#include "app/kiosk_view.hpp"
#include "domain/time.hpp"

namespace cowork::kiosk {

bool shouldRestartIntoUpdate(bool executableReplaced, const KioskView& view, TimeMs msSinceInput);

}  // namespace cowork::kiosk
