#include "store/kiosk_reads.hpp"

#include "events/entity_codec.hpp"

namespace cowork {
namespace {

constexpr const char* kVisitColumns =
    "SELECT id, site_id, place_id, member_id, started_at, ended_at, ended_how, member_code, "
    "EXISTS (SELECT 1 FROM visit_resolutions r WHERE r.visit_id = visits.id) FROM visits ";

Visit visitFromRow(const Statement& row) {
    Visit visit;
    visit.id = row.columnText(0);
    visit.siteId = row.columnText(1);
    visit.placeId = row.columnText(2);
    visit.memberId = row.columnOptionalText(3);
    visit.startedAt = row.columnInt(4);
    visit.endedAt = row.columnOptionalInt(5);
    if (const auto how = row.columnOptionalText(6)) visit.endedHow = visitEndFromString(*how);
    visit.memberCode = row.columnOptionalText(7);
    visit.codeResolved = row.columnInt(8) != 0;
    return visit;
}

std::vector<Visit> readVisits(Statement& row) {
    std::vector<Visit> visits;
    while (row.step()) visits.push_back(visitFromRow(row));
    return visits;
}

}  // namespace

std::vector<Visit> loadVisitsStartedBetween(Database& db, const std::string& siteId, TimeMs fromMs, TimeMs toMs) {
    Statement& row = db.prepare(std::string(kVisitColumns) +
                                "WHERE site_id = ?1 AND started_at >= ?2 AND started_at < ?3 ORDER BY started_at, id");
    row.bind(1, siteId).bind(2, fromMs).bind(3, toMs);
    return readVisits(row);
}

namespace {

// `column` is a constant of this file, never input.
std::optional<Visit> findOpenVisitBy(Database& db, const std::string& siteId, const char* column, const std::string& value) {
    Statement& row = db.prepare(std::string(kVisitColumns) + "WHERE site_id = ?1 AND " + column +
                                " = ?2 AND ended_at IS NULL AND started_at IS NOT NULL ORDER BY started_at DESC LIMIT 1");
    row.bind(1, siteId).bind(2, value);
    if (!row.step()) return std::nullopt;
    Visit visit = visitFromRow(row);
    row.reset();
    return visit;
}

}  // namespace

std::optional<Visit> findOpenVisitOfMember(Database& db, const std::string& siteId, const std::string& memberId) {
    return findOpenVisitBy(db, siteId, "member_id", memberId);
}

std::optional<Visit> findOpenVisitWithCode(Database& db, const std::string& siteId, const std::string& code) {
    return findOpenVisitBy(db, siteId, "member_code", code);
}

std::vector<Announcement> loadCurrentAnnouncements(Database& db, const std::string& siteId, LocalDate today) {
    std::vector<Announcement> current;
    Statement& row = db.prepare(
        "SELECT config FROM announcements a WHERE NOT EXISTS "
        "(SELECT 1 FROM announcement_withdrawals w WHERE w.announcement_id = a.id) ORDER BY id");
    while (row.step()) {
        const Json json = parseJson(row.columnText(0));
        Announcement announcement = announcementFromJson(JsonObject(json, "announcement"));
        const bool forHere = !announcement.siteId || *announcement.siteId == siteId;
        if (forHere && announcement.validFrom <= today && today <= announcement.validUntil) {
            current.push_back(std::move(announcement));
        }
    }
    return current;
}

std::vector<AnimatorMessage> loadRecentMessages(Database& db, const std::string& siteId, int limit) {
    std::vector<AnimatorMessage> messages;
    Statement& row = db.prepare(
        "SELECT m.id, m.site_id, m.from_name, m.contact, m.text, m.created_at, coalesce(d.state, 0) "
        "FROM messages m LEFT JOIN message_delivery d ON d.message_id = m.id "
        "WHERE m.site_id = ?1 ORDER BY m.created_at DESC, m.id DESC LIMIT ?2");
    row.bind(1, siteId).bind(2, limit);
    while (row.step()) {
        AnimatorMessage message{row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3),
                                row.columnText(4), row.columnInt(5), static_cast<DeliveryState>(row.columnInt(6))};
        messages.push_back(std::move(message));
    }
    return messages;
}

std::optional<std::string> loadShopkeeperPinHash(Database& db, const std::string& siteId) {
    Statement& row = db.prepare("SELECT pin_hash FROM shopkeeper_pins WHERE site_id = ?1");
    row.bind(1, siteId);
    if (!row.step()) return std::nullopt;
    std::string hash = row.columnText(0);
    row.reset();
    return hash;
}

}  // namespace cowork
