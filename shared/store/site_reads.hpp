#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

std::vector<Site> loadSites(Database& db);  // ordered by id
std::optional<Site> loadSite(Database& db, const std::string& siteId);
// The places of a site with their service state, ordered by id.
std::vector<Place> loadPlaces(Database& db, const std::string& siteId);

struct SiteOverrideState {
    SiteOverride value = SiteOverride::None;
    std::string reason;
};
SiteOverrideState loadSiteOverride(Database& db, const std::string& siteId);

}  // namespace cowork
