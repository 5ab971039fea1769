#pragma once
// The public feed's files (docs/hub-api.md, "Données ouvertes"), built at once
// from one reading of the hub's state, and kept in memory until the next
// rebuild (service/public_feed.hpp): answering one is a lookup, not a query.
//
// The shape is GBFS 3.0's (the bike-share feed, MobilityData): an index
// (gbfs.json) and static (sites.json) and live (status.json) files, each
// {last_updated (RFC 3339), ttl, version "3.0", data}; plus the same tables as
// CSV for data.gouv.fr, and communes.json, the travel times from each commune
// that the public page sorts by. Licence Ouverte 2.0 (Etalab).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "service/public_network.hpp"
#include "sync/protocol.hpp"

namespace cowork::hub {

constexpr int kPublicTtlSeconds = 30;  // a kiosk syncs every 30 s: no figure is fresher
constexpr const char* kGbfsVersion = "3.0";
constexpr const char* kLicenseId = "etalab-2.0";
constexpr const char* kLicenseUrl = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

// What the files are made of, read from the hub in one go.
struct PublicState {
    std::vector<Site> sites;
    std::map<std::string, int> placeCounts;  // site id → places, in service or not
    std::vector<SiteAvailability> availability;
    PublicNetwork network;
};

struct PublicFile {
    std::string body;
    std::string contentType;
    std::string etag;         // quoted, as sent
    std::string data;         // what the body says, last_updated aside: equal data, same file
    TimeMs lastUpdated = 0;   // when this content first appeared
};

struct PublicSnapshot {
    TimeMs builtAt = 0;
    TimeMs validUntil = 0;    // the next opening or closing of a site, or builtAt + ttl
    std::string publisher;    // for the index, which is built per request
    std::map<std::string, PublicFile> files;  // "sites.json", "status.csv"…
    const PublicFile* file(const std::string& name) const;
};

// The files for `state` at `now`. A file whose data did not change since
// `previous` is kept as it was (same last_updated, same ETag), so that a client
// asking again with If-None-Match gets 304 while nothing moved.
std::shared_ptr<const PublicSnapshot> buildPublicSnapshot(const PublicState& state, TimeMs now,
                                                          const PublicSnapshot* previous);

// gbfs.json, the index, with absolute URLs under `baseUrl` ("https://hub.example"),
// which comes from the request: the hub does not know the name it is reached by.
PublicFile gbfsIndex(const std::string& baseUrl, const PublicSnapshot& snapshot);

// "2026-12-01T09:30:00Z"
std::string rfc3339(TimeMs utc);
// "\"" + 32 hex digits of the body's SHA-256 + "\""
std::string quotedHash(const std::string& body);

}  // namespace cowork::hub
