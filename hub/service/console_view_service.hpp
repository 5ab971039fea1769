#pragma once
// The console's read views (overview, a site's page, announcements) and its
// handling of kiosk messages, each checked against the principal's role and the
// site of what it shows (docs/console-api.md, "Views").
#include <string>

#include "access/audit_log.hpp"
#include "access/principal.hpp"
#include "service/api_error.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

class ConsoleViewService {
public:
    ConsoleViewService(HubStorage& storage, Clock clock, AuditLog& audit);

    // {now, sites: [overview_site…]}: every site the principal sees, read in a
    // few statements whatever the size of the network.
    Json overview(const Principal& who);
    // {site, places, state, health, preview, kiosks, visits_today, announcements};
    // visits_today only for whoever may see the site's personal data.
    Json site(const Principal& who, const std::string& siteId);
    Json announcements(const Principal& who);
    // siteFilter: "" for every site the principal may read messages of.
    Json messages(const Principal& who, const std::string& siteFilter);
    Json retryMessage(const Principal& who, const std::string& messageId);
    Json markMessageHandled(const Principal& who, const std::string& messageId);

private:
    ConsoleMessage requireMessageOf(const Principal& who, const std::string& messageId);

    HubStorage& storage_;
    Clock clock_;
    AuditLog& audit_;
};

}  // namespace cowork::hub
