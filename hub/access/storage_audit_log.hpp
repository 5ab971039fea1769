#pragma once
#include "access/audit_log.hpp"
#include "service/sync_service.hpp"  // Clock
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr int kAuditKeptMonths = 12;

// The audit log kept in the hub's storage, dated by the hub's clock.
class StorageAuditLog final : public AuditLog {
public:
    StorageAuditLog(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}
    void record(const Principal& who, const AuditRecord& what) override;

private:
    HubStorage& storage_;
    Clock clock_;
};

}  // namespace cowork::hub
