#include <algorithm>
#include <map>

#include "storage/sqlite_hub_storage.hpp"
#include "store/site_reads.hpp"

namespace cowork::hub {
namespace {

// Counts by site in one pass each, not one query per site: availability is
// computed again whenever the log moves, that is at every check-in anywhere.
std::map<std::string, int> countsBySite(Database& db, const char* sql) {
    std::map<std::string, int> counts;
    Statement& row = db.prepare(sql);
    while (row.step()) counts[row.columnText(0)] = static_cast<int>(row.columnInt(1));
    return counts;
}

std::map<std::string, SiteOverride> overridesBySite(Database& db) {
    std::map<std::string, SiteOverride> overrides;
    Statement& row = db.prepare("SELECT site_id, value FROM site_overrides");
    while (row.step()) overrides[row.columnText(0)] = siteOverrideFromString(row.columnText(1)).value_or(SiteOverride::None);
    return overrides;
}

int countOf(const std::map<std::string, int>& counts, const std::string& siteId) {
    const auto found = counts.find(siteId);
    return found == counts.end() ? 0 : found->second;
}

}  // namespace

// Parsing each site's configuration was most of the cost: a site whose stored
// text has not changed keeps what was parsed last time.
const std::vector<SqliteHubStorage::ParsedSite>& SqliteHubStorage::sitesParsed() {
    std::vector<ParsedSite> current;
    Statement& row = reader_.db().prepare("SELECT config FROM sites ORDER BY id");
    for (std::size_t i = 0; row.step(); ++i) {
        std::string config = row.columnText(0);
        if (i < parsedSites_.size() && parsedSites_[i].config == config) {
            current.push_back(std::move(parsedSites_[i]));
        } else {
            Site site = siteFromStoredConfig(config);
            current.push_back({std::move(config), std::move(site)});
        }
    }
    parsedSites_ = std::move(current);
    return parsedSites_;
}

// The file's last word from each site, or newer, from the reports held in
// memory (a revoked kiosk no longer syncs: it has none held).
std::map<std::string, TimeMs> SqliteHubStorage::lastSeenBySite() {
    std::map<std::string, TimeMs> lastSeen;
    {
        std::lock_guard lock(reportsMutex_);
        for (const auto& [deviceId, held] : heldReports_) {
            TimeMs& site = lastSeen[held.device.siteId];
            site = std::max(site, held.lastSyncAt);
        }
    }
    Statement& row = reader_.db().prepare("SELECT max(last_seen) FROM hub_devices WHERE site_id = ?1 AND revoked_at IS NULL");
    for (const ParsedSite& parsed : parsedSites_) {
        row.bind(1, parsed.site.id);
        row.step();
        if (const auto fileSays = row.columnOptionalInt(0)) {
            TimeMs& site = lastSeen[parsed.site.id];
            site = std::max(site, *fileSays);
        }
        row.reset();
    }
    return lastSeen;
}

// Reads the held reports where they are rather than writing them first: this
// runs at every check-in, and would otherwise cost a write transaction each.
std::vector<SiteAvailability> SqliteHubStorage::availability(TimeMs now) {
    std::lock_guard lock(readMutex_);
    Database& db = reader_.db();
    const ReadTransaction snapshot(db);
    const auto inService = countsBySite(
        db, "SELECT p.site_id, count(*) FROM places p LEFT JOIN place_service s ON s.place_id = p.id "
            "WHERE coalesce(s.in_service, 1) != 0 GROUP BY p.site_id");
    // A probe of the open visits' index for each place, rather than a scan of
    // every open visit: a busy network has many more of those than places.
    const auto occupied = countsBySite(
        db, "SELECT p.site_id, count(*) FROM places p WHERE EXISTS (SELECT 1 FROM visits v "
            "WHERE v.site_id = p.site_id AND v.place_id = p.id AND v.ended_at IS NULL) GROUP BY p.site_id");
    const auto overrides = overridesBySite(db);
    const auto& sites = sitesParsed();
    const auto lastSeen = lastSeenBySite();  // after sitesParsed(): a site per row
    std::vector<SiteAvailability> out;
    for (const ParsedSite& parsed : sites) {
        const Site& site = parsed.site;
        const auto forced = overrides.find(site.id);
        const auto seen = lastSeen.find(site.id);
        SiteAvailability a;
        a.siteId = site.id;
        a.placesInService = countOf(inService, site.id);
        a.override = forced == overrides.end() ? SiteOverride::None : forced->second;
        a.open = site.hours.isOpenAt(now) && a.override != SiteOverride::ClosedNow;
        a.freePlaces = a.override == SiteOverride::Full ? 0 : std::max(0, a.placesInService - countOf(occupied, site.id));
        // As old as the last word from the site's kiosk: the hub knows no better.
        a.asOf = seen == lastSeen.end() ? 0 : seen->second;
        out.push_back(a);
    }
    return out;
}

}  // namespace cowork::hub
