#pragma once
// What the store holds about the network as a whole, beyond its sites.
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite_db.hpp"

namespace cowork {

// The communes sign-up offers as places of residence, in the network file's
// order; nullopt when no list was ever received (an older hub, a kiosk not
// synced yet).
std::optional<std::vector<std::string>> loadNetworkCommunes(Database& db);

}  // namespace cowork
