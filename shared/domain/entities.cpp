#include "domain/entities.hpp"

#include <array>
#include <utility>

namespace cowork {
namespace {

// One table per enum keeps the spelling of each value in a single place.
template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [e, name] : table) {
        if (e == value) return name;
    }
    return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text) {
    for (const auto& [e, name] : table) {
        if (name == text) return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<SiteKind, std::string_view>, 3> kSiteKinds{{
    {SiteKind::MiniCowork, "mini-cowork"},
    {SiteKind::TiersLieu, "tiers-lieu"},
    {SiteKind::CorpoWorking, "corpoworking"},
}};
constexpr std::array<std::pair<SiteOverride, std::string_view>, 3> kSiteOverrides{{
    {SiteOverride::None, "none"},
    {SiteOverride::ClosedNow, "closed"},
    {SiteOverride::Full, "full"},
}};
constexpr std::array<std::pair<VisitEnd, std::string_view>, 4> kVisitEnds{{
    {VisitEnd::ByMember, "member"},
    {VisitEnd::ByShopkeeper, "shopkeeper"},
    {VisitEnd::AtClosing, "closing"},
    {VisitEnd::ByCoordinator, "coordinator"},
}};
constexpr std::array<std::pair<AnimationEnd, std::string_view>, 2> kAnimationEnds{{
    {AnimationEnd::ByAnimator, "by_animator"},
    {AnimationEnd::AtClosing, "at_closing"},
}};
constexpr std::array<std::pair<DeliveryState, std::string_view>, 3> kDeliveryStates{{
    {DeliveryState::Pending, "pending"},
    {DeliveryState::Sent, "sent"},
    {DeliveryState::Delivered, "delivered"},
}};

}  // namespace

std::string_view toString(SiteKind kind) { return nameOf(kSiteKinds, kind); }
std::optional<SiteKind> siteKindFromString(std::string_view text) { return valueOf(kSiteKinds, text); }
std::string_view toString(SiteOverride value) { return nameOf(kSiteOverrides, value); }
std::optional<SiteOverride> siteOverrideFromString(std::string_view text) { return valueOf(kSiteOverrides, text); }
std::string_view toString(VisitEnd how) { return nameOf(kVisitEnds, how); }
std::optional<VisitEnd> visitEndFromString(std::string_view text) { return valueOf(kVisitEnds, text); }
std::string_view toString(AnimationEnd how) { return nameOf(kAnimationEnds, how); }
std::optional<AnimationEnd> animationEndFromString(std::string_view text) { return valueOf(kAnimationEnds, text); }
std::string_view toString(DeliveryState state) { return nameOf(kDeliveryStates, state); }
std::optional<DeliveryState> deliveryStateFromString(std::string_view text) { return valueOf(kDeliveryStates, text); }

}  // namespace cowork
