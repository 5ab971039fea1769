#pragma once
#include <CLI/CLI.hpp>

namespace cowork::hub {

// `backup --data DIR --to FILE`: a consistent copy while the hub runs, which
// starts a new epoch when a hub is started on it.
// `new-epoch --data DIR`: for data restored some other way (a plain file copy),
// so that kiosks push again what the restored file lacks.
void addBackupCommands(CLI::App& app);

}  // namespace cowork::hub
