#pragma once
// The coworking network's entities, as the store holds them and the screens show
// them. Identifiers are opaque strings: sites have readable ids from the network
// file ("fleurie-boulangerie"); everything created on a device has a UUIDv7.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/opening_hours.hpp"
#include "domain/time.hpp"

namespace cowork {

enum class SiteKind { MiniCowork, TiersLieu, CorpoWorking };
std::string_view toString(SiteKind kind);  // "mini-cowork", "tiers-lieu", "corpoworking"
std::optional<SiteKind> siteKindFromString(std::string_view text);

struct Coordinates {
    double lat = 0;
    double lon = 0;
    auto operator<=>(const Coordinates&) const = default;
};

struct HostShop {
    std::string name;
    std::string type;  // "boulangerie", "bar-tabac", "épicerie"…
    auto operator<=>(const HostShop&) const = default;
};

struct Animator {
    std::string name;
    std::string phone;
    std::string email;
    std::string presence;  // as the coordinator writes it: "mar. et jeu. 9h-12h"
    auto operator<=>(const Animator&) const = default;
};

struct Site {
    std::string id;
    SiteKind kind = SiteKind::MiniCowork;
    std::string name;
    std::string commune;
    std::string address;
    Coordinates coordinates;
    OpeningHours hours;
    std::optional<HostShop> shop;  // mini-coworks live inside a shop
    Animator animator;
    std::vector<std::string> partnerEmployers;  // corpoworking only
    auto operator<=>(const Site&) const = default;
};

// A shopkeeper or coordinator can override the opening hours for now.
enum class SiteOverride { None, ClosedNow, Full };
std::string_view toString(SiteOverride value);  // "none", "closed", "full"
std::optional<SiteOverride> siteOverrideFromString(std::string_view text);

struct Place {
    std::string id;
    std::string siteId;
    std::string label;  // "Place 1", "Table fenêtre"
    bool inService = true;
    std::string outOfServiceReason;
    auto operator<=>(const Place&) const = default;
};

struct Member {
    std::string id;
    std::string code;       // see member_code.hpp
    std::string firstName;  // for display only
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> employer;
    std::optional<std::string> commune;  // of residence: a name from the network's list, or kOutsideTerritory
    TimeMs consentAt = 0;
    auto operator<=>(const Member&) const = default;
};

// Member::commune of someone who lives outside the network's communes: always
// offered at sign-up, stored in French whatever the language on screen.
constexpr const char* kOutsideTerritory = "Hors du territoire";

enum class VisitEnd { ByMember, ByShopkeeper, AtClosing, ByCoordinator };
std::string_view toString(VisitEnd how);  // "member", "shopkeeper", "closing", "coordinator"
std::optional<VisitEnd> visitEndFromString(std::string_view text);

struct Visit {
    std::string id;
    std::string siteId;
    std::string placeId;
    std::optional<std::string> memberId;  // nullopt: anonymous ("juste aujourd'hui")
    TimeMs startedAt = 0;
    std::optional<TimeMs> endedAt;
    std::optional<VisitEnd> endedHow;
    std::optional<std::string> memberCode = std::nullopt;  // typed offline, for the hub to resolve
    bool codeResolved = false;              // the hub answered (memberId says whom, or nobody)
    auto operator<=>(const Visit&) const = default;
};

// An animation session: a member designated animator of the site
// (member.animator_set) animates it from « J'anime » to « Fin de l'animation ».
// These are the work-time records their pay is computed from, not visits.
enum class AnimationEnd { ByAnimator, AtClosing };
std::string_view toString(AnimationEnd how);  // "by_animator", "at_closing"
std::optional<AnimationEnd> animationEndFromString(std::string_view text);

struct AnimationSession {
    std::string id;
    std::string siteId;
    std::string memberId;
    TimeMs startedAt = 0;  // as the kiosk recorded it
    std::optional<TimeMs> endedAt;
    std::optional<AnimationEnd> endedHow;
    // The coordinator's confirmation or correction (animation.corrected): when
    // set, these are the times that count.
    std::optional<TimeMs> correctedStart = std::nullopt;
    std::optional<TimeMs> correctedEnd = std::nullopt;

    bool reviewed() const { return correctedStart.has_value(); }
    TimeMs start() const { return correctedStart.value_or(startedAt); }
    std::optional<TimeMs> end() const { return correctedEnd ? correctedEnd : endedAt; }
    // Closed by the closing-time sweep and not yet confirmed by the coordinator.
    bool needsConfirmation() const { return endedHow == AnimationEnd::AtClosing && !reviewed(); }
    auto operator<=>(const AnimationSession&) const = default;
};

// Pending: still on the kiosk; Sent: the hub has it; Delivered: emailed to the animator.
enum class DeliveryState { Pending, Sent, Delivered };
std::string_view toString(DeliveryState state);  // "pending", "sent", "delivered"
std::optional<DeliveryState> deliveryStateFromString(std::string_view text);

struct AnimatorMessage {
    std::string id;
    std::string siteId;
    std::string fromName;
    std::string contact;  // how to answer: phone or email, optional
    std::string text;
    TimeMs createdAt = 0;
    DeliveryState state = DeliveryState::Pending;
    auto operator<=>(const AnimatorMessage&) const = default;
};

// A message past its retention period, or whose sender was erased, keeps only
// its site, time and delivery state: a sent message always has a text.
inline bool isRedacted(const AnimatorMessage& message) { return message.text.empty(); }

struct Announcement {
    std::string id;
    std::optional<std::string> siteId;  // nullopt: every site of the network
    std::string text;
    LocalDate validFrom;
    LocalDate validUntil;  // inclusive
    auto operator<=>(const Announcement&) const = default;
};

struct Device {
    std::string id;
    std::string siteId;
    std::string name;
    std::string appVersion;
    TimeMs enrolledAt = 0;
    bool revoked = false;
    auto operator<=>(const Device&) const = default;
};

}  // namespace cowork
