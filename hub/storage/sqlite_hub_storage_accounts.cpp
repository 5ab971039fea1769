// SqliteHubStorage: console accounts, their sites and their invitations.
#include "events/uuid7.hpp"
#include "security/secrets.hpp"
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {

// One statement for the listing and for a single account: an empty filter matches all.
std::vector<UserAccount> SqliteHubStorage::loadUsers(const std::string& userId, const std::string& email) {
    Database& db = store_.db();
    std::vector<UserAccount> out;
    Statement& row = db.prepare(
        "SELECT id, email, role, password_hash IS NOT NULL, created_at, disabled_at, member_id FROM hub_users "
        "WHERE (?1 = '' OR id = ?1) AND (?2 = '' OR email = ?2 COLLATE NOCASE) ORDER BY email COLLATE NOCASE");
    row.bind(1, userId).bind(2, email);
    while (row.step()) {
        out.push_back({row.columnText(0), row.columnText(1), roleFromString(row.columnText(2)).value_or(Role::Elected), {},
                       row.columnInt(3) != 0, row.columnInt(4), row.columnOptionalInt(5), row.columnOptionalText(6)});
    }
    Statement& sites = db.prepare("SELECT site_id FROM hub_user_sites WHERE user_id = ?1 ORDER BY site_id");
    for (UserAccount& account : out) {
        sites.bind(1, account.id);
        while (sites.step()) account.siteIds.insert(sites.columnText(0));
        sites.reset();
    }
    return out;
}

void SqliteHubStorage::saveUserSites(const std::string& userId, const std::set<std::string>& siteIds) {
    Database& db = store_.db();
    db.prepare("DELETE FROM hub_user_sites WHERE user_id = ?1").bind(1, userId).run();
    for (const std::string& siteId : siteIds) {
        db.prepare("INSERT INTO hub_user_sites(user_id, site_id) VALUES(?1, ?2)").bind(1, userId).bind(2, siteId).run();
    }
}

// The account's earlier links go: only the newest one works.
NewInvitation SqliteHubStorage::insertInvitation(const std::string& userId, TimeMs now) {
    Database& db = store_.db();
    db.prepare("DELETE FROM hub_invitations WHERE user_id = ?1").bind(1, userId).run();
    NewInvitation invitation{randomToken(), now + kInvitationValidityMs};
    db.prepare("INSERT INTO hub_invitations(token_hash, user_id, created_at, expires_at) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, sha256Hex(invitation.token))
        .bind(2, userId)
        .bind(3, now)
        .bind(4, invitation.expiresAt)
        .run();
    return invitation;
}

std::vector<UserAccount> SqliteHubStorage::users() {
    std::lock_guard lock(mutex_);
    return loadUsers("", "");
}

std::optional<UserAccount> SqliteHubStorage::user(const std::string& userId) {
    std::lock_guard lock(mutex_);
    if (userId.empty()) return std::nullopt;
    auto found = loadUsers(userId, "");
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<UserAccount> SqliteHubStorage::userWithEmail(const std::string& email) {
    std::lock_guard lock(mutex_);
    if (email.empty()) return std::nullopt;
    auto found = loadUsers("", email);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<std::string> SqliteHubStorage::passwordHashOf(const std::string& userId) {
    std::lock_guard lock(mutex_);
    Statement& row = store_.db().prepare("SELECT password_hash FROM hub_users WHERE id = ?1");
    row.bind(1, userId);
    std::optional<std::string> hash = row.step() ? row.columnOptionalText(0) : std::nullopt;
    row.reset();
    return hash;
}

std::string SqliteHubStorage::saveUser(const NewUser& user, const std::string& passwordHash, TimeMs now) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    const auto existing = loadUsers("", user.email);
    const std::string id = existing.empty() ? newUuid7(now) : existing.front().id;
    store_.db()
        .prepare("INSERT INTO hub_users(id, email, role, password_hash, created_at) VALUES(?1, ?2, ?3, ?4, ?5) "
                 "ON CONFLICT(id) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash")
        .bind(1, id)
        .bind(2, user.email)
        .bind(3, toString(user.role))
        .bind(4, passwordHash)
        .bind(5, now)
        .run();
    saveUserSites(id, user.siteIds);
    transaction.commit();
    return id;
}

void SqliteHubStorage::saveCoordinator(const std::string& email, const std::string& passwordHash, TimeMs now) {
    saveUser(NewUser{email, Role::Coordinator, {}}, passwordHash, now);
}

std::optional<std::string> SqliteHubStorage::coordinatorPasswordHash(const std::string& email) {
    const auto account = userWithEmail(email);
    if (!account || account->role != Role::Coordinator) return std::nullopt;
    return passwordHashOf(account->id);
}

std::optional<std::pair<UserAccount, NewInvitation>> SqliteHubStorage::inviteUser(const NewUser& user, TimeMs now) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    if (!loadUsers("", user.email).empty()) return std::nullopt;
    const std::string id = newUuid7(now);
    store_.db()
        .prepare("INSERT INTO hub_users(id, email, role, created_at) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, id)
        .bind(2, user.email)
        .bind(3, toString(user.role))
        .bind(4, now)
        .run();
    saveUserSites(id, user.siteIds);
    const NewInvitation invitation = insertInvitation(id, now);
    auto created = loadUsers(id, "");
    transaction.commit();
    return std::pair{created.front(), invitation};
}

void SqliteHubStorage::updateUser(const std::string& userId, Role role, const std::set<std::string>& siteIds) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    store_.db().prepare("UPDATE hub_users SET role = ?2 WHERE id = ?1").bind(1, userId).bind(2, toString(role)).run();
    saveUserSites(userId, siteIds);
    transaction.commit();
}

void SqliteHubStorage::disableUser(const std::string& userId, TimeMs now) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    store_.db()
        .prepare("UPDATE hub_users SET disabled_at = ?2 WHERE id = ?1 AND disabled_at IS NULL")
        .bind(1, userId)
        .bind(2, now)
        .run();
    store_.db().prepare("DELETE FROM hub_sessions WHERE user_id = ?1").bind(1, userId).run();
    transaction.commit();
}

void SqliteHubStorage::enableUser(const std::string& userId) {
    std::lock_guard lock(mutex_);
    store_.db().prepare("UPDATE hub_users SET disabled_at = NULL WHERE id = ?1").bind(1, userId).run();
}

NewInvitation SqliteHubStorage::renewInvitation(const std::string& userId, TimeMs now) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    const NewInvitation invitation = insertInvitation(userId, now);
    transaction.commit();
    return invitation;
}

std::optional<Invitation> SqliteHubStorage::invitation(const std::string& token) {
    std::lock_guard lock(mutex_);
    Statement& row = store_.db().prepare("SELECT user_id, expires_at, used_at FROM hub_invitations WHERE token_hash = ?1");
    row.bind(1, sha256Hex(token));
    if (!row.step()) {
        row.reset();
        return std::nullopt;
    }
    Invitation found{row.columnText(0), row.columnInt(1), row.columnOptionalInt(2)};
    row.reset();
    return found;
}

bool SqliteHubStorage::acceptInvitation(const std::string& token, const std::string& passwordHash, TimeMs now,
                                         const std::string& throttleKey) {
    std::lock_guard lock(mutex_);
    Database& db = store_.db();
    Transaction transaction(db);
    // Used once: of two acceptances racing, the second changes no row.
    db.prepare("UPDATE hub_invitations SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2")
        .bind(1, sha256Hex(token))
        .bind(2, now)
        .run();
    if (db.changes() != 1) return false;
    db.prepare("UPDATE hub_users SET password_hash = ?2 "
               "WHERE id = (SELECT user_id FROM hub_invitations WHERE token_hash = ?1) AND disabled_at IS NULL")
        .bind(1, sha256Hex(token))
        .bind(2, passwordHash)
        .run();
    if (db.changes() != 1) return false;
    // A renewed link resets a password: as a password change does, it signs out
    // whoever held the account's sessions; and whoever was locked out can sign in.
    db.prepare("DELETE FROM hub_sessions WHERE user_id = (SELECT user_id FROM hub_invitations WHERE token_hash = ?1)")
        .bind(1, sha256Hex(token))
        .run();
    db.prepare("DELETE FROM hub_login_failures WHERE key = ?1").bind(1, throttleKey).run();
    transaction.commit();
    return true;
}

void SqliteHubStorage::changePassword(const std::string& userId, const std::string& passwordHash,
                                      const std::string& keptSessionToken) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    store_.db().prepare("UPDATE hub_users SET password_hash = ?2 WHERE id = ?1").bind(1, userId).bind(2, passwordHash).run();
    store_.db()
        .prepare("DELETE FROM hub_sessions WHERE user_id = ?1 AND token_hash <> ?2")
        .bind(1, userId)
        .bind(2, sha256Hex(keptSessionToken))
        .run();
    transaction.commit();
}

void SqliteHubStorage::endSessionsOf(const std::string& userId) {
    std::lock_guard lock(mutex_);
    store_.db().prepare("DELETE FROM hub_sessions WHERE user_id = ?1").bind(1, userId).run();
}

}  // namespace cowork::hub
