#include "store/visit_reads.hpp"

namespace cowork {
namespace {

std::optional<std::string> singleText(Statement& row) {
    if (!row.step()) return std::nullopt;
    std::optional<std::string> value = row.columnOptionalText(0);
    row.reset();
    return value;
}

}  // namespace

std::vector<Visit> loadOpenVisits(Database& db, const std::string& siteId) {
    std::vector<Visit> visits;
    Statement& row = db.prepare(
        "SELECT id, site_id, place_id, member_id, started_at FROM visits "
        "WHERE site_id = ?1 AND ended_at IS NULL AND start_event IS NOT NULL ORDER BY started_at, id");
    row.bind(1, siteId);
    while (row.step()) {
        visits.push_back({row.columnText(0), row.columnText(1), row.columnText(2), row.columnOptionalText(3),
                          row.columnInt(4), std::nullopt, std::nullopt});
    }
    return visits;
}

int countOccupiedPlaces(Database& db, const std::string& siteId) {
    Statement& row = db.prepare(
        "SELECT count(DISTINCT place_id) FROM visits WHERE site_id = ?1 AND ended_at IS NULL");
    row.bind(1, siteId);
    row.step();
    const auto count = static_cast<int>(row.columnInt(0));
    row.reset();
    return count;
}

std::optional<std::string> siteOfVisit(Database& db, const std::string& visitId) {
    return singleText(db.prepare("SELECT site_id FROM visits WHERE id = ?1").bind(1, visitId));
}

std::optional<std::string> siteOfPlace(Database& db, const std::string& placeId) {
    return singleText(db.prepare("SELECT site_id FROM places WHERE id = ?1").bind(1, placeId));
}

std::optional<std::string> siteOfMessage(Database& db, const std::string& messageId) {
    return singleText(db.prepare("SELECT site_id FROM messages WHERE id = ?1").bind(1, messageId));
}

}  // namespace cowork
