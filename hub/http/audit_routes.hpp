#pragma once
#include "http/console_routes.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr std::size_t kAuditPageMax = 200;

// The query string of GET /api/v1/admin/audit as a storage query; ApiError 400
// naming the parameter (action, user, site, from, to, before, limit) when one is wrong.
AuditQuery parseAuditQuery(const httplib::Request& req);
Json auditEntryJson(const AuditEntry& entry);

// GET /api/v1/admin/audit (coordinator): newest first, with `next_before` for the next page.
void addAuditRoute(ConsoleRoutes& routes, HubStorage& storage);

}  // namespace cowork::hub
