#pragma once
// The public side of the hub, without login, cookie or personal data
// (docs/hub-api.md, "Données ouvertes et page publique"):
//   GET /public/v1/gbfs.json, sites.json, status.json, communes.json, sites.csv,
//       status.csv   the open-data feed, from memory (service/public_feed.hpp),
//                    CORS open, ETag/304, Cache-Control max-age = ttl
//   GET /public/     « Où travailler maintenant ? » (hub/public/index.html)
//   GET /public/embed  the same, framable by any site (hub/public/embed.html)
//   GET /public/<file> the page's scripts, style and catalogues
#include <string>

#include "http/route_table.hpp"
#include "service/public_feed.hpp"

namespace cowork::hub {

void addPublicRoutes(RouteTable& server, PublicFeed& feed);

}  // namespace cowork::hub
