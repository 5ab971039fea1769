// SqliteHubStorage: usage figures for the statistics, from the visits as folded
// from the log (never from counters kept on the side).
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {
namespace {

// Each visit is dated by its device's clock corrected with the offset measured
// at the sync that brought it; time is clipped to [from, to) and to now.
constexpr const char* kUsage = R"sql(
WITH dated AS (
  SELECT v.site_id, v.member_id,
         v.started_at + coalesce(rs.clock_offset_ms, 0) AS start,
         coalesce(v.ended_at + coalesce(re.clock_offset_ms, 0), ?3) AS finish
  FROM visits v
  LEFT JOIN hub_received rs ON rs.event_id = v.start_event
  LEFT JOIN hub_received re ON re.event_id = v.end_event
  WHERE v.start_event IS NOT NULL)
SELECT site_id, count(*), sum(member_id IS NULL), count(DISTINCT member_id),
       sum(max(0, min(finish, ?2, ?3) - start))
FROM dated WHERE start >= ?1 AND start < ?2
GROUP BY site_id ORDER BY site_id
)sql";

}  // namespace

std::vector<SiteUsage> SqliteHubStorage::usageBetween(TimeMs from, TimeMs to, TimeMs now) {
    std::lock_guard lock(mutex_);
    std::vector<SiteUsage> usage;
    Statement& row = store_.db().prepare(kUsage);
    row.bind(1, from).bind(2, to).bind(3, now);
    while (row.step()) {
        usage.push_back({row.columnText(0), static_cast<int>(row.columnInt(1)), static_cast<int>(row.columnInt(2)),
                         static_cast<int>(row.columnInt(3)), static_cast<double>(row.columnInt(4)) / kHourMs});
    }
    return usage;
}

}  // namespace cowork::hub
