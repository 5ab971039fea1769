#pragma once
// This boot of the device, so that a clock offset measured before a reboot (when
// a Pi without a battery may come back an hour behind) is not trusted after it.
#include <string>

namespace cowork::kiosk {

// Linux's random boot id; a fresh random id for this process where there is none.
std::string currentBootId();

}  // namespace cowork::kiosk
