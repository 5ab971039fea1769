#include "service/member_export.hpp"

#include <cstdio>

#include "domain/member_code.hpp"
#include "domain/paris_time.hpp"
#include "events/entity_codec.hpp"
#include "service/csv_cells.hpp"

namespace cowork::hub {
namespace {

Json optionalTime(const std::optional<TimeMs>& t) { return t ? Json(*t) : Json(nullptr); }

Json memberJson(const MemberSummary& s) {
    const Member& m = s.member;
    return {{"id", m.id},
            {"code", formatMemberCode(m.code)},
            {"first_name", m.firstName},
            {"email", optionalToJson(m.email)},
            {"phone", optionalToJson(m.phone)},
            {"employer", optionalToJson(m.employer)},
            {"commune", optionalToJson(m.commune)},
            {"consent_at", m.consentAt},
            {"sign_up_site_id", s.signUpSiteId},
            {"last_seen", optionalTime(s.lastSeen)}};
}

Json visitJson(const MemberVisit& v) {
    return {{"id", v.visitId},           {"site_id", v.siteId},
            {"place_id", v.placeId},     {"started_at", v.startedAt},
            {"ended_at", optionalTime(v.endedAt)}, {"ended_how", v.endedHow.empty() ? Json(nullptr) : Json(v.endedHow)}};
}

Json messageJson(const AnimatorMessage& m) {
    return {{"id", m.id},     {"site_id", m.siteId},         {"from_name", m.fromName}, {"contact", m.contact},
            {"text", m.text}, {"created_at", m.createdAt}, {"state", std::string(toString(m.state))}};
}

// "2026-03-29 14:05" in Paris time, "" for none.
std::string parisTime(const Json& utc) {
    if (!utc.is_number_integer()) return "";
    const LocalDateTime local = toParisLocal(utc.get<TimeMs>());
    char clock[32];
    std::snprintf(clock, sizeof clock, "%02d:%02d", local.minuteOfDay / 60, local.minuteOfDay % 60);
    return formatLocalDate(local.date) + " " + clock;
}

std::string text(const Json& value) { return value.is_string() ? value.get<std::string>() : ""; }

std::string section(const std::string& title, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::string csv = csvLine({title}) + csvLine(header);
    for (const auto& row : rows) csv += csvLine(row);
    return csv;
}

}  // namespace

Json memberDataJson(const MemberSummary& summary, const std::vector<MemberVisit>& visits,
                    const std::vector<AnimatorMessage>& messages, int linkMonths) {
    Json visitList = Json::array();
    for (const MemberVisit& v : visits) visitList.push_back(visitJson(v));
    Json messageList = Json::array();
    for (const AnimatorMessage& m : messages) messageList.push_back(messageJson(m));
    return {{"member", memberJson(summary)}, {"visits", visitList}, {"messages", messageList}, {"link_months", linkMonths}};
}

std::string memberDataCsv(const Json& data) {
    const Json& m = data["member"];
    std::string csv = kUtf8Bom;
    csv += section("Membre",
                   {"identifiant", "code", "prénom", "e-mail", "téléphone", "employeur", "commune", "consentement",
                    "lieu d’inscription", "dernier passage"},
                   {{text(m["id"]), text(m["code"]), text(m["first_name"]), text(m["email"]), text(m["phone"]),
                     text(m["employer"]), text(m["commune"]), parisTime(m["consent_at"]), text(m["sign_up_site_id"]),
                     parisTime(m["last_seen"])}});
    std::vector<std::vector<std::string>> visits;
    for (const Json& v : data["visits"]) {
        visits.push_back({text(v["id"]), text(v["site_id"]), text(v["place_id"]), parisTime(v["started_at"]),
                          parisTime(v["ended_at"]), text(v["ended_how"])});
    }
    csv += "\r\n" + section("Passages (liés au membre " + std::to_string(data["link_months"].get<int>()) + " mois au plus)",
                            {"identifiant", "lieu", "place", "arrivée", "départ", "fin"}, visits);
    std::vector<std::vector<std::string>> messages;
    for (const Json& x : data["messages"]) {
        messages.push_back({text(x["id"]), text(x["site_id"]), text(x["from_name"]), text(x["contact"]), text(x["text"]),
                            parisTime(x["created_at"]), text(x["state"])});
    }
    csv += "\r\n" + section("Messages aux animateurs", {"identifiant", "lieu", "nom", "contact", "texte", "envoyé le", "état"},
                            messages);
    return csv;
}

}  // namespace cowork::hub
