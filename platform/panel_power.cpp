#include "platform/panel_power.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

namespace cowork::platform {

PanelPower::PanelPower(const std::string& sysfsRoot) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(sysfsRoot, error)) {
        const auto file = entry.path() / "bl_power";
        if (std::filesystem::exists(file, error)) {
            powerFile_ = file.string();
            spdlog::info("alimentation de l'écran : {}", *powerFile_);
            return;
        }
    }
}

bool PanelPower::set(bool on) {
    if (on == on_) return true;
    on_ = on;
    if (!powerFile_) return true;
    std::ofstream file(*powerFile_);
    file << (on ? "0" : "4") << '\n';  // FB_BLANK_UNBLANK / FB_BLANK_POWERDOWN
    if (!file) {
        spdlog::warn("écran : écriture impossible dans {}", *powerFile_);
        return false;
    }
    return true;
}

}  // namespace cowork::platform
