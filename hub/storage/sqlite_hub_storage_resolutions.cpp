// SqliteHubStorage: the hub's answers to provisional check-ins, visits started
// offline with a member code the kiosk did not know.
#include <map>
#include <set>

#include "storage/sqlite_hub_storage.hpp"
#include "store/member_reads.hpp"

namespace cowork::hub {
namespace {

bool visitResolved(Database& db, const std::string& visitId) {
    Statement& row = db.prepare("SELECT 1 FROM visit_resolutions WHERE visit_id = ?1");
    row.bind(1, visitId);
    const bool resolved = row.step();
    row.reset();
    return resolved;
}

// The batch may register the member whose code it then uses.
std::map<std::string, std::string> codesRegisteredIn(const std::vector<Event>& batch) {
    std::map<std::string, std::string> codes;
    for (const Event& event : batch) {
        if (const auto* registered = std::get_if<MemberRegistered>(&event.payload)) {
            codes[registered->member.code] = registered->member.id;
        }
    }
    return codes;
}

// Visits still carrying that typed code with nobody found for it, started within
// the link period (by the hub's clock).
constexpr const char* kVisitsAwaitingCode =
    "SELECT v.id, v.site_id FROM visits v LEFT JOIN hub_received r ON r.event_id = v.start_event "
    "WHERE v.member_code = ?1 AND v.member_id IS NULL AND v.started_at + coalesce(r.clock_offset_ms, 0) >= ?2";

}  // namespace

std::vector<Event> SqliteHubStorage::lateResolutions(const std::vector<Event>& batch, TimeMs linkedSince, TimeMs now) {
    // A code typed offline at one site before the member's registration, made
    // offline at another, reached the hub: the first answer said nobody.
    std::vector<Event> resolutions;
    for (const Event& event : batch) {
        const auto* registered = std::get_if<MemberRegistered>(&event.payload);
        if (!registered || store_.findEvent(event.id)) continue;
        const Member& member = registered->member;
        std::vector<std::pair<std::string, std::string>> visits;
        Statement& row = store_.db().prepare(kVisitsAwaitingCode);
        row.bind(1, member.code).bind(2, linkedSince);
        while (row.step()) visits.emplace_back(row.columnText(0), row.columnText(1));
        for (const auto& [visitId, siteId] : visits) {
            resolutions.push_back(store_.makeEvent(VisitMemberResolved{visitId, siteId, member.id, member.code}, now));
        }
    }
    return resolutions;
}

std::vector<Event> SqliteHubStorage::memberResolutions(const std::vector<Event>& batch, TimeMs now) {
    // Called with the mutex held, before the batch is applied: a visit already
    // stored (a resent batch) or already answered gets no second answer.
    const std::map<std::string, std::string> codesInBatch = codesRegisteredIn(batch);
    std::vector<Event> resolutions;
    std::set<std::string> answered;
    for (const Event& event : batch) {
        const auto* started = std::get_if<VisitStarted>(&event.payload);
        if (!started || started->memberId || !started->memberCode) continue;
        if (store_.findEvent(event.id) || visitResolved(store_.db(), started->visitId)) continue;
        if (!answered.insert(started->visitId).second) continue;
        const std::string& code = *started->memberCode;
        std::optional<std::string> memberId;
        if (const auto inBatch = codesInBatch.find(code); inBatch != codesInBatch.end()) {
            memberId = inBatch->second;
        } else if (const auto member = findMemberByCode(store_.db(), code)) {
            memberId = member->id;
        }
        resolutions.push_back(store_.makeEvent(VisitMemberResolved{started->visitId, started->siteId, memberId, code}, now));
    }
    return resolutions;
}

}  // namespace cowork::hub
