#pragma once
#include "domain/paris_time.hpp"  // monthsBefore
#include "domain/retention_periods.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr int kForgetMembersAfterMonths = 13;
// The kiosks' sync slots (figures' reachability) are kept for the current year
// and the two before: a year's figures and the year they are compared with.
constexpr int kSyncSlotsKeptYears = 2;

// Applies the personal-data rules: a visit keeps its member for the coordinator's
// setting (3 months by default), then stays as an anonymous count; a member not
// seen for 13 months is deleted. The figures never need the link afterwards:
// the month about to lose its first links has its people counts frozen first. The audit log
// goes after 12 months, console sessions once expired or idle.
class RetentionService {
public:
    RetentionService(HubStorage& storage, Clock clock);
    RetentionReport apply();

private:
    HubStorage& storage_;
    Clock clock_;
};

// The coordinator's link period, in months (kDefaultVisitLinkMonths when unset).
int visitLinkMonths(HubStorage& storage);

}  // namespace cowork::hub
