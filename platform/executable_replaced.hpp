#pragma once
// Whether the program file this process runs was replaced on disk since it
// started: apt upgrading the package renames the new file over the old one,
// and the kernel then shows the running one as "… (deleted)".
#include <string>

namespace cowork::platform {

bool executableReplaced(const std::string& exeLink = "/proc/self/exe");

}  // namespace cowork::platform
