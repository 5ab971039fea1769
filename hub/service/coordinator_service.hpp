#pragma once
// The coordinator's remote control of the network: every change becomes an
// event recorded by the hub, which kiosks receive at their next sync. Bodies are
// validated like everything else that comes from outside; refusals are ApiErrors.
// Each method checks the principal against the site of the object it touches
// (not only the route), and each successful change writes one audit entry.
#include <string>
#include <string_view>
#include <vector>

#include "access/audit_log.hpp"
#include "access/principal.hpp"
#include "domain/retention_periods.hpp"
#include "service/api_error.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

class CoordinatorService {
public:
    // keyPins: the hub's, written in the enrollment files it makes.
    CoordinatorService(HubStorage& storage, Clock clock, AuditLog& audit, std::vector<std::string> keyPins = {});

    Json listSites(const Principal& who);
    Json saveSite(const Principal& who, const std::string& siteId, std::string_view body);
    Json setSiteOverride(const Principal& who, const std::string& siteId, std::string_view body);
    Json savePlace(const Principal& who, const std::string& siteId, const std::string& localId, std::string_view body);
    Json setPlaceService(const Principal& who, const std::string& siteId, const std::string& localId, std::string_view body);
    Json publishAnnouncement(const Principal& who, std::string_view body);
    Json withdrawAnnouncement(const Principal& who, const std::string& announcementId);
    // host: the request's Host header, the address the kiosk will reach the hub at.
    Json createEnrollmentCode(const Principal& who, std::string_view body, const std::string& host);
    Json listDevices(const Principal& who);
    Json revokeDevice(const Principal& who, const std::string& deviceId);
    Json checkOutVisit(const Principal& who, const std::string& visitId);
    Json resetShopkeeperPin(const Principal& who, const std::string& siteId, std::string_view body);
    Json eventAnomalies(const Principal& who);
    Json settings(const Principal& who);
    Json saveSettings(const Principal& who, std::string_view body);

private:
    void requireSite(const std::string& siteId);
    std::optional<Site> findSite(const std::string& siteId);
    Json recorded(const std::vector<EventPayload>& payloads);

    HubStorage& storage_;
    Clock clock_;
    AuditLog& audit_;
    std::vector<std::string> keyPins_;
};

}  // namespace cowork::hub
