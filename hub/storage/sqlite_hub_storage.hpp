#pragma once
#include <mutex>

#include "storage/hub_storage.hpp"

namespace cowork::hub {

// The hub's storage in one SQLite file (DIR/hub.db): the core store's event log
// and projections, and the hub's own tables. One connection behind one mutex:
// SQLite serialises writers anyway, and a sync is a handful of statements.
class SqliteHubStorage final : public HubStorage {
public:
    explicit SqliteHubStorage(const std::string& databasePath);

    std::string epoch() override;
    NetworkImportReport importNetwork(const NetworkFile& network, TimeMs now) override;
    bool siteExists(const std::string& siteId) override;

    EnrollmentCode createEnrollmentCode(const std::string& siteId, TimeMs now) override;
    std::variant<EnrolledDevice, EnrollRefusal> enroll(const EnrollRequest& request, TimeMs now) override;
    std::optional<AuthenticatedDevice> authenticate(const std::string& token) override;
    bool revokeDevice(const std::string& deviceId, TimeMs now) override;
    std::vector<DeviceStatus> devices() override;
    int devicesSeenSince(TimeMs since) override;

    std::vector<ApplyOutcome> applyBatch(const AuthenticatedDevice& device, const std::vector<Event>& events,
                                         const DeviceReport& report, const std::set<std::string>& futureIds,
                                         TimeMs now) override;
    ChangesPage changesAfter(std::int64_t cursor, std::size_t limit) override;
    std::vector<SiteAvailability> availability(TimeMs now) override;
    std::int64_t eventCount() override;

    void saveCoordinator(const std::string& email, const std::string& passwordHash, TimeMs now) override;
    std::optional<std::string> coordinatorPasswordHash(const std::string& email) override;

    std::optional<std::string> siteOfVisit(const std::string& visitId) override;
    std::optional<std::string> siteOfPlace(const std::string& placeId) override;

private:
    void logConflict(const std::string& eventId, const std::string& deviceId, const std::vector<Event>& batch, TimeMs now);
    std::optional<TimeMs> lastSeenAtSite(const std::string& siteId);

    std::mutex mutex_;
    Store store_;
};

}  // namespace cowork::hub
