#pragma once
// Animators' hours (issue 12): the coordinator designates members as animators
// of sites (`member.animator_set`, sent to every kiosk), reviews their sessions
// (confirms or corrects one: `animation.corrected`) and exports the hours of a
// month per animator and site for their pay. An animator's console account,
// once the coordinator has linked it to their member, sees that member's hours
// and no one else's. Elected officials see none (pay records of named people).
// Every change is one hub event and one audit entry, by ids and times only.
#include <map>
#include <string>
#include <string_view>

#include "access/audit_log.hpp"
#include "access/principal.hpp"
#include "domain/paris_time.hpp"
#include "service/api_error.hpp"
#include "service/sync_service.hpp"  // Clock
#include "storage/hub_storage.hpp"

namespace cowork::hub {

// A correction longer than this is a typing mistake, not a session.
constexpr TimeMs kLongestAnimationMs = 16 * kHourMs;

class AnimationService {
public:
    AnimationService(HubStorage& storage, AuditLog& audit, Clock clock);

    Json animators(const Principal& who);
    Json setAnimator(const Principal& who, const std::string& memberId, std::string_view body);
    // month: "2026-12"; memberId: "" for everyone (the coordinator) or one's own.
    Json sessions(const Principal& who, const std::string& month, const std::string& memberId);
    Json correctSession(const Principal& who, const std::string& sessionId, std::string_view body);
    // UTF-8 with a byte-order mark, `;` between cells, decimal commas.
    std::string monthlyCsv(const Principal& who, const std::string& month);
    Json linkAccount(const Principal& who, const std::string& userId, std::string_view body);

private:
    // Whose hours this principal may read: "" (everyone's) for the coordinator.
    std::string readableMember(const Principal& who, const std::string& asked);
    std::map<std::string, std::string> firstNames();

    HubStorage& storage_;
    AuditLog& audit_;
    Clock clock_;
};

// For the statistics (« Chiffres »): hours animated per site id in the Paris
// calendar days [from, to] (both included), from the animation events as the
// log folds them (corrections included; a session still open counts nothing
// yet; one across a bound counts its part inside). Sites without any are absent.
std::map<std::string, double> animatedHoursBySite(HubStorage& storage, LocalDate from, LocalDate to);

}  // namespace cowork::hub
