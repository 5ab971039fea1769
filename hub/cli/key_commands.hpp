#pragma once
#include <CLI/CLI.hpp>

namespace cowork::hub {

// `rotate-key --data DIR [--tls-cert F]`: moves the self-signed hub to its
// backup key. The two new pins (current, backup) alone on standard output,
// one per line; what to do next on standard error.
void addKeyCommands(CLI::App& app);

}  // namespace cowork::hub
