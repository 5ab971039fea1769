#include "store/site_reads.hpp"

#include "events/entity_codec.hpp"

namespace cowork {
namespace {

Site siteFromStoredConfig(const std::string& config) {
    const Json json = parseJson(config);
    return siteFromJson(JsonObject(json, "site"));
}

}  // namespace

std::vector<Site> loadSites(Database& db) {
    std::vector<Site> sites;
    Statement& row = db.prepare("SELECT config FROM sites ORDER BY id");
    while (row.step()) sites.push_back(siteFromStoredConfig(row.columnText(0)));
    return sites;
}

std::optional<Site> loadSite(Database& db, const std::string& siteId) {
    Statement& row = db.prepare("SELECT config FROM sites WHERE id = ?1");
    row.bind(1, siteId);
    if (!row.step()) return std::nullopt;
    Site site = siteFromStoredConfig(row.columnText(0));
    row.reset();
    return site;
}

std::vector<Place> loadPlaces(Database& db, const std::string& siteId) {
    std::vector<Place> places;
    Statement& row = db.prepare(
        "SELECT p.id, p.site_id, p.label, coalesce(s.in_service, 1), coalesce(s.reason, '') "
        "FROM places p LEFT JOIN place_service s ON s.place_id = p.id WHERE p.site_id = ?1 ORDER BY p.id");
    row.bind(1, siteId);
    while (row.step()) {
        places.push_back({row.columnText(0), row.columnText(1), row.columnText(2), row.columnInt(3) != 0, row.columnText(4)});
    }
    return places;
}

SiteOverrideState loadSiteOverride(Database& db, const std::string& siteId) {
    Statement& row = db.prepare("SELECT value, reason FROM site_overrides WHERE site_id = ?1");
    row.bind(1, siteId);
    if (!row.step()) return {};
    SiteOverrideState state{siteOverrideFromString(row.columnText(0)).value_or(SiteOverride::None), row.columnText(1)};
    row.reset();
    return state;
}

}  // namespace cowork
