#include <algorithm>
#include <map>

#include "storage/sqlite_hub_storage.hpp"
#include "store/site_reads.hpp"

namespace cowork::hub {
namespace {

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

template <typename Value>
Value valueOr(const std::map<std::string, Value>& values, const std::string& key, Value otherwise) {
    const auto found = values.find(key);
    return found == values.end() ? otherwise : found->second;
}

// The sites, places, their service and the sites' overrides change only by
// these events (from this process or another): the last one's position says
// whether what was read before still holds. One index seek each.
std::int64_t configurationSeq(Database& db) {
    Statement& row = db.prepare(
        "SELECT max(coalesce((SELECT max(seq) FROM events WHERE kind = 'site.configured'), 0), "
        "coalesce((SELECT max(seq) FROM events WHERE kind = 'place.configured'), 0), "
        "coalesce((SELECT max(seq) FROM events WHERE kind = 'place.service_changed'), 0), "
        "coalesce((SELECT max(seq) FROM events WHERE kind = 'site.override_set'), 0))");
    row.step();
    const std::int64_t seq = row.columnInt(0);
    row.reset();
    return seq;
}

}  // namespace

// Read again only when a configuration event came: computing availability
// happens at every check-in anywhere, and parsing each site's opening hours
// was most of its cost.
const SqliteHubStorage::AvailabilityConfiguration& SqliteHubStorage::availabilityConfiguration(Database& db) {
    const std::int64_t seq = configurationSeq(db);
    if (seq == availabilityConfiguration_.seq) return availabilityConfiguration_;
    availabilityConfiguration_ = {
        seq, loadSites(db),
        countsBySite(db, "SELECT p.site_id, count(*) FROM places p LEFT JOIN place_service s ON s.place_id = p.id "
                         "WHERE coalesce(s.in_service, 1) != 0 GROUP BY p.site_id"),
        overridesBySite(db)};
    return availabilityConfiguration_;
}

// The file's last word from each site, or newer, from the reports held in
// memory (a revoked kiosk no longer syncs: it has none held).
std::map<std::string, TimeMs> SqliteHubStorage::lastSeenBySite(Database& db, const std::vector<Site>& sites) {
    std::map<std::string, TimeMs> lastSeen;
    {
        std::lock_guard lock(reportsMutex_);
        lastSeen = heldLastSeenBySite_;
    }
    Statement& row = db.prepare("SELECT max(last_seen) FROM hub_devices WHERE site_id = ?1 AND revoked_at IS NULL");
    for (const Site& site : sites) {
        row.bind(1, site.id);
        row.step();
        if (const auto fileSays = row.columnOptionalInt(0)) {
            TimeMs& seen = lastSeen[site.id];
            seen = std::max(seen, *fileSays);
        }
        row.reset();
    }
    return lastSeen;
}

// Reads the held reports where they are rather than writing them first: this
// runs at every check-in, and would otherwise cost a write transaction each.
std::vector<SiteAvailability> SqliteHubStorage::availability(TimeMs now) {
    const auto reader = readers_.lease();
    Database& db = reader.db();
    std::lock_guard lock(availabilityMutex_);
    const ReadTransaction snapshot(db);
    const AvailabilityConfiguration& configuration = availabilityConfiguration(db);
    // A probe of the open visits' index for each place, rather than a scan of
    // every open visit: a busy network has many more of those than places.
    const auto occupied = countsBySite(
        db, "SELECT p.site_id, count(*) FROM places p WHERE EXISTS (SELECT 1 FROM visits v "
            "WHERE v.site_id = p.site_id AND v.place_id = p.id AND v.ended_at IS NULL) GROUP BY p.site_id");
    const auto lastSeen = lastSeenBySite(db, configuration.sites);
    std::vector<SiteAvailability> out;
    for (const Site& site : configuration.sites) {
        SiteAvailability a;
        a.siteId = site.id;
        a.placesInService = valueOr(configuration.placesInService, site.id, 0);
        a.override = valueOr(configuration.overrides, site.id, SiteOverride::None);
        a.open = site.hours.isOpenAt(now) && a.override != SiteOverride::ClosedNow;
        a.freePlaces = a.override == SiteOverride::Full ? 0 : std::max(0, a.placesInService - valueOr(occupied, site.id, 0));
        // As old as the last word from the site's kiosk: the hub knows no better.
        a.asOf = valueOr(lastSeen, site.id, TimeMs{0});
        out.push_back(a);
    }
    return out;
}

}  // namespace cowork::hub
