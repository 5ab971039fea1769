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
// Animation sessions are pay records: kept 3 years after they end, the period
// in which a wage claim can be made (Code du travail, art. L3245-1); the monthly
// totals exported for pay are kept by the payroll under its own rules.
constexpr int kAnimationKeptMonths = 36;

// Applies the personal-data rules: a visit keeps its member for the coordinator's
// setting (3 months by default), then stays as an anonymous count; a member not
// seen for 13 months is deleted. The figures never need the link afterwards:
// the month about to lose its first links has its people counts frozen first. The audit log
// goes after 12 months, console sessions once expired or idle, animation
// sessions 3 years after they end.
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
