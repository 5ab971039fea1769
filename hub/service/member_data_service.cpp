#include "service/member_data_service.hpp"

#include <algorithm>

#include "access/storage_audit_log.hpp"  // kAuditKeptMonths
#include "domain/member_code.hpp"
#include "events/entity_codec.hpp"
#include "service/member_export.hpp"
#include "service/member_fields.hpp"
#include "service/processing_register.hpp"
#include "service/request_body.hpp"
#include "service/retention_service.hpp"
#include "service/text_folding.hpp"

namespace cowork::hub {
namespace {

// A member's details or a search: small and flat.
constexpr JsonLimits kMemberBodyLimits{16 * 1024, 4};

// The code as typed, if it is one: "k7m 4qx" and "K7M-4QX" are the same code.
std::optional<std::string> typedMemberCode(const std::string& query) {
    std::string code = normalizeMemberCode(query);
    if (checkMemberCode(code) != MemberCodeCheck::Valid) return std::nullopt;
    return code;
}

bool matches(const MemberSummary& s, const std::optional<std::string>& code, const std::string& foldedPrefix) {
    if (code && s.member.code == *code) return true;
    return foldForSearch(s.member.firstName).rfind(foldedPrefix, 0) == 0;
}

Json summaryJson(const MemberSummary& s) {
    return {{"id", s.member.id},
            {"code", formatMemberCode(s.member.code)},
            {"first_name", s.member.firstName},
            {"commune", optionalToJson(s.member.commune)},
            {"last_seen", s.lastSeen ? Json(*s.lastSeen) : Json(nullptr)}};
}

}  // namespace

MemberDataService::MemberDataService(HubStorage& storage, AuditLog& audit, Clock clock, std::string mailRelay)
    : storage_(storage), audit_(audit), clock_(std::move(clock)), mailRelay_(std::move(mailRelay)) {}

MemberSummary MemberDataService::requireMember(const std::string& memberId) {
    auto summary = storage_.memberSummary(memberId);
    if (!summary) throw ApiError(404, "membre inconnu : il a peut-être été effacé", "member_id");
    return std::move(*summary);
}

// The query never reaches a log: it is a POST body, and refusals do not repeat it.
Json MemberDataService::search(const Principal& who, std::string_view body) {
    requireCoordinator(who);
    const std::string query = decodeBody(body, [](const JsonObject& o) {
        std::string text = requireText(o, "query", kMaxNameLength);
        text.erase(0, text.find_first_not_of(' '));
        text.erase(text.find_last_not_of(' ') + 1);
        if (text.empty()) o.fail("query", "tapez un code membre ou le début d’un prénom");
        return text;
    }, kMemberBodyLimits);
    const auto code = typedMemberCode(query);
    const std::string prefix = foldForSearch(query);
    std::vector<MemberSummary> found;
    for (MemberSummary& s : storage_.memberSummaries()) {
        if (matches(s, code, prefix)) found.push_back(std::move(s));
    }
    std::sort(found.begin(), found.end(), [](const MemberSummary& a, const MemberSummary& b) {
        return std::pair(foldForSearch(a.member.firstName), a.member.id) < std::pair(foldForSearch(b.member.firstName), b.member.id);
    });
    Json members = Json::array();
    for (std::size_t i = 0; i < found.size() && i < kMaxMembersFound; ++i) members.push_back(summaryJson(found[i]));
    return {{"members", members}, {"truncated", found.size() > kMaxMembersFound}};
}

Json MemberDataService::detailsOf(const MemberSummary& summary) {
    const Member& m = summary.member;
    std::vector<std::string> contacts;
    if (m.email) contacts.push_back(*m.email);
    if (m.phone) contacts.push_back(*m.phone);
    return memberDataJson(summary, storage_.linkedVisitsOf(m.id), storage_.messagesWithContact(contacts),
                          visitLinkMonths(storage_));
}

Json MemberDataService::details(const Principal& who, const std::string& memberId) {
    requireCoordinator(who);
    return detailsOf(requireMember(memberId));
}

MemberExport MemberDataService::exportData(const Principal& who, const std::string& memberId, const std::string& format) {
    requireCoordinator(who);
    if (format != "json" && format != "csv") throw ApiError(400, "format d’export inconnu : « json » ou « csv »", "format");
    const MemberSummary summary = requireMember(memberId);
    const Json data = detailsOf(summary);
    MemberExport file = format == "csv" ? MemberExport{memberDataCsv(data), "text/csv; charset=utf-8", ""}
                                        : MemberExport{data.dump(2), "application/json; charset=utf-8", ""};
    file.fileName = "donnees-membre-" + memberId + "." + format;
    // Access to personal data is worth a trace too: by ids only, like every member entry.
    audit_.record(who, AuditRecord{"member.exported", "member", memberId, summary.signUpSiteId, nullptr, {{"format", format}}});
    return file;
}

Json MemberDataService::correct(const Principal& who, const std::string& memberId, std::string_view body) {
    requireCoordinator(who);
    const MemberSummary summary = requireMember(memberId);
    const Member corrected = decodeBody(body, [&](const JsonObject& o) {
        return correctedMember(summary.member, o, storage_.signUpCommunes());
    }, kMemberBodyLimits);
    const std::vector<std::string> changed = changedFields(summary.member, corrected);
    if (changed.empty()) return {{"member", detailsOf(summary)["member"]}};
    const auto events = storage_.recordHubEvents(
        {MemberCorrected{memberId, summary.signUpSiteId, corrected.firstName, corrected.email, corrected.phone,
                         corrected.employer, corrected.commune}},
        clock_());
    // Field names say what changed, never to what: the log keeps no personal data.
    audit_.record(who, AuditRecord{"member.corrected", "member", memberId, summary.signUpSiteId, nullptr,
                                   {{"event_id", events.front().id}, {"fields", changed}}});
    return {{"member", detailsOf(requireMember(memberId))["member"]}};
}

Json MemberDataService::forget(const Principal& who, const std::string& memberId) {
    requireCoordinator(who);
    const MemberSummary summary = requireMember(memberId);
    if (!storage_.forgetMember(memberId, clock_())) throw ApiError(404, "membre inconnu : il a peut-être été effacé", "member_id");
    audit_.record(who, AuditRecord{"member.forgotten", "member", memberId, summary.signUpSiteId, {{"member_id", memberId}}, nullptr});
    return {{"forgotten", true}, {"member_id", memberId}};
}

Json MemberDataService::processingRegister(const Principal& who) {
    requireCoordinator(who);
    RegisterSettings settings;
    settings.controller = storage_.setting("controller_name").value_or(kDefaultController);
    settings.visitLinkMonths = visitLinkMonths(storage_);
    settings.forgetAfterMonths = kForgetMembersAfterMonths;
    settings.auditKeptMonths = kAuditKeptMonths;
    settings.animationKeptMonths = kAnimationKeptMonths;
    settings.mailRelay = mailRelay_;
    settings.sites = storage_.sites().size();
    return processingRegisterJson(settings);
}

}  // namespace cowork::hub
