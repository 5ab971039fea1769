#pragma once
// When the panel is lit: during opening hours, and for a few minutes after a
// touch outside them (someone checking when it opens). Outside that, nobody is
// in the shop to read it, and a Pi's panel backlight is most of its power.
#include "app/kiosk_view.hpp"
#include "domain/time.hpp"

namespace cowork::kiosk {

constexpr TimeMs kPanelAwakeAfterTouchMs = 5 * kMinuteMs;

// `now` on the wall clock (opening hours); `msSinceInput` real time.
bool panelShouldBeOn(const KioskView& view, TimeMs now, TimeMs msSinceInput);

}  // namespace cowork::kiosk
