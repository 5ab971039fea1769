#pragma once
// Console accounts (docs/console-api.md, "Session and accounts"): the
// coordinator invites, changes, disables and re-enables them; each person
// accepts their invitation, changes their password and ends their sessions.
// Every change is written to the audit log, never with a password or a token.
#include <functional>
#include <string>

#include "access/audit_log.hpp"
#include "mail/invitation_mail.hpp"
#include "service/login_service.hpp"

namespace cowork::hub {

constexpr std::size_t kMinPasswordCharacters = 12;

// Sends an invitation e-mail; false when it was not sent (no SMTP settings, or refused).
using InvitationMailer = std::function<bool(const InvitationMail&)>;

// What the console is told of an account: never its password or invitation.
Json userJson(const UserAccount& account);

// An accepted invitation: the person is signed in.
struct AcceptedInvitation {
    NewSession session;
    ConsoleSession console;
};

class AccountService {
public:
    AccountService(HubStorage& storage, LoginService& login, AuditLog& audit, Clock clock, InvitationMailer mailer = {});

    // Coordinator only. `host` is the request's Host, for the invitation link.
    Json listUsers(const Principal& principal);
    Json inviteUser(const Principal& principal, const std::string& body, const std::string& host);
    Json updateUser(const Principal& principal, const std::string& userId, const std::string& body);
    Json disableUser(const Principal& principal, const std::string& userId);
    Json enableUser(const Principal& principal, const std::string& userId);
    Json renewInvitation(const Principal& principal, const std::string& userId, const std::string& host);

    // The signed-in person's own account.
    Json logOutEverywhere(const Principal& principal);
    Json changePassword(const Principal& principal, const std::string& sessionToken, const std::string& body);

    // Without a session: the invitation's token is the credential.
    Json checkInvitation(const std::string& body);
    AcceptedInvitation acceptInvitation(const std::string& body);

private:
    UserAccount requireUser(const std::string& userId);
    NewUser parseNewUser(const std::string& body);
    std::set<std::string> checkedSites(Role role, const std::vector<std::string>& siteIds);
    // The account whose invitation this token opens; ApiError 410 when none is valid now.
    UserAccount requireValidInvitation(const std::string& token);
    Json invitationAnswer(const UserAccount& account, const NewInvitation& invitation, const std::string& host);

    HubStorage& storage_;
    LoginService& login_;
    AuditLog& audit_;
    Clock clock_;
    InvitationMailer mailer_;
};

}  // namespace cowork::hub
