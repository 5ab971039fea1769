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
