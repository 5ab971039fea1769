#pragma once
#include <CLI/CLI.hpp>

namespace cowork::hub {

// `cowork-hub check-network FILE [--from SITE] [--at "2026-03-29 10:00"]`:
// reads a network file, reports the first error by line or field, and otherwise
// prints every site as the kiosks would show it at that moment.
void addCheckNetworkCommand(CLI::App& app);

}  // namespace cowork::hub
