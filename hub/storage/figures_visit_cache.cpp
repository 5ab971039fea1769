// FiguresVisitCache: the log's visit events kept pre-parsed (invariants in the
// header).
#include "storage/figures_visit_cache.hpp"

#include <algorithm>
#include <tuple>

namespace cowork::hub {
namespace {

// TEMP objects live with this connection only and leave the file's schema alone.
constexpr const char* kWatch = R"sql(
CREATE TEMP TABLE IF NOT EXISTS figures_log_rewrites(n INTEGER NOT NULL, read_to_seq INTEGER NOT NULL);
INSERT INTO figures_log_rewrites(n, read_to_seq) SELECT 0, 0 WHERE NOT EXISTS (SELECT 1 FROM figures_log_rewrites);
CREATE TEMP TRIGGER IF NOT EXISTS figures_events_updated AFTER UPDATE ON main.events
  BEGIN UPDATE figures_log_rewrites SET n = n + 1; END;
CREATE TEMP TRIGGER IF NOT EXISTS figures_events_deleted AFTER DELETE ON main.events
  BEGIN UPDATE figures_log_rewrites SET n = n + 1; END;
CREATE TEMP TRIGGER IF NOT EXISTS figures_received_updated AFTER UPDATE ON main.hub_received
  BEGIN UPDATE figures_log_rewrites SET n = n + 1; END;
CREATE TEMP TRIGGER IF NOT EXISTS figures_received_late AFTER INSERT ON main.hub_received
  WHEN (SELECT seq FROM main.events WHERE id = NEW.event_id) <= (SELECT read_to_seq FROM figures_log_rewrites)
  BEGIN UPDATE figures_log_rewrites SET n = n + 1; END;
CREATE TEMP TRIGGER IF NOT EXISTS figures_received_deleted AFTER DELETE ON main.hub_received
  BEGIN UPDATE figures_log_rewrites SET n = n + 1; END;
)sql";

// A visit's payload time on the hub's clock: the kiosk's own, plus the offset
// measured at the sync that brought it (0 for the hub's own events).
constexpr const char* kNewVisitEvents = R"sql(
SELECT e.seq, e.kind, e.payload ->> '$.visit_id', e.payload ->> '$.site_id', e.payload ->> '$.place_id',
       e.payload ->> '$.member_id', (e.payload ->> '$.at') + coalesce(r.clock_offset_ms, 0), e.stamp, e.id
FROM events e LEFT JOIN hub_received r ON r.event_id = e.id
WHERE e.kind IN ('visit.started', 'visit.ended', 'visit.member_resolved') AND e.seq > ?1 AND e.seq <= ?2
ORDER BY e.seq
)sql";

std::int64_t single(Database& db, const char* sql) {
    Statement& row = db.prepare(sql);
    const std::int64_t value = row.step() ? row.columnInt(0) : 0;
    row.reset();
    return value;
}

}  // namespace

void FiguresVisitCache::watch(Database& db) {
    if (watching_) return;
    db.exec(kWatch);
    watching_ = true;
    rewrites_ = single(db, "SELECT n FROM figures_log_rewrites");
    dataVersion_ = single(db, "PRAGMA data_version");
}

void FiguresVisitCache::drop() {
    lastSeq_ = 0;
    // Swapped with empty ones: clear() would keep the buckets' memory.
    std::unordered_map<std::string, std::size_t>().swap(indexOf_);
    std::vector<std::vector<Row>>().swap(rows_);
    std::vector<std::pair<std::int64_t, std::size_t>>().swap(starts_);
    startsSorted_ = true;
}

void FiguresVisitCache::dropIfRewritten(Database& db) {
    watch(db);
    const std::int64_t rewrites = single(db, "SELECT n FROM figures_log_rewrites");
    const std::int64_t dataVersion = single(db, "PRAGMA data_version");
    if (rewrites == rewrites_ && dataVersion == dataVersion_) return;
    rewrites_ = rewrites;
    dataVersion_ = dataVersion;
    drop();
}

bool FiguresVisitCache::extend(Database& db, std::int64_t logEvents) {
    // A step is a window of the log's seq (events of any kind), not a count of
    // visit events: each step is then a bounded range of the (kind, seq) index
    // (a LIMIT on the visit events made SQLite sort all those left at each step).
    const std::int64_t lastInLog = single(db, "SELECT coalesce(max(seq), 0) FROM events");
    const std::int64_t upTo = logEvents > 0 ? std::min(lastInLog, lastSeq_ + logEvents) : lastInLog;
    Statement& row = db.prepare(kNewVisitEvents);
    row.bind(1, lastSeq_).bind(2, upTo);
    while (row.step()) {
        const std::string kind = row.columnText(1);
        const auto [at, added] = indexOf_.try_emplace(row.columnText(2), rows_.size());
        if (added) rows_.emplace_back();
        Row event;
        event.stamp = row.columnInt(7);
        event.at = row.columnInt(6);
        event.memberId = row.columnOptionalText(5);
        if (kind == "visit.started") {
            event.kind = Kind::Started;
            event.siteId = row.columnText(3);
            event.placeId = row.columnText(4);
            if (!starts_.empty() && event.stamp < starts_.back().first) startsSorted_ = false;
            starts_.emplace_back(event.stamp, at->second);
        } else if (kind == "visit.ended") {
            event.kind = Kind::Ended;
            event.eventId = row.columnText(8);
        } else {
            event.kind = Kind::Resolved;
        }
        rows_[at->second].push_back(std::move(event));
    }
    row.reset();
    lastSeq_ = std::max(lastSeq_, upTo);  // rows logged later get a higher seq (AUTOINCREMENT)
    db.prepare("UPDATE figures_log_rewrites SET read_to_seq = ?1").bind(1, lastSeq_).run();
    return upTo == lastInLog;
}

bool FiguresVisitCache::fillStep(Database& db, std::int64_t logEvents) {
    dropIfRewritten(db);
    return extend(db, logEvents);
}

std::vector<FiguresVisit> FiguresVisitCache::visits(Database& db, std::int64_t from, std::int64_t to) {
    dropIfRewritten(db);
    extend(db);
    if (!startsSorted_) {
        std::sort(starts_.begin(), starts_.end());
        startsSorted_ = true;
    }
    const auto first = std::lower_bound(starts_.begin(), starts_.end(), std::pair(from, std::size_t{0}));
    const auto last = std::lower_bound(first, starts_.end(), std::pair(to, std::size_t{0}));
    std::vector<FiguresVisit> list;
    list.reserve(static_cast<std::size_t>(last - first));
    std::vector<bool> done(rows_.size());  // a visit started twice in the window is listed once
    for (auto start = first; start != last; ++start) {
        if (done[start->second]) continue;
        done[start->second] = true;
        if (auto visit = assembled(rows_[start->second], from, to)) list.push_back(std::move(*visit));
    }
    return list;
}

std::optional<FiguresVisit> FiguresVisitCache::assembled(const std::vector<Row>& events, std::int64_t from, std::int64_t to) {
    const Row* started = nullptr;
    const Row* end = nullptr;
    const Row* resolved = nullptr;
    for (const Row& event : events) {
        const bool inWindow = event.stamp >= from && event.stamp < to;
        if (event.kind == Kind::Started && inWindow) {
            started = &event;
        } else if (event.kind == Kind::Ended && inWindow) {
            if (!end || std::tie(event.stamp, event.eventId) < std::tie(end->stamp, end->eventId)) end = &event;
        } else if (event.kind == Kind::Resolved && event.stamp >= from && event.memberId) {
            if (!resolved || event.stamp >= resolved->stamp) resolved = &event;
        }
    }
    if (!started) return std::nullopt;
    FiguresVisit visit{started->siteId, started->placeId, started->memberId, started->at, std::nullopt};
    if (end) visit.end = end->at;
    if (!visit.memberId && resolved) visit.memberId = resolved->memberId;
    return visit;
}

}  // namespace cowork::hub
