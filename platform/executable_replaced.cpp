#include "platform/executable_replaced.hpp"

#include <filesystem>

namespace cowork::platform {

bool executableReplaced(const std::string& exeLink) {
    std::error_code error;
    const std::string target = std::filesystem::read_symlink(exeLink, error).string();
    const std::string mark = " (deleted)";
    return !error && target.size() > mark.size() && target.compare(target.size() - mark.size(), mark.size(), mark) == 0;
}

}  // namespace cowork::platform
