#include "access/principal.hpp"

#include "service/api_error.hpp"

namespace cowork::hub {

std::string_view toString(Role role) {
    switch (role) {
        case Role::Coordinator: return "coordinator";
        case Role::Animator: return "animator";
        case Role::Elected: return "elected";
    }
    return "elected";
}

std::optional<Role> roleFromString(std::string_view text) {
    if (text == "coordinator") return Role::Coordinator;
    if (text == "animator") return Role::Animator;
    if (text == "elected") return Role::Elected;
    return std::nullopt;
}

bool Principal::maySeeSite(const std::string& siteId) const {
    return role != Role::Animator || siteIds.count(siteId) > 0;
}

bool Principal::mayChangeSite(const std::string& siteId) const {
    if (role == Role::Elected) return false;
    return role == Role::Coordinator || siteIds.count(siteId) > 0;
}

bool Principal::maySeePersonalDataOf(const std::string& siteId) const { return mayChangeSite(siteId); }

void requireCoordinator(const Principal& principal) {
    if (!principal.isCoordinator()) throw ApiError(403, "réservé à la coordination de la communauté de communes");
}

void requireNotReadOnly(const Principal& principal) {
    if (principal.role == Role::Elected) throw ApiError(403, "votre compte d’élu permet de consulter, pas de modifier");
}

void requireSiteVisible(const Principal& principal, const std::string& siteId) {
    if (!principal.maySeeSite(siteId)) throw ApiError(403, "ce lieu n’est pas l’un des vôtres", "site_id");
}

void requireSiteChange(const Principal& principal, const std::string& siteId) {
    requireNotReadOnly(principal);
    if (!principal.mayChangeSite(siteId)) throw ApiError(403, "ce lieu n’est pas l’un des vôtres", "site_id");
}

void requirePersonalDataOf(const Principal& principal, const std::string& siteId) {
    if (principal.role == Role::Elected) throw ApiError(403, "les données personnelles ne sont pas accessibles aux élus");
    if (!principal.maySeePersonalDataOf(siteId)) throw ApiError(403, "ce lieu n’est pas l’un des vôtres", "site_id");
}

}  // namespace cowork::hub
