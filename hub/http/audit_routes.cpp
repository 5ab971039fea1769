#include "http/audit_routes.hpp"

#include <cstdint>

#include "domain/paris_time.hpp"
#include "events/entity_codec.hpp"

namespace cowork::hub {
namespace {

// A whole number in [min, max], or ApiError 400 naming the parameter.
std::int64_t boundedNumber(const std::string& text, const std::string& name, std::int64_t min, std::int64_t max) {
    const bool digits = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
    const std::int64_t value = digits ? std::stoll(text) : min - 1;
    if (value < min || value > max) {
        throw ApiError(400, "paramètre « " + name + " » invalide : un nombre entier de " + std::to_string(min) + " à " +
                                std::to_string(max) + " est attendu", name);
    }
    return value;
}

// The start of a Paris day; `dayAfter` gives the start of the next one (the end of an inclusive period).
TimeMs parisDayStart(const std::string& text, const std::string& name, bool dayAfter) {
    try {
        const LocalDate date = parseLocalDate(text, name);
        return parisLocalToUtc(dayAfter ? addDays(date, 1) : date, 0);
    } catch (const InputError&) {
        throw ApiError(400, "paramètre « " + name + " » invalide : une date AAAA-MM-JJ est attendue", name);
    }
}

std::string shortParam(const httplib::Request& req, const std::string& name) {
    std::string value = req.get_param_value(name.c_str());
    if (value.size() > 320) throw ApiError(400, "paramètre « " + name + " » trop long", name);
    return value;
}

}  // namespace

AuditQuery parseAuditQuery(const httplib::Request& req) {
    AuditQuery query;
    query.action = shortParam(req, "action");
    query.userEmail = shortParam(req, "user");
    query.siteId = shortParam(req, "site");
    if (req.has_param("from")) query.from = parisDayStart(req.get_param_value("from"), "from", false);
    if (req.has_param("to")) query.to = parisDayStart(req.get_param_value("to"), "to", true);
    if (query.from != 0 && query.to != 0 && query.to <= query.from) {
        throw ApiError(400, "la fin de la période précède son début", "to");
    }
    if (req.has_param("before")) query.beforeId = boundedNumber(req.get_param_value("before"), "before", 1, INT64_MAX / 10);
    if (req.has_param("limit")) {
        query.limit = static_cast<std::size_t>(boundedNumber(req.get_param_value("limit"), "limit", 1, kAuditPageMax));
    }
    return query;
}

Json auditEntryJson(const AuditEntry& entry) {
    return {{"id", entry.id},
            {"at", entry.at},
            {"user_email", entry.userEmail},
            {"action", entry.action},
            {"object_type", entry.objectType},
            {"object_id", entry.objectId},
            {"site_id", entry.siteId.empty() ? Json(nullptr) : Json(entry.siteId)},
            {"before", entry.before},
            {"after", entry.after}};
}

void addAuditRoute(ConsoleRoutes& routes, HubStorage& storage) {
    routes.get("/api/v1/admin/audit", [&storage](const ConsoleRequest& req) {
        requireCoordinator(req.principal);
        const AuditQuery query = parseAuditQuery(req.http);
        const std::vector<AuditEntry> entries = storage.auditEntries(query);
        Json list = Json::array();
        for (const AuditEntry& entry : entries) list.push_back(auditEntryJson(entry));
        // A full page may have older entries behind it; a shorter one is the last.
        const Json next = entries.size() == query.limit ? Json(entries.back().id) : Json(nullptr);
        return Json{{"entries", list}, {"next_before", next}};
    });
}

}  // namespace cowork::hub
