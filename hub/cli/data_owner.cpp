#include "cli/data_owner.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace cowork::hub {

void actAsOwnerOf(const std::string& dataDir) {
    struct stat info {};
    if (geteuid() != 0 || dataDir.empty() || ::stat(dataDir.c_str(), &info) != 0 || info.st_uid == 0) return;
    const passwd* owner = getpwuid(info.st_uid);
    // Supplementary groups first, while still allowed to set them; then the group, then the user.
    const bool groupsSet = owner ? initgroups(owner->pw_name, info.st_gid) == 0 : setgroups(0, nullptr) == 0;
    if (!groupsSet || setgid(info.st_gid) != 0 || setuid(info.st_uid) != 0) {
        throw std::runtime_error("impossible de prendre l’identité du propriétaire de « " + dataDir +
                                 " » (uid " + std::to_string(info.st_uid) + ") : lancez la commande sous ce compte (sudo -u)");
    }
}

}  // namespace cowork::hub
