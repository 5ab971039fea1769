#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

// Visits started and not ended at a site, oldest first.
std::vector<Visit> loadOpenVisits(Database& db, const std::string& siteId);
// Places of the site taken by an open visit.
int countOccupiedPlaces(Database& db, const std::string& siteId);
std::optional<std::string> siteOfVisit(Database& db, const std::string& visitId);
std::optional<std::string> siteOfPlace(Database& db, const std::string& placeId);
std::optional<std::string> siteOfMessage(Database& db, const std::string& messageId);

}  // namespace cowork
