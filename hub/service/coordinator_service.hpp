#pragma once
// The coordinator's remote control of the network: every change becomes an
// event recorded by the hub, which kiosks receive at their next sync. Bodies are
// validated like everything else that comes from outside; refusals are ApiErrors.
#include <string>
#include <string_view>

#include "domain/retention_periods.hpp"
#include "service/api_error.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

class CoordinatorService {
public:
    CoordinatorService(HubStorage& storage, Clock clock);

    Json listSites();
    Json saveSite(const std::string& siteId, std::string_view body);
    Json setSiteOverride(const std::string& siteId, std::string_view body);
    Json savePlace(const std::string& siteId, const std::string& localId, std::string_view body);
    Json setPlaceService(const std::string& siteId, const std::string& localId, std::string_view body);
    Json publishAnnouncement(std::string_view body);
    Json withdrawAnnouncement(const std::string& announcementId);
    Json createEnrollmentCode(std::string_view body);
    Json listDevices();
    Json revokeDevice(const std::string& deviceId);
    Json checkOutVisit(const std::string& visitId);
    Json resetShopkeeperPin(const std::string& siteId, std::string_view body);
    Json undeliveredMessages();
    Json eventAnomalies();
    Json settings();
    Json saveSettings(std::string_view body);

private:
    void requireSite(const std::string& siteId);
    Json recorded(const std::vector<EventPayload>& payloads);

    HubStorage& storage_;
    Clock clock_;
};

}  // namespace cowork::hub
