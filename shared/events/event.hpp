#pragma once
// Every change to the network is an event. State is the fold of the events:
// applying an event a second time changes nothing, and replaying the log in any
// order rebuilds the same state (see store/projector.cpp for how each kind merges).
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/entities.hpp"
#include "events/hlc.hpp"

namespace cowork {

struct SiteConfigured { Site site; };
struct SiteOverrideSet { std::string siteId; SiteOverride value = SiteOverride::None; std::string reason; };
struct PlaceConfigured { std::string placeId; std::string siteId; std::string label; };
struct PlaceServiceChanged { std::string placeId; bool inService = true; std::string reason; };
struct MemberRegistered { Member member; };
struct VisitStarted {
    std::string visitId;
    std::string siteId;
    std::string placeId;
    std::optional<std::string> memberId;
    TimeMs at = 0;
    // A member code this kiosk did not know when it was typed (offline): the
    // hub resolves it with a VisitMemberResolved. Only set when memberId is not.
    std::optional<std::string> memberCode = std::nullopt;
};
struct VisitEnded { std::string visitId; TimeMs at = 0; VisitEnd how = VisitEnd::ByMember; };
struct MessageSent { AnimatorMessage message; };
struct MessageStateChanged { std::string messageId; DeliveryState state = DeliveryState::Sent; };
struct AnnouncementPublished { Announcement announcement; };
struct AnnouncementWithdrawn { std::string announcementId; };
struct DeviceRegistered { Device device; };
struct DeviceRevoked { std::string deviceId; };
// The shopkeeper's PIN for a site, as an Argon2id hash: set at the counter, or
// reset by the coordinator (who then gives the shopkeeper the new PIN).
struct ShopkeeperPinSet { std::string siteId; std::string pinHash; };
// A member not seen for 13 months is deleted everywhere; their visits stay as
// anonymous counts.
struct MemberForgotten { std::string memberId; };
// The hub's answer to a provisional check-in: who the typed code belongs to, or
// nobody (memberId empty: the visit stays anonymous).
struct VisitMemberResolved {
    std::string visitId;
    std::string siteId;
    std::optional<std::string> memberId;
    std::string memberCode;  // empty once the hub's retention removed it
};
// The communes sign-up offers as places of residence: the network file's whole
// list, set by the hub at each import that changes it. The write with the
// highest (stamp, id) wins, as for every configuration.
struct NetworkCommunesSet { std::vector<std::string> communes; };
// The coordinator's correction of a member's details (right of rectification):
// the registration's fields but the code and the consent. The newest of the
// registration and the corrections, by (stamp, id), gives the member's details.
// Sent to the kiosks of the site where the member signed up (`siteId`); the
// others receive the corrected first name in their member directory.
struct MemberCorrected {
    std::string memberId;
    std::string siteId;  // "" when no kiosk is known to hold the registration
    std::string firstName;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> employer;
    std::optional<std::string> commune;
};

// The hub erased a message's sender, its name, contact and text (with the member
// whose e-mail or phone it gave): every store empties it, in its log too. The
// message stays counted. Written by the hub only.
struct MessageRedacted { std::string messageId; };

// The coordinator designates a member animator of these sites (none: no longer
// an animator). Every kiosk receives it, so that it knows offline who may
// animate there. The write with the highest (stamp, id) wins.
struct AnimatorSet { std::string memberId; std::vector<std::string> siteIds; };
// An animator starts and ends an animation session at the kiosk with their
// member code; closing time ends one left open (at_closing), which the
// coordinator then confirms. Like a visit's, the first end recorded wins.
struct AnimationStarted { std::string sessionId; std::string siteId; std::string memberId; TimeMs at = 0; };
struct AnimationEnded { std::string sessionId; TimeMs at = 0; AnimationEnd how = AnimationEnd::ByAnimator; };
// The coordinator confirms (the same times) or corrects a session's start and
// end: the newest correction by (stamp, id) gives the times that count. Hub only.
struct AnimationCorrected { std::string sessionId; TimeMs startedAt = 0; TimeMs endedAt = 0; };

// The order of alternatives is part of nothing persistent: kinds are stored by name.
using EventPayload = std::variant<SiteConfigured, SiteOverrideSet, PlaceConfigured, PlaceServiceChanged,
                                  MemberRegistered, VisitStarted, VisitEnded, MessageSent, MessageStateChanged,
                                  AnnouncementPublished, AnnouncementWithdrawn, DeviceRegistered, DeviceRevoked,
                                  ShopkeeperPinSet, MemberForgotten, VisitMemberResolved, NetworkCommunesSet,
                                  MemberCorrected, MessageRedacted, AnimatorSet, AnimationStarted, AnimationEnded,
                                  AnimationCorrected>;

// "site.configured", "visit.started"…
std::string_view eventKindName(const EventPayload& payload);

struct Event {
    std::string id;      // UUIDv7
    std::string origin;  // device id, or "hub"
    HlcStamp stamp;
    EventPayload payload;

    std::string_view kind() const { return eventKindName(payload); }
};

// The site an event writes to, for the hub's rule that a kiosk writes only for its
// own site; nullopt for events that name no site (a visit's end, a message state).
std::optional<std::string> siteWrittenBy(const EventPayload& payload);

}  // namespace cowork
