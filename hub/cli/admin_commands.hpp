#pragma once
#include <CLI/CLI.hpp>

namespace cowork::hub {

// import-network, enroll-code, pin, add-coordinator, add-user, revoke-device: the
// coordinator's and the provisioning scripts' commands. Scripts read standard
// output (the value alone on its last line); explanations go to standard error.
void addAdminCommands(CLI::App& app);

}  // namespace cowork::hub
