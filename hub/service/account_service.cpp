#include "service/account_service.hpp"

#include "mail/mail_address.hpp"
#include "security/secrets.hpp"

namespace cowork::hub {
namespace {

constexpr JsonLimits kAccountBodyLimits{16 * 1024, 4};

Json parseBody(const std::string& body) { return parseJson(body.empty() ? "{}" : body, kAccountBodyLimits); }

// Characters, not bytes: "é" counts once.
std::size_t characterCount(const std::string& text) {
    std::size_t count = 0;
    for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

void requireStrongPassword(const std::string& password, const std::string& field) {
    if (characterCount(password) < kMinPasswordCharacters) {
        throw ApiError(400, "mot de passe trop court : 12 caractères au moins", field);
    }
    if (password.size() > 1024) throw ApiError(400, "mot de passe trop long : 1024 octets au plus", field);
}

std::string roleLabel(Role role) {
    switch (role) {
        case Role::Coordinator: return "coordinateur";
        case Role::Animator: return "animateur";
        case Role::Elected: return "élu";
    }
    return "élu";
}

[[noreturn]] void refuseInvitation() {
    throw ApiError(410, "ce lien d’invitation n’est plus valable (déjà utilisé, expiré ou remplacé) : demandez-en un nouveau à la coordination",
                   "token");
}

// The link's host comes from the request: refused when it could carry anything but a host name.
std::string checkedHost(const std::string& host) {
    const bool plain = !host.empty() && host.size() <= 255 &&
                       host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                           std::string::npos;
    if (!plain) throw ApiError(400, "adresse du hub illisible dans la requête (en-tête Host)");
    return host;
}

}  // namespace

Json userJson(const UserAccount& account) {
    return {{"id", account.id},
            {"email", account.email},
            {"role", std::string(toString(account.role))},
            {"site_ids", account.siteIds},
            {"member_id", account.memberId ? Json(*account.memberId) : Json(nullptr)},
            {"disabled", account.disabledAt.has_value()},
            {"invited", !account.hasPassword},
            {"created_at", account.createdAt}};
}

AccountService::AccountService(HubStorage& storage, LoginService& login, AuditLog& audit, Clock clock, InvitationMailer mailer)
    : storage_(storage), login_(login), audit_(audit), clock_(std::move(clock)), mailer_(std::move(mailer)) {}

UserAccount AccountService::requireUser(const std::string& userId) {
    auto account = storage_.user(userId);
    if (!account) throw ApiError(404, "compte inconnu (supprimé entre-temps ?) : rechargez la liste");
    return *account;
}

// An animator animates at least one site, each known to the hub; the other roles have none.
std::set<std::string> AccountService::checkedSites(Role role, const std::vector<std::string>& siteIds) {
    if (role != Role::Animator) return {};
    if (siteIds.empty()) throw ApiError(400, "choisissez au moins un lieu pour un animateur", "site_ids");
    for (const std::string& siteId : siteIds) {
        if (!storage_.siteExists(siteId)) throw ApiError(400, "lieu inconnu du hub : « " + siteId + " »", "site_ids");
    }
    return {siteIds.begin(), siteIds.end()};
}

NewUser AccountService::parseNewUser(const std::string& body) {
    const Json json = parseBody(body);
    const JsonObject object(json, "");
    NewUser user;
    user.email = object.requireString("email");
    if (!isPlainMailAddress(user.email)) throw ApiError(400, "adresse e-mail invalide", "email");
    const auto role = roleFromString(object.requireString("role"));
    if (!role) throw ApiError(400, "rôle inconnu : coordinateur, animateur ou élu", "role");
    user.role = *role;
    user.siteIds = checkedSites(user.role, object.optionalStringArray("site_ids"));
    return user;
}

Json AccountService::invitationAnswer(const UserAccount& account, const NewInvitation& invitation, const std::string& host) {
    // The token goes in the fragment: browsers never send it, so no server log holds it.
    const std::string url = "https://" + checkedHost(host) + "/#/invitation/" + invitation.token;
    const bool emailed = mailer_ && mailer_(InvitationMail{account.email, roleLabel(account.role), url, invitation.expiresAt});
    return {{"user", userJson(account)}, {"invitation_url", url}, {"invitation_expires_at", invitation.expiresAt}, {"emailed", emailed}};
}

Json AccountService::listUsers(const Principal& principal) {
    requireCoordinator(principal);
    Json users = Json::array();
    for (const UserAccount& account : storage_.users()) users.push_back(userJson(account));
    return {{"users", users}};
}

Json AccountService::inviteUser(const Principal& principal, const std::string& body, const std::string& host) {
    requireCoordinator(principal);
    const NewUser user = parseNewUser(body);
    checkedHost(host);  // before anything is written
    const auto created = storage_.inviteUser(user, clock_());
    if (!created) throw ApiError(409, "un compte existe déjà avec cette adresse e-mail", "email");
    const auto& [account, invitation] = *created;
    audit_.record(principal, AuditRecord{"user.invited", "user", account.id, "", nullptr, userJson(account)});
    return invitationAnswer(account, invitation, host);
}

Json AccountService::updateUser(const Principal& principal, const std::string& userId, const std::string& body) {
    requireCoordinator(principal);
    const UserAccount before = requireUser(userId);
    const Json json = parseBody(body);
    const JsonObject object(json, "");
    const auto role = roleFromString(object.requireString("role"));
    if (!role) throw ApiError(400, "rôle inconnu : coordinateur, animateur ou élu", "role");
    // Else the network could be left with no coordinator, and no one to undo it.
    if (userId == principal.userId && *role != Role::Coordinator) {
        throw ApiError(409, "vous ne pouvez pas retirer votre propre rôle de coordinateur : demandez-le à un autre coordinateur", "role");
    }
    const std::set<std::string> sites = checkedSites(*role, object.optionalStringArray("site_ids"));
    storage_.updateUser(userId, *role, sites);
    const UserAccount after = requireUser(userId);
    audit_.record(principal, AuditRecord{"user.updated", "user", userId, "", userJson(before), userJson(after)});
    return {{"user", userJson(after)}};
}

Json AccountService::disableUser(const Principal& principal, const std::string& userId) {
    requireCoordinator(principal);
    if (userId == principal.userId) {
        throw ApiError(409, "vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre coordinateur");
    }
    const UserAccount before = requireUser(userId);
    storage_.disableUser(userId, clock_());
    const UserAccount after = requireUser(userId);
    if (!before.disabledAt) audit_.record(principal, AuditRecord{"user.disabled", "user", userId, "", userJson(before), userJson(after)});
    return {{"user", userJson(after)}};
}

Json AccountService::enableUser(const Principal& principal, const std::string& userId) {
    requireCoordinator(principal);
    const UserAccount before = requireUser(userId);
    storage_.enableUser(userId);
    const UserAccount after = requireUser(userId);
    if (before.disabledAt) audit_.record(principal, AuditRecord{"user.enabled", "user", userId, "", userJson(before), userJson(after)});
    return {{"user", userJson(after)}};
}

Json AccountService::renewInvitation(const Principal& principal, const std::string& userId, const std::string& host) {
    requireCoordinator(principal);
    const UserAccount account = requireUser(userId);
    checkedHost(host);
    const NewInvitation invitation = storage_.renewInvitation(userId, clock_());
    audit_.record(principal, AuditRecord{"user.invitation_renewed", "user", userId, "", nullptr,
                                         {{"invitation_expires_at", invitation.expiresAt}}});
    return invitationAnswer(account, invitation, host);
}

Json AccountService::logOutEverywhere(const Principal& principal) {
    storage_.endSessionsOf(principal.userId);
    return {{"logged_out", true}};
}

Json AccountService::changePassword(const Principal& principal, const std::string& sessionToken, const std::string& body) {
    const Json json = parseBody(body);
    const JsonObject object(json, "");
    const std::string current = object.requireString("current_password");
    const std::string next = object.requireString("new_password");
    login_.requireCurrentPassword(principal, current);
    requireStrongPassword(next, "new_password");
    storage_.changePassword(principal.userId, hashPassword(next), sessionToken);
    const UserAccount account = requireUser(principal.userId);
    audit_.record(principal, AuditRecord{"user.password_changed", "user", account.id, "", nullptr, userJson(account)});
    return {{"password_changed", true}};
}

UserAccount AccountService::requireValidInvitation(const std::string& token) {
    const auto found = token.empty() ? std::nullopt : storage_.invitation(token);
    const auto account = found ? storage_.user(found->userId) : std::nullopt;
    if (!found || found->usedAt || found->expiresAt <= clock_() || !account || account->disabledAt) refuseInvitation();
    return *account;
}

Json AccountService::checkInvitation(const std::string& body) {
    const Json json = parseBody(body);
    const UserAccount account = requireValidInvitation(JsonObject(json, "").requireString("token"));
    return {{"email", account.email}, {"role", std::string(toString(account.role))}};
}

AcceptedInvitation AccountService::acceptInvitation(const std::string& body) {
    const Json json = parseBody(body);
    const JsonObject object(json, "");
    const std::string token = object.requireString("token");
    const std::string password = object.requireString("password");
    const UserAccount account = requireValidInvitation(token);
    requireStrongPassword(password, "password");
    // Checked again in the transaction: of two acceptances racing, one wins. A
    // renewed link is a password reset: the account's sessions and lockout end there.
    if (!storage_.acceptInvitation(token, hashPassword(password), clock_(), accountThrottleKey(account.id))) refuseInvitation();
    const NewSession session = login_.openSession(account.id);
    ConsoleSession console = login_.requireSession(session.token);
    audit_.record(console.principal, AuditRecord{"user.invitation_accepted", "user", account.id, "", nullptr,
                                                 userJson(requireUser(account.id))});
    return {session, std::move(console)};
}

}  // namespace cowork::hub
