#pragma once
// Display power: the panel's backlight through sysfs (the official Raspberry Pi
// touch display exposes /sys/class/backlight/<name>/bl_power: 0 on, 4 off,
// the FB_BLANK values). Turning the backlight off saves most of a small
// panel's power while the shop is closed; touch input keeps working, so a
// touch turns it back on. Where there is no backlight control (a desktop,
// Xvfb, tests) it does nothing.
#include <optional>
#include <string>

namespace cowork::platform {

class PanelPower {
public:
    // The first backlight under `sysfsRoot` (normally /sys/class/backlight).
    explicit PanelPower(const std::string& sysfsRoot = "/sys/class/backlight");
    bool available() const { return powerFile_.has_value(); }
    // Writes only on a change; returns false if the write failed.
    bool set(bool on);
    bool isOn() const { return on_; }

private:
    std::optional<std::string> powerFile_;
    bool on_ = true;
};

}  // namespace cowork::platform
