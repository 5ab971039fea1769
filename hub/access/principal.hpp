#pragma once
// Who is asking, for the console and the admin API: an account with one role,
// and for an animator the sites they animate. Every route checks the principal
// against the object it touches (its site), not only against the route.
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace cowork::hub {

enum class Role { Coordinator, Animator, Elected };
std::string_view toString(Role role);  // "coordinator", "animator", "elected"
std::optional<Role> roleFromString(std::string_view text);

struct Principal {
    std::string userId;
    std::string email;
    Role role = Role::Elected;
    std::set<std::string> siteIds;  // an animator's sites; empty for the other roles
    // The member an animator's account belongs to (set by the coordinator):
    // the animation hours they may see are that member's.
    std::optional<std::string> memberId = std::nullopt;

    bool isCoordinator() const { return role == Role::Coordinator; }
    // Coordinators and elected officials see every site; an animator only theirs.
    bool maySeeSite(const std::string& siteId) const;
    // Coordinators change every site; an animator only theirs; elected officials nothing.
    bool mayChangeSite(const std::string& siteId) const;
    // First names, member codes, messages' contents: coordinators, and an
    // animator for their own sites. Never an elected official.
    bool maySeePersonalDataOf(const std::string& siteId) const;
};

// Each throws ApiError 403 with a message the person can act on.
void requireCoordinator(const Principal& principal);
void requireNotReadOnly(const Principal& principal);
void requireSiteVisible(const Principal& principal, const std::string& siteId);
void requireSiteChange(const Principal& principal, const std::string& siteId);
void requirePersonalDataOf(const Principal& principal, const std::string& siteId);

}  // namespace cowork::hub
