#pragma once
// --demo: a self-contained demo site. Imports the demo network file, sets this
// kiosk at one of its mini-coworks, keeps the territory's communes and travel
// times, and publishes one announcement. Nothing personal is seeded.
#include <string>

#include "store/store.hpp"

namespace cowork::kiosk {

// Idempotent: running it again on the same store changes nothing. Throws when
// the file is invalid or the site is not in it.
// `announcement`: the text of the demo's one announcement (from the catalogue).
void setUpDemoSite(Store& store, const std::string& networkFilePath, const std::string& siteId,
                   const std::string& announcement, TimeMs now);

}  // namespace cowork::kiosk
