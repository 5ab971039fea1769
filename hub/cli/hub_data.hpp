#pragma once
#include <memory>
#include <string>

#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {

// The hub's storage in DIR (created if needed): DIR/hub.db.
std::string hubDatabasePath(const std::string& dataDir);
std::unique_ptr<HubStorage> openHubData(const std::string& dataDir);

// Logs go to standard error, one key=value line per event, so that standard
// output stays for what scripts read.
void setUpLogging();

}  // namespace cowork::hub
