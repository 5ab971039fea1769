#include "store/state_dump.hpp"

#include <array>

namespace cowork {

Json dumpProjections(Database& db) {
    // Table names are constants of the schema, never input.
    static constexpr std::array<const char*, 18> kTables = {
        "sites",    "site_overrides",   "places",        "place_service",            "members", "visits",
        "messages", "message_delivery", "announcements", "announcement_withdrawals", "devices", "device_revocations", "shopkeeper_pins", "forgotten_members",
        "visit_resolutions", "network_communes", "animators", "animation_sessions"};
    Json dump = Json::object();
    for (const char* table : kTables) {
        Json rows = Json::array();
        Statement& row = db.prepare(std::string("SELECT * FROM ") + table + " ORDER BY 1");
        while (row.step()) {
            Json values = Json::array();
            for (int i = 0; i < row.columnCount(); ++i) {
                values.push_back(row.columnIsNull(i) ? Json(nullptr) : Json(row.columnText(i)));
            }
            rows.push_back(std::move(values));
        }
        dump[table] = std::move(rows);
    }
    return dump;
}

}  // namespace cowork
