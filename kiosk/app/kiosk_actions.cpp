#include "app/kiosk_actions.hpp"

#include "app/site_status.hpp"
#include "domain/member_code.hpp"
#include "events/uuid7.hpp"
#include "store/animation_reads.hpp"
#include "store/kiosk_reads.hpp"
#include "store/member_reads.hpp"
#include "store/site_reads.hpp"

namespace cowork::kiosk {
namespace {

std::optional<std::string> nonEmpty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

bool looksLikeEmail(const std::string& text) { return text.find('@') != std::string::npos; }

}  // namespace

ActionResult KioskActions::checkIn(const std::optional<std::string>& memberId, const std::string& placeId, TimeMs now,
                                   const std::optional<std::string>& provisionalCode) {
    const auto site = loadSite(store_.db(), siteId_);
    if (!site) return ActionResult::NotFound;
    const SiteOverrideState override = loadSiteOverride(store_.db(), siteId_);
    const SiteStatus status = siteStatusAt(*site, override.value, override.reason, now);
    if (!status.open || status.full) return ActionResult::SiteClosed;
    if (memberId && findOpenVisitOfMember(store_.db(), siteId_, *memberId)) return ActionResult::AlreadyHere;
    bool placeFound = false;
    for (const Place& place : loadPlaces(store_.db(), siteId_)) {
        if (place.id == placeId) placeFound = place.inService;
    }
    if (!placeFound) return ActionResult::NotFound;
    for (const Visit& visit : loadOpenVisits(store_.db(), siteId_)) {
        if (visit.placeId == placeId) return ActionResult::PlaceTaken;
    }
    VisitStarted started{newUuid7(now), siteId_, placeId, memberId, now, memberId ? std::nullopt : provisionalCode};
    store_.recordLocal({store_.makeEvent(started, now)}, now);
    return ActionResult::Done;
}

std::optional<Member> KioskActions::registerMember(const SignUpDraft& draft, TimeMs now) {
    if (draft.firstName.empty() || !draft.consent) return std::nullopt;
    Member member;
    member.id = newUuid7(now);
    member.code = generateMemberCode([this](const std::string& code) { return isMemberCodeTaken(store_.db(), code); });
    member.firstName = draft.firstName;
    if (looksLikeEmail(draft.reach)) {
        member.email = nonEmpty(draft.reach);
    } else {
        member.phone = nonEmpty(draft.reach);
    }
    member.employer = nonEmpty(draft.employer);
    member.commune = nonEmpty(draft.commune);
    member.consentAt = now;
    store_.recordLocal({store_.makeEvent(MemberRegistered{member}, now)}, now);
    return member;
}

ActionResult KioskActions::checkOutVisit(const std::string& visitId, VisitEnd how, TimeMs now) {
    store_.recordLocal({store_.makeEvent(VisitEnded{visitId, now, how}, now)}, now);
    return ActionResult::Done;
}

ActionResult KioskActions::checkOutPlace(const std::string& placeId, VisitEnd how, TimeMs now) {
    for (const Visit& visit : loadOpenVisits(store_.db(), siteId_)) {
        if (visit.placeId == placeId) return checkOutVisit(visit.id, how, now);
    }
    return ActionResult::NotFound;
}

ActionResult KioskActions::checkOutMember(const std::string& memberId, TimeMs now) {
    const auto visit = findOpenVisitOfMember(store_.db(), siteId_, memberId);
    if (!visit) return ActionResult::NotFound;
    return checkOutVisit(visit->id, VisitEnd::ByMember, now);
}

ActionResult KioskActions::checkOutCode(const std::string& provisionalCode, TimeMs now) {
    const auto visit = findOpenVisitWithCode(store_.db(), siteId_, provisionalCode);
    if (!visit) return ActionResult::NotFound;
    return checkOutVisit(visit->id, VisitEnd::ByMember, now);
}

int KioskActions::closeAtClosing(TimeMs now) {
    const auto site = loadSite(store_.db(), siteId_);
    if (!site) return 0;
    std::vector<Event> events;
    for (const VisitEnded& end : endsAtClosing(loadOpenVisits(store_.db(), siteId_), site->hours, now)) {
        events.push_back(store_.makeEvent(end, now));
    }
    for (const AnimationEnded& end : animationEndsAtClosing(loadOpenAnimations(store_.db(), siteId_), site->hours, now)) {
        events.push_back(store_.makeEvent(end, now));
    }
    if (events.empty()) return 0;
    store_.recordLocal(events, now);
    return static_cast<int>(events.size());
}

ActionResult KioskActions::startAnimation(const std::string& memberId, TimeMs now) {
    const auto site = loadSite(store_.db(), siteId_);
    if (!site) return ActionResult::NotFound;
    if (!isAnimatorOf(store_.db(), memberId, siteId_)) return ActionResult::NotAnimator;
    // Closing time would end at once a session started outside the hours.
    if (!site->hours.isOpenAt(now)) return ActionResult::SiteClosed;
    if (findOpenAnimationOf(store_.db(), siteId_, memberId)) return ActionResult::AlreadyHere;
    store_.recordLocal({store_.makeEvent(AnimationStarted{newUuid7(now), siteId_, memberId, now}, now)}, now);
    return ActionResult::Done;
}

ActionResult KioskActions::endAnimation(const std::string& memberId, TimeMs now) {
    const auto session = findOpenAnimationOf(store_.db(), siteId_, memberId);
    if (!session) return ActionResult::NotFound;
    store_.recordLocal({store_.makeEvent(AnimationEnded{session->id, now, AnimationEnd::ByAnimator}, now)}, now);
    return ActionResult::Done;
}

void KioskActions::setOverride(SiteOverride value, const std::string& reason, TimeMs now) {
    store_.recordLocal({store_.makeEvent(SiteOverrideSet{siteId_, value, reason}, now)}, now);
}

void KioskActions::setPlaceService(const std::string& placeId, bool inService, TimeMs now) {
    store_.recordLocal({store_.makeEvent(PlaceServiceChanged{placeId, inService, ""}, now)}, now);
}

void KioskActions::sendMessage(const std::string& fromName, const std::string& text, TimeMs now) {
    AnimatorMessage message{newUuid7(now), siteId_, fromName, "", text, now, DeliveryState::Pending};
    store_.recordLocal({store_.makeEvent(MessageSent{message}, now)}, now);
}

}  // namespace cowork::kiosk
