#include "service/animation_service.hpp"

#include <cmath>
#include <cstdio>

#include "domain/animation_hours.hpp"
#include "events/entity_codec.hpp"
#include "events/event_codec.hpp"
#include "events/uuid7.hpp"
#include "service/account_service.hpp"  // userJson
#include "service/csv_cells.hpp"
#include "service/request_body.hpp"

namespace cowork::hub {
namespace {

struct Month {
    int year = 0;
    int month = 0;
};

Month parseMonth(const std::string& text) {
    Month m;
    char extra = 0;
    if (text.size() != 7 || std::sscanf(text.c_str(), "%4d-%2d%c", &m.year, &m.month, &extra) != 2 || m.month < 1 ||
        m.month > 12 || m.year < 2000 || m.year > 2999) {
        throw ApiError(400, "mois attendu sous la forme AAAA-MM, par exemple 2026-12", "month");
    }
    return m;
}

Json optionalTime(const std::optional<TimeMs>& at) { return at ? Json(*at) : Json(nullptr); }

double hoursOf(TimeMs ms) { return std::round(static_cast<double>(ms) / kHourMs * 100) / 100; }

Json sessionJson(const AnimationSession& s, const std::map<std::string, std::string>& names) {
    const auto name = names.find(s.memberId);
    const auto end = s.end();
    return {{"id", s.id},
            {"site_id", s.siteId},
            {"member_id", s.memberId},
            {"first_name", name == names.end() ? Json(nullptr) : Json(name->second)},
            {"started_at", s.startedAt},
            {"ended_at", optionalTime(s.endedAt)},
            {"ended_how", s.endedHow ? Json(std::string(toString(*s.endedHow))) : Json(nullptr)},
            {"counted_start", s.start()},
            {"counted_end", optionalTime(end)},
            {"reviewed", s.reviewed()},
            {"to_confirm", s.needsConfirmation()},
            {"hours", end ? Json(hoursOf(*end - s.start())) : Json(nullptr)}};
}

// "12,5" for a French spreadsheet: two decimals at most, a comma.
std::string decimalComma(double hours) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", hours);
    std::string out = text;
    out[out.find('.')] = ',';
    return out;
}

}  // namespace

AnimationService::AnimationService(HubStorage& storage, AuditLog& audit, Clock clock)
    : storage_(storage), audit_(audit), clock_(std::move(clock)) {}

std::map<std::string, std::string> AnimationService::firstNames() {
    std::map<std::string, std::string> names;
    for (const MemberSummary& s : storage_.memberSummaries()) names[s.member.id] = s.member.firstName;
    return names;
}

std::string AnimationService::readableMember(const Principal& who, const std::string& asked) {
    if (who.isCoordinator()) return asked;
    if (who.role != Role::Animator) throw ApiError(403, "les heures d’animation sont réservées à la coordination et à chaque animateur");
    if (!who.memberId) {
        throw ApiError(403, "votre compte n’est relié à aucun membre : demandez à la coordination de le relier au vôtre");
    }
    if (!asked.empty() && asked != *who.memberId) throw ApiError(403, "vous ne voyez que vos propres heures d’animation", "member_id");
    return *who.memberId;
}

Json AnimationService::animators(const Principal& who) {
    requireCoordinator(who);
    const auto names = firstNames();
    std::map<std::string, std::vector<std::string>> accounts;
    for (const UserAccount& account : storage_.users()) {
        if (account.memberId) accounts[*account.memberId].push_back(account.email);
    }
    Json list = Json::array();
    for (const AnimatorSites& animator : storage_.animators()) {
        if (animator.siteIds.empty()) continue;  // withdrawn
        const auto name = names.find(animator.memberId);
        list.push_back({{"member_id", animator.memberId},
                        {"first_name", name == names.end() ? Json(nullptr) : Json(name->second)},
                        {"site_ids", animator.siteIds},
                        {"accounts", accounts[animator.memberId]}});
    }
    return {{"animators", list}};
}

Json AnimationService::setAnimator(const Principal& who, const std::string& memberId, std::string_view body) {
    requireCoordinator(who);
    if (!storage_.memberSummary(memberId)) throw ApiError(404, "membre inconnu : « " + memberId + " »", "member_id");
    const std::vector<std::string> siteIds = decodeBody(body, [](const JsonObject& o) {
        const auto ids = o.optionalStringArray("site_ids");
        if (!o.has("site_ids")) o.fail("site_ids", "la liste des lieux animés est obligatoire (vide : n’anime plus)");
        return ids;
    });
    for (const std::string& siteId : siteIds) {
        if (!storage_.siteExists(siteId)) throw ApiError(400, "lieu inconnu du hub : « " + siteId + " »", "site_ids");
    }
    std::vector<std::string> before;
    for (const AnimatorSites& animator : storage_.animators()) {
        if (animator.memberId == memberId) before = animator.siteIds;
    }
    // The core's decoder refuses a site given twice: the same check, as a 400.
    const AnimatorSet designation = decodeBody(Json{{"member_id", memberId}, {"site_ids", siteIds}}.dump(), [](const JsonObject& o) {
        return std::get<AnimatorSet>(decodePayload("member.animator_set", o));
    });
    const auto events = storage_.recordHubEvents({designation}, clock_());
    audit_.record(who, {"member.animator_set", "member", memberId, "", {{"site_ids", before}}, {{"site_ids", siteIds}}});
    return {{"member_id", memberId}, {"site_ids", siteIds}, {"events", Json::array({events.front().id})}};
}

Json AnimationService::sessions(const Principal& who, const std::string& month, const std::string& memberId) {
    const std::string member = readableMember(who, memberId);
    const Month m = parseMonth(month);
    const auto [from, to] = parisMonthBounds(m.year, m.month);
    const auto sessions = storage_.animationSessions(from, to, member);
    const auto names = firstNames();
    Json list = Json::array();
    for (const AnimationSession& s : sessions) list.push_back(sessionJson(s, names));
    Json totals = Json::array();
    for (const AnimatorSiteHours& line : monthlyHours(sessions, m.year, m.month)) {
        const auto name = names.find(line.memberId);
        totals.push_back({{"member_id", line.memberId},
                          {"first_name", name == names.end() ? Json(nullptr) : Json(name->second)},
                          {"site_id", line.siteId},
                          {"hours", std::round(line.hours * 100) / 100},
                          {"sessions", line.sessions},
                          {"to_confirm", line.toConfirm}});
    }
    return {{"month", month}, {"sessions", list}, {"totals", totals}};
}

Json AnimationService::correctSession(const Principal& who, const std::string& sessionId, std::string_view body) {
    requireCoordinator(who);
    const auto session = storage_.animationSession(sessionId);
    if (!session) throw ApiError(404, "séance d’animation inconnue : « " + sessionId + " »");
    const TimeMs now = clock_();
    const AnimationCorrected corrected = decodeBody(body, [&](const JsonObject& o) {
        AnimationCorrected c{sessionId, o.requireInt("started_at"), o.requireInt("ended_at")};
        if (c.endedAt <= c.startedAt) o.fail("ended_at", "la fin doit suivre le début");
        if (c.endedAt > now) o.fail("ended_at", "la fin ne peut pas être dans le futur");
        if (c.endedAt - c.startedAt > kLongestAnimationMs) o.fail("ended_at", "une séance dure 16 heures au plus : vérifiez les heures");
        return c;
    });
    storage_.recordHubEvents({corrected}, now);
    const Json before = {{"started_at", session->start()}, {"ended_at", optionalTime(session->end())},
                         {"ended_how", session->endedHow ? Json(std::string(toString(*session->endedHow))) : Json(nullptr)}};
    audit_.record(who, {"animation.corrected", "animation_session", sessionId, session->siteId, before,
                        {{"started_at", corrected.startedAt}, {"ended_at", corrected.endedAt}}});
    return {{"session", sessionJson(*storage_.animationSession(sessionId), firstNames())}};
}

std::string AnimationService::monthlyCsv(const Principal& who, const std::string& month) {
    const std::string member = readableMember(who, "");
    const Month m = parseMonth(month);
    const auto [from, to] = parisMonthBounds(m.year, m.month);
    const auto names = firstNames();
    std::map<std::string, std::string> siteNames;
    for (const Site& site : storage_.sites()) siteNames[site.id] = site.name;
    std::string csv = kUtf8Bom;
    csv += csvLine({"mois", "animateur", "identifiant membre", "lieu", "heures", "séances", "à confirmer"});
    for (const AnimatorSiteHours& line : monthlyHours(storage_.animationSessions(from, to, member), m.year, m.month)) {
        const auto name = names.find(line.memberId);
        const auto site = siteNames.find(line.siteId);
        csv += csvLine({month, name == names.end() ? "(membre effacé)" : name->second, line.memberId,
                        site == siteNames.end() ? line.siteId : site->second, decimalComma(line.hours),
                        std::to_string(line.sessions), std::to_string(line.toConfirm)});
    }
    return csv;
}

Json AnimationService::linkAccount(const Principal& who, const std::string& userId, std::string_view body) {
    requireCoordinator(who);
    const auto account = storage_.user(userId);
    if (!account) throw ApiError(404, "compte inconnu : « " + userId + " »");
    const std::optional<std::string> memberId = decodeBody(body, [](const JsonObject& o) -> std::optional<std::string> {
        if (!o.has("member_id") || o.raw()["member_id"].is_null()) return std::nullopt;
        return requireId(o, "member_id");
    });
    if (memberId && account->role != Role::Animator) {
        throw ApiError(400, "seul un compte d’animateur se relie à un membre (ses heures d’animation)", "member_id");
    }
    if (memberId && !storage_.memberSummary(*memberId)) throw ApiError(404, "membre inconnu : « " + *memberId + " »", "member_id");
    storage_.linkUserToMember(userId, memberId);
    const auto json = [](const std::optional<std::string>& id) { return id ? Json(*id) : Json(nullptr); };
    audit_.record(who, {"user.member_linked", "user", userId, "", {{"member_id", json(account->memberId)}}, {{"member_id", json(memberId)}}});
    return {{"user", userJson(*storage_.user(userId))}};
}

std::map<std::string, double> animatedHoursBySite(HubStorage& storage, LocalDate from, LocalDate to) {
    const TimeMs fromMs = parisLocalToUtc(from, 0);
    const TimeMs toMs = parisLocalToUtc(to, 1440);
    return cowork::animatedHoursBySite(storage.animationSessions(fromMs, toMs, ""), fromMs, toMs);
}

}  // namespace cowork::hub
