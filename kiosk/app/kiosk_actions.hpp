#pragma once
// The kiosk's writes: each user action becomes events recorded in one
// transaction (Store::recordLocal). Each re-checks the store first, so a tap on
// a place someone else took a second ago does nothing harmful.
#include <optional>
#include <string>

#include "app/ui_state.hpp"
#include "domain/entities.hpp"
#include "store/store.hpp"

namespace cowork::kiosk {

enum class ActionResult { Done, PlaceTaken, SiteClosed, AlreadyHere, NotFound, Invalid, NotAnimator };

class KioskActions {
public:
    KioskActions(Store& store, std::string siteId) : store_(store), siteId_(std::move(siteId)) {}

    // memberId empty: anonymous ("juste aujourd'hui"), nothing personal stored.
    // provisionalCode: a member code this kiosk does not know, for the hub to resolve.
    ActionResult checkIn(const std::optional<std::string>& memberId, const std::string& placeId, TimeMs now,
                         const std::optional<std::string>& provisionalCode = std::nullopt);
    // Registers a member from the sign-up draft; returns them (with their new code).
    std::optional<Member> registerMember(const SignUpDraft& draft, TimeMs now);
    ActionResult checkOutPlace(const std::string& placeId, VisitEnd how, TimeMs now);
    ActionResult checkOutMember(const std::string& memberId, TimeMs now);
    ActionResult checkOutCode(const std::string& provisionalCode, TimeMs now);
    ActionResult checkOutVisit(const std::string& visitId, VisitEnd how, TimeMs now);
    // An animator of this site starts a session (the site open, none of theirs open).
    ActionResult startAnimation(const std::string& memberId, TimeMs now);
    // Ends that member's open session here.
    ActionResult endAnimation(const std::string& memberId, TimeMs now);
    // Ends the visits and animation sessions that closing time ended, in one
    // transaction; returns how many.
    int closeAtClosing(TimeMs now);
    void setOverride(SiteOverride value, const std::string& reason, TimeMs now);
    void setPlaceService(const std::string& placeId, bool inService, TimeMs now);
    void sendMessage(const std::string& fromName, const std::string& text, TimeMs now);

private:
    Store& store_;
    std::string siteId_;
};

}  // namespace cowork::kiosk
