#include "store/animation_reads.hpp"

#include "json/json_reader.hpp"

namespace cowork {
namespace {

constexpr const char* kSessionColumns =
    "SELECT id, site_id, member_id, started_at, ended_at, ended_how, corrected_start, corrected_end "
    "FROM animation_sessions ";

AnimationSession sessionFromRow(Statement& row) {
    AnimationSession session;
    session.id = row.columnText(0);
    session.siteId = row.columnText(1);
    session.memberId = row.columnText(2);
    session.startedAt = row.columnInt(3);
    session.endedAt = row.columnOptionalInt(4);
    if (const auto how = row.columnOptionalText(5)) session.endedHow = animationEndFromString(*how);
    session.correctedStart = row.columnOptionalInt(6);
    session.correctedEnd = row.columnOptionalInt(7);
    return session;
}

std::vector<AnimationSession> sessions(Statement& row) {
    std::vector<AnimationSession> out;
    while (row.step()) out.push_back(sessionFromRow(row));
    return out;
}

std::optional<AnimationSession> firstSession(Statement& row) {
    if (!row.step()) return std::nullopt;
    AnimationSession session = sessionFromRow(row);
    row.reset();
    return session;
}

}  // namespace

std::vector<AnimatorSites> loadAnimators(Database& db) {
    std::vector<AnimatorSites> out;
    Statement& row = db.prepare("SELECT member_id, site_ids FROM animators ORDER BY member_id");
    while (row.step()) out.push_back({row.columnText(0), parseJson(row.columnText(1)).get<std::vector<std::string>>()});
    return out;
}

bool isAnimatorOf(Database& db, const std::string& memberId, const std::string& siteId) {
    Statement& row = db.prepare(
        "SELECT EXISTS (SELECT 1 FROM animators a, json_each(a.site_ids) s WHERE a.member_id = ?1 AND s.value = ?2)");
    row.bind(1, memberId).bind(2, siteId);
    row.step();
    const bool animator = row.columnInt(0) != 0;
    row.reset();
    return animator;
}

// A row with only an end (its start not arrived yet) is no open session.
std::vector<AnimationSession> loadOpenAnimations(Database& db, const std::string& siteId) {
    Statement& row = db.prepare(std::string(kSessionColumns) +
                                "WHERE site_id = ?1 AND ended_at IS NULL AND start_event IS NOT NULL ORDER BY started_at, id");
    row.bind(1, siteId);
    return sessions(row);
}

std::optional<AnimationSession> findOpenAnimationOf(Database& db, const std::string& siteId, const std::string& memberId) {
    Statement& row = db.prepare(std::string(kSessionColumns) +
                                "WHERE site_id = ?1 AND member_id = ?2 AND ended_at IS NULL AND start_event IS NOT NULL "
                                "ORDER BY started_at LIMIT 1");
    row.bind(1, siteId).bind(2, memberId);
    return firstSession(row);
}

std::optional<AnimationSession> loadAnimationSession(Database& db, const std::string& sessionId) {
    Statement& row = db.prepare(std::string(kSessionColumns) + "WHERE id = ?1 AND start_event IS NOT NULL");
    row.bind(1, sessionId);
    return firstSession(row);
}

std::optional<std::string> siteOfAnimation(Database& db, const std::string& sessionId) {
    Statement& row = db.prepare("SELECT site_id FROM animation_sessions WHERE id = ?1 AND site_id IS NOT NULL");
    row.bind(1, sessionId);
    if (!row.step()) return std::nullopt;
    std::string site = row.columnText(0);
    row.reset();
    return site;
}

std::vector<AnimationSession> loadAnimationSessions(Database& db, TimeMs fromMs, TimeMs toMs, const std::string& memberId) {
    // A session counts from its start (corrected or not) to its end; an open one
    // overlaps everything after its start.
    Statement& row = db.prepare(std::string(kSessionColumns) +
                                "WHERE start_event IS NOT NULL AND (?3 = '' OR member_id = ?3) "
                                "AND coalesce(corrected_start, started_at) < ?2 "
                                "AND coalesce(corrected_end, ended_at, ?2) >= ?1 "
                                "ORDER BY coalesce(corrected_start, started_at), id");
    row.bind(1, fromMs).bind(2, toMs).bind(3, memberId);
    return sessions(row);
}

}  // namespace cowork
