#include "service/public_snapshot.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "domain/osm_opening_hours.hpp"
#include "domain/paris_time.hpp"
#include "domain/travel_time.hpp"
#include "security/secrets.hpp"
#include "service/csv_cells.hpp"

namespace cowork::hub {
namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";
// header=present: the first line names the columns (RFC 4180's optional parameter).
constexpr const char* kCsvType = "text/csv; charset=utf-8; header=present";

// Every file says under which licence and by whom it is published.
Json licence(const std::string& publisher) {
    Json data = {{"license_id", kLicenseId}, {"license_url", kLicenseUrl}};
    if (!publisher.empty()) data["attribution_organization_name"] = publisher;
    return data;
}

std::string insee(const PublicNetwork& network, const std::string& commune) {
    for (const CommunePlace& c : network.communes) {
        if (c.name == commune) return c.insee;
    }
    return "";
}

const SiteAvailability* availabilityOf(const PublicState& state, const std::string& siteId) {
    for (const SiteAvailability& a : state.availability) {
        if (a.siteId == siteId) return &a;
    }
    return nullptr;
}

// ---- The tables: one row per site, as JSON objects and as CSV cells ----

struct SiteRow {
    Json json;
    std::vector<std::string> cells;
};

const std::vector<std::string> kSiteColumns = {"site_id", "name",    "kind", "commune", "insee",
                                               "address", "lat",     "lon",  "places",  "opening_hours"};

SiteRow siteRow(const PublicState& state, const Site& site, LocalDate today) {
    const std::string code = insee(state.network, site.commune);
    const auto places = state.placeCounts.find(site.id);
    const int count = places == state.placeCounts.end() ? 0 : places->second;
    const std::string hours = toOsmOpeningHours(site.hours, today);
    Json json = {{"site_id", site.id},   {"name", site.name}, {"kind", toString(site.kind)}, {"commune", site.commune},
                 {"address", site.address}, {"lat", site.coordinates.lat}, {"lon", site.coordinates.lon},
                 {"places", count}, {"opening_hours", hours}};
    if (!code.empty()) json["insee"] = code;
    return {json,
            {site.id, site.name, std::string(toString(site.kind)), site.commune, code, site.address,
             Json(site.coordinates.lat).dump(), Json(site.coordinates.lon).dump(), std::to_string(count), hours}};
}

const std::vector<std::string> kStatusColumns = {"site_id", "is_open", "num_places_available", "num_places_in_service",
                                                 "last_reported"};

// A site whose kiosk never reached the hub has no figure: the hub knows no visit there.
SiteRow statusRow(const Site& site, const SiteAvailability* a) {
    const bool reported = a != nullptr && a->asOf > 0;
    const bool open = a != nullptr && a->open;
    const int inService = a == nullptr ? 0 : a->placesInService;
    Json json = {{"site_id", site.id},
                 {"is_open", open},
                 {"num_places_available", reported ? Json(a->freePlaces) : Json(nullptr)},
                 {"num_places_in_service", inService},
                 {"last_reported", reported ? Json(rfc3339(a->asOf)) : Json(nullptr)}};
    return {json,
            {site.id, open ? "true" : "false", reported ? std::to_string(a->freePlaces) : "", std::to_string(inService),
             reported ? rfc3339(a->asOf) : ""}};
}

// From a commune that hosts a site, travel as that site's kiosk shows it (the
// network file's travel times included), 0 to the commune's own sites; from
// another, the estimate from the commune's position. A commune with neither
// cannot be sorted from: left out.
std::optional<Json> communeEntry(const PublicState& state, const CommunePlace& commune, const TravelTimes& travel) {
    const auto host = std::find_if(state.sites.begin(), state.sites.end(), [&](const Site& s) { return s.commune == commune.name; });
    if (host == state.sites.end() && !commune.coordinates) return std::nullopt;
    Json minutes = Json::object();
    for (const Site& site : state.sites) {
        if (site.commune == commune.name) {
            minutes[site.id] = 0;  // every site of the commune is "in your commune"
        } else {
            minutes[site.id] = host != state.sites.end() ? travel.minutesBetween(host->id, site.id)
                                                         : estimatedTravelMinutes(*commune.coordinates, site.coordinates);
        }
    }
    Json entry = {{"name", commune.name}, {"travel_minutes", minutes}};
    if (!commune.insee.empty()) entry["insee"] = commune.insee;
    return entry;
}

// ---- Files ----

std::string jsonBody(const Json& data, TimeMs lastUpdated) {
    return Json{{"last_updated", rfc3339(lastUpdated)}, {"ttl", kPublicTtlSeconds}, {"version", kGbfsVersion}, {"data", data}}
        .dump();
}

// Kept from the previous snapshot when its data is the same.
PublicFile jsonFile(const std::string& name, const Json& data, TimeMs now, const PublicSnapshot* previous) {
    std::string dump = data.dump();
    if (previous != nullptr) {
        if (const PublicFile* before = previous->file(name); before != nullptr && before->data == dump) return *before;
    }
    PublicFile file{jsonBody(data, now), kJsonType, "", std::move(dump), now};
    file.etag = quotedHash(file.body);
    return file;
}

PublicFile csvFile(const std::vector<std::string>& columns, const std::vector<SiteRow>& rows, TimeMs now) {
    std::string body = openDataCsvLine(columns);
    for (const SiteRow& row : rows) body += openDataCsvLine(row.cells);
    PublicFile file{body, kCsvType, quotedHash(body), body, now};
    return file;
}

// The next time a site opens or closes by its hours: open now can change then.
TimeMs nextTransition(const std::vector<Site>& sites, TimeMs now, TimeMs limit) {
    TimeMs next = limit;
    for (const Site& site : sites) {
        const auto change = site.hours.isOpenAt(now) ? site.hours.closesAt(now) : site.hours.nextOpening(now);
        if (change && *change > now) next = std::min(next, *change);
    }
    return next;
}

}  // namespace

const PublicFile* PublicSnapshot::file(const std::string& name) const {
    const auto it = files.find(name);
    return it == files.end() ? nullptr : &it->second;
}

std::shared_ptr<const PublicSnapshot> buildPublicSnapshot(const PublicState& state, TimeMs now, const PublicSnapshot* previous) {
    const LocalDate today = toParisLocal(now).date;
    std::vector<SiteRow> sites;
    std::vector<SiteRow> statuses;
    Json siteList = Json::array();
    Json statusList = Json::array();
    for (const Site& site : state.sites) {
        sites.push_back(siteRow(state, site, today));
        siteList.push_back(sites.back().json);
        statuses.push_back(statusRow(site, availabilityOf(state, site.id)));
        statusList.push_back(statuses.back().json);
    }
    const TravelTimes travel(state.sites, state.network.travelOverrides);
    Json communes = Json::array();
    for (const CommunePlace& commune : state.network.communes) {
        if (auto entry = communeEntry(state, commune, travel)) communes.push_back(std::move(*entry));
    }

    auto snapshot = std::make_shared<PublicSnapshot>();
    snapshot->builtAt = now;
    snapshot->publisher = state.network.publisher;
    snapshot->validUntil = nextTransition(state.sites, now, now + kPublicTtlSeconds * 1000);
    Json sitesData = licence(state.network.publisher);
    sitesData["sites"] = siteList;
    Json statusData = licence(state.network.publisher);
    statusData["sites"] = statusList;
    Json communesData = licence(state.network.publisher);
    communesData["communes"] = communes;
    snapshot->files["sites.json"] = jsonFile("sites.json", sitesData, now, previous);
    snapshot->files["status.json"] = jsonFile("status.json", statusData, now, previous);
    snapshot->files["communes.json"] = jsonFile("communes.json", communesData, now, previous);
    snapshot->files["sites.csv"] = csvFile(kSiteColumns, sites, now);
    snapshot->files["status.csv"] = csvFile(kStatusColumns, statuses, now);
    return snapshot;
}

PublicFile gbfsIndex(const std::string& baseUrl, const PublicSnapshot& snapshot) {
    Json feeds = Json::array();
    for (const char* name : {"gbfs", "sites", "status", "communes"}) {
        feeds.push_back({{"name", name}, {"url", baseUrl + "/public/v1/" + name + ".json"}});
    }
    // Dated like its newest feed: the index changes when they do.
    TimeMs lastUpdated = 0;
    for (const auto& [name, file] : snapshot.files) lastUpdated = std::max(lastUpdated, file.lastUpdated);
    Json data = licence(snapshot.publisher);
    data["feeds"] = feeds;
    PublicFile file{jsonBody(data, lastUpdated), kJsonType, "", "", lastUpdated};
    file.etag = quotedHash(file.body);
    return file;
}

std::string rfc3339(TimeMs utc) {
    const TimeMs days = utc >= 0 ? utc / kDayMs : -((-utc + kDayMs - 1) / kDayMs);
    const LocalDate date = civilFromDays(static_cast<long>(days));
    const TimeMs seconds = (utc - days * kDayMs) / 1000;
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", date.year, date.month, date.day, seconds / 3600,
                       seconds / 60 % 60, seconds % 60);
}

std::string quotedHash(const std::string& body) {
    // Appended rather than "\"" + … + "\"": GCC 12 warns wrongly on that (-Wrestrict).
    std::string etag(1, '"');
    etag.append(sha256Hex(body), 0, 32);
    etag.push_back('"');
    return etag;
}

}  // namespace cowork::hub
