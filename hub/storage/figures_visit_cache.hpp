#pragma once
// The visit events of the log, read once and kept pre-parsed in memory, so that
// the figures of a year do not extract 500,000 payloads' JSON at every request
// (bench/README.md « The figures »). Owned by SqliteHubStorage, used under its
// lock only.
//
// Invariants:
// - The copy holds exactly the visit events (visit.started, visit.ended,
//   visit.member_resolved) with seq <= lastSeq_, as the log holds them now:
//   events are appended with a growing seq (AUTOINCREMENT, never reused), so
//   each call reads only the rows past lastSeq_.
// - Anything else that changes those rows drops the whole copy, which is then
//   read again: an UPDATE or DELETE on events (retention's unlinking, a member
//   forgotten, store/personal_data.cpp) or on hub_received (a clock offset,
//   or one recorded late for an event already read) through this connection bumps a counter in a TEMP table (TEMP triggers:
//   nothing in the file's schema), and a commit by another connection (another
//   process) changes PRAGMA data_version. So the copy never holds a member link
//   or a visit the log no longer holds past the next check: SqliteHubStorage
//   checks after each retention pass and erasure, and before every use.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/figures_log.hpp"
#include "store/sqlite_db.hpp"

namespace cowork::hub {

class FiguresVisitCache {
public:
    // The visits whose start was logged in [from, to) (stamps, packed), with the
    // first end logged in that window and the hub's resolution of a typed code
    // logged from `from` on.
    std::vector<FiguresVisit> visits(Database& db, std::int64_t from, std::int64_t to);
    // Drops the copy if the log's visit rows may have changed other than by
    // appending. Cheap: one row of a TEMP table and a pragma.
    void dropIfRewritten(Database& db);
    // Reads the log's visit events among its next `logEvents` events (of any
    // kind) into the copy; true once it holds them all. Called in steps off the request threads
    // (RetentionSchedule), each step short under the storage's lock, so that
    // neither a request nor the kiosks' syncs wait for a whole log's read.
    bool fillStep(Database& db, std::int64_t logEvents);
    std::size_t visitCount() const { return rows_.size(); }

private:
    enum class Kind : std::uint8_t { Started, Ended, Resolved };
    struct Row {
        Kind kind = Kind::Started;
        std::int64_t stamp = 0;
        TimeMs at = 0;  // on the hub's clock
        std::string siteId;
        std::string placeId;
        std::optional<std::string> memberId;
        std::string eventId;  // ends only: the first end recorded is the lowest (stamp, id)
    };
    static std::optional<FiguresVisit> assembled(const std::vector<Row>& events, std::int64_t from, std::int64_t to);
    void watch(Database& db);
    // Reads the visit events past lastSeq_ among the log's next `logEvents`
    // (all when 0); true if it read to the log's end.
    bool extend(Database& db, std::int64_t logEvents = 0);
    void drop();

    bool watching_ = false;
    std::int64_t rewrites_ = 0;
    std::int64_t dataVersion_ = 0;
    std::int64_t lastSeq_ = 0;
    std::unordered_map<std::string, std::size_t> indexOf_;  // visit id -> rows_ index
    std::vector<std::vector<Row>> rows_;                    // each visit's events, in seq order
    // (stamp, rows_ index) of every start, sorted by stamp when startsSorted_,
    // so that a period's visits are a range and not a scan of every visit ever.
    std::vector<std::pair<std::int64_t, std::size_t>> starts_;
    bool startsSorted_ = true;
};

}  // namespace cowork::hub
