#pragma once
// What the hub needs from its storage, and nothing more, so that a PostgreSQL
// backend can be written for deployments that outgrow one machine. The SQLite
// implementation is sqlite_hub_storage.hpp.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "access/principal.hpp"
#include "storage/figures_log.hpp"
#include "import/network_import.hpp"
#include "storage/console_reads.hpp"
#include "storage/mail_queue.hpp"
#include "store/animation_reads.hpp"
#include "store/store.hpp"
#include "sync/protocol.hpp"

namespace cowork::hub {

constexpr TimeMs kEnrollmentCodeValidityMs = 7 * kDayMs;

struct EnrollmentCode {
    std::string code;  // shown once, stored hashed
    std::string siteId;
    TimeMs expiresAt = 0;
};

struct EnrolledDevice {
    std::string deviceId;
    std::string token;  // shown once, stored hashed
    std::string siteId;
};

// A kiosk coming back under its id (EnrollRequest::deviceId) may take only an
// id the hub does not know, for the site of the code: OtherSite, DeviceKnown
// (an active kiosk's id is never handed to another) and DeviceRevoked (final).
enum class EnrollRefusal { UnknownCode, Expired, AlreadyUsed, OtherSite, DeviceKnown, DeviceRevoked };

struct AuthenticatedDevice {
    std::string deviceId;
    std::string siteId;
};

// What a kiosk tells about itself at each sync, for the coordinator's view.
struct DeviceReport {
    std::string appVersion;
    std::int64_t outboxDepth = 0;
    std::int64_t clockOffsetMs = 0;  // hub time minus device time
    std::vector<SetAsideReport> setAside;  // replaces what the device reported before
    // Events dated by the device's monotonic clock: their own offset, which holds
    // even when the device's wall clock moved between the event and this sync.
    std::map<std::string, std::int64_t> eventOffsetsMs;
    bool updateNeeded = false;  // the kiosk keeps events it cannot read
    std::int64_t offsetFor(const std::string& eventId) const {
        const auto own = eventOffsetsMs.find(eventId);
        return own == eventOffsetsMs.end() ? clockOffsetMs : own->second;
    }
};

struct DeviceStatus {
    std::string deviceId;
    std::string siteId;
    std::string name;
    std::string appVersion;
    TimeMs enrolledAt = 0;
    std::optional<TimeMs> lastSeen;
    std::int64_t outboxDepth = 0;
    std::int64_t clockOffsetMs = 0;
    bool revoked = false;
    std::int64_t setAside = 0;  // events refused by the hub that the kiosk keeps aside
    bool updateNeeded = false;  // the kiosk keeps events of a newer version it cannot read
    // Since the hub started on a backup: active then, but maybe revoked after the
    // backup was taken. Until the coordinator revokes it again or confirms it.
    std::optional<TimeMs> unvouchedSince = std::nullopt;
};

struct ChangesPage {
    std::vector<LoggedEvent> events;
    std::int64_t cursor = 0;  // the last position examined
    bool more = false;
    std::int64_t logEnd = 0;  // the log's last position, in the same snapshot
};

struct RetentionReport {
    int visitsUnlinked = 0;
    int messagesRedacted = 0;  // by the period, not those erased with a forgotten member
    int membersForgotten = 0;
    int auditEntriesDeleted = 0;
    int sessionsDeleted = 0;  // console sessions expired or idle
    int animationSessionsDeleted = 0;  // ended before the pay records' period (3 years)
};

// What the coordinator should look at: an id reused with another content, an
// event stamped in the future of the hub, or an event refused by the hub that a
// kiosk keeps aside.
struct EventAnomaly {
    std::string eventId;
    std::string deviceId;
    TimeMs at = 0;
    std::string kind;       // "conflict", "future_stamp" or "set_aside"
    std::string eventKind;  // set_aside: the event's kind ("visit.started"…)
    std::string reason;     // set_aside: the refusal the kiosk received
    std::string siteId = "";  // the device's site, "" when the device is unknown
};

struct NewSession {
    std::string token;      // the cookie's value, stored hashed
    std::string csrfToken;  // echoed by the console in X-CSRF-Token
};

struct SessionInfo {
    std::string userId;
    std::string csrfToken;
};

constexpr TimeMs kInvitationValidityMs = 7 * kDayMs;
// How exactly a console session's last use is recorded (see touchSession).
constexpr TimeMs kSessionTouchStepMs = kMinuteMs;

// A console account (sqlite_hub_storage_accounts.cpp). An invited account has
// no password until its invitation is accepted; a disabled one cannot sign in.
struct UserAccount {
    std::string id;
    std::string email;  // unique, case aside
    Role role = Role::Elected;
    std::set<std::string> siteIds;  // an animator's sites; empty for the other roles
    bool hasPassword = false;
    TimeMs createdAt = 0;
    std::optional<TimeMs> disabledAt;
    std::optional<std::string> memberId = std::nullopt;  // an animator's own member (their hours)
};

struct NewUser {
    std::string email;
    Role role = Role::Elected;
    std::set<std::string> siteIds;
};

// A one-time link to set one's password: the token is shown once, stored hashed.
struct NewInvitation {
    std::string token;
    TimeMs expiresAt = 0;
};

struct Invitation {
    std::string userId;
    TimeMs expiresAt = 0;
    std::optional<TimeMs> usedAt;
};

// One change made through the console or the admin API (access/audit_log.hpp).
struct AuditEntry {
    std::int64_t id = 0;  // given by the storage, increasing
    TimeMs at = 0;
    std::string userId;
    std::string userEmail;
    std::string action;
    std::string objectType;
    std::string objectId;
    std::string siteId;
    Json before = nullptr;
    Json after = nullptr;
};

// Which entries to list, newest first; an empty string or 0 filters nothing.
struct AuditQuery {
    std::string action;
    std::string userEmail;
    std::string siteId;
    TimeMs from = 0;
    TimeMs to = 0;           // exclusive
    std::int64_t beforeId = 0;  // the next page: entries older than this one
    std::size_t limit = 50;
};

// A member as the console finds and shows them (service/member_data_service.hpp).
struct MemberSummary {
    Member member;
    std::string signUpSiteId;          // the site of the kiosk that registered them, "" if unknown
    std::optional<TimeMs> lastSeen;    // their last visit, on the hub's clock
};

// A visit still linked to its member (older ones are anonymous by design).
struct MemberVisit {
    std::string visitId;
    std::string siteId;
    std::string placeId;
    TimeMs startedAt = 0;  // on the hub's clock
    std::optional<TimeMs> endedAt;
    std::string endedHow;  // "" while open
};

class HubStorage {
public:
    virtual ~HubStorage() = default;

    // The history the log positions belong to. A hub whose log went back (a
    // restored backup) starts a new epoch: kiosks then take its changes from the
    // start and push again what they still keep.
    virtual std::string epoch() = 0;
    // A new epoch, whatever the current one (`cowork-hub new-epoch`).
    virtual std::string startNewEpoch(TimeMs now) = 0;
    // A new epoch only if `stale` is still the current one; returns the epoch in
    // force afterwards, so that kiosks finding the same gap start one epoch, not two.
    virtual std::string replaceEpoch(const std::string& stale, TimeMs now) = 0;
    // A backup made by `cowork-hub backup` carries a mark asking for a new epoch:
    // starts it, marks every active device as one the hub cannot vouch for (it
    // may have been revoked after the backup) and clears the mark, in one
    // transaction. nullopt without a mark.
    virtual std::optional<std::string> startEpochIfRestored(TimeMs now) = 0;
    // The highest log position ever given. Unlike the last event's, it never goes
    // back when events are deleted; it goes back only when the file does.
    virtual std::int64_t logEnd() = 0;
    virtual NetworkImportReport importNetwork(const NetworkFile& network, TimeMs now) = 0;
    virtual bool siteExists(const std::string& siteId) = 0;

    virtual EnrollmentCode createEnrollmentCode(const std::string& siteId, TimeMs now) = 0;
    virtual std::variant<EnrolledDevice, EnrollRefusal> enroll(const EnrollRequest& request, TimeMs now) = 0;
    virtual std::optional<AuthenticatedDevice> authenticate(const std::string& token) = 0;
    // Revoking clears the doubt of a restore too (unvouchedSince).
    virtual bool revokeDevice(const std::string& deviceId, TimeMs now) = 0;
    // The coordinator vouches for a device the restored hub doubted; false if unknown.
    virtual bool confirmDevice(const std::string& deviceId) = 0;
    virtual std::vector<DeviceStatus> devices() = 0;
    virtual int devicesSeenSince(TimeMs since) = 0;

    // All or nothing, with the device's report (its set-aside list replacing the
    // last one) and the hub's answers: a "sent" receipt for each new message, a
    // VisitMemberResolved for each new visit started with a member code instead of
    // a member. An event already held keeps the stamp it was logged with (the
    // hub re-dates kiosks' stamps: a resend's differs). Throws EventConflictError
    // (and logs the conflict) when an id arrives again with a different content.
    // A `staleEpoch` (a kiosk's cursor past the log's end) is replaced as
    // replaceEpoch does, in the same transaction: a refused batch renews nothing.
    virtual std::vector<ApplyOutcome> applyBatch(const AuthenticatedDevice& device, const std::vector<Event>& events,
                                                 const DeviceReport& report, const std::set<std::string>& futureIds,
                                                 const std::string& staleEpoch, TimeMs now) = 0;
    // Events of the given kinds after the cursor; the page's cursor covers every
    // event examined, of those kinds or not. The caller checks the cursor against
    // logEnd() first.
    virtual ChangesPage changesAfter(std::int64_t cursor, std::size_t limit, const std::vector<std::string>& kinds) = 0;
    virtual std::vector<SiteAvailability> availability(TimeMs now) = 0;
    virtual std::int64_t eventCount() = 0;

    // The coordinator's changes: events made and recorded by the hub itself, as
    // one action.
    virtual std::vector<Event> recordHubEvents(const std::vector<EventPayload>& payloads, TimeMs now) = 0;
    virtual std::vector<Site> sites() = 0;
    virtual std::vector<Place> places(const std::string& siteId) = 0;
    virtual std::vector<Visit> openVisits(const std::string& siteId) = 0;
    virtual bool announcementExists(const std::string& announcementId) = 0;
    virtual std::vector<EventAnomaly> eventAnomalies(std::size_t limit) = 0;  // newest first

    // Console sessions (tokens stored hashed) and failed-login counts. A session
    // ends at expiresAt, or after `idleMs` without a request, whichever is first.
    virtual NewSession createSession(const std::string& userId, TimeMs now, TimeMs expiresAt) = 0;
    // The session's account and CSRF token, its idle clock restarted at `now`
    // (recorded when the last record is kSessionTouchStepMs old or more);
    // nullopt when unknown, expired or idle since `idleSince`.
    virtual std::optional<SessionInfo> touchSession(const std::string& token, TimeMs now, TimeMs idleSince) = 0;
    virtual void endSession(const std::string& token) = 0;
    // Deletes the sessions expired at `now` or idle since `idleSince` (their rows
    // hold an e-mail and a CSRF token); returns how many.
    virtual int deleteEndedSessions(TimeMs now, TimeMs idleSince) = 0;
    // When the key's failures after `since` were recorded: newest first, at most `limit`.
    virtual std::vector<TimeMs> latestLoginFailures(const std::string& key, TimeMs since, int limit) = 0;
    virtual void recordLoginFailure(const std::vector<std::string>& keys, TimeMs now) = 0;
    virtual void clearLoginFailures(const std::string& key) = 0;

    virtual std::optional<std::string> setting(const std::string& key) = 0;
    virtual void saveSetting(const std::string& key, const std::string& value) = 0;

    // The network's figures (sqlite_hub_storage_figures.cpp): what the log says
    // of the visits that may start in [from, to) and of the configuration until
    // `to`, with the members' current commune and employer and the kiosks' sync
    // slots of those days.
    virtual FiguresLog figuresLog(TimeMs from, TimeMs to) = 0;
    // Fills the storage's copy of the log's visit events (figures_visit_cache.hpp)
    // by at most `maxEvents`; true once complete. Off the request threads, so the
    // first figures after a start do not read the whole log under the lock.
    virtual bool fillFiguresCopy(std::int64_t maxEvents) = 0;
    // Sync slots of days before `beforeDay` (daysFromCivil) go; returns how many rows.
    virtual int pruneSyncSlots(long beforeDay) = 0;
    // The people counts frozen for these months ("2026-05"), with each month's marker.
    virtual std::vector<FrozenFigure> frozenFigures(const std::vector<std::string>& months) = 0;
    // Replaces the month's frozen counts, in one transaction.
    virtual void saveFrozenFigures(const std::string& month, const std::vector<FrozenFigure>& figures) = 0;

    // Personal data rules: visits started before `unlinkBefore` lose their
    // member, and messages written before it their sender's name, contact and
    // text (in the projection and in the log); members not seen since
    // `forgetNotSeenSince` are deleted everywhere, with their messages' contents.
    virtual RetentionReport applyRetention(TimeMs unlinkBefore, TimeMs forgetNotSeenSince, TimeMs now) = 0;

    // Adds or replaces a coordinator account (password already hashed).
    virtual void saveCoordinator(const std::string& email, const std::string& passwordHash, TimeMs now) = 0;
    virtual std::optional<std::string> coordinatorPasswordHash(const std::string& email) = 0;

    // Console accounts (in sqlite_hub_storage_accounts.cpp). Each change is one
    // transaction; a change that disables an account ends its sessions with it.
    virtual std::vector<UserAccount> users() = 0;
    virtual std::optional<UserAccount> user(const std::string& userId) = 0;
    virtual std::optional<UserAccount> userWithEmail(const std::string& email) = 0;  // case aside
    virtual std::optional<std::string> passwordHashOf(const std::string& userId) = 0;
    // Adds or replaces (role, sites, password) the account with this e-mail; returns its id.
    virtual std::string saveUser(const NewUser& user, const std::string& passwordHash, TimeMs now) = 0;
    // The account and its first invitation; nullopt (nothing written) when the e-mail is taken.
    virtual std::optional<std::pair<UserAccount, NewInvitation>> inviteUser(const NewUser& user, TimeMs now) = 0;
    virtual void updateUser(const std::string& userId, Role role, const std::set<std::string>& siteIds) = 0;
    virtual void disableUser(const std::string& userId, TimeMs now) = 0;
    virtual void enableUser(const std::string& userId) = 0;
    // A new link; the account's earlier ones stop working.
    virtual NewInvitation renewInvitation(const std::string& userId, TimeMs now) = 0;
    virtual std::optional<Invitation> invitation(const std::string& token) = 0;
    // Sets the password and uses the invitation, if still unused, ends the account's
    // sessions and clears its failed logins (`throttleKey`); false (nothing written) otherwise.
    virtual bool acceptInvitation(const std::string& token, const std::string& passwordHash, TimeMs now,
                                  const std::string& throttleKey) = 0;
    // Sets the password and ends every session of the account but `keptSessionToken`'s.
    virtual void changePassword(const std::string& userId, const std::string& passwordHash,
                                const std::string& keptSessionToken) = 0;
    virtual void endSessionsOf(const std::string& userId) = 0;
    // Links a console account to a member (nullopt: unlinks it).
    virtual void linkUserToMember(const std::string& userId, const std::optional<std::string>& memberId) = 0;

    // Animators and their sessions (in sqlite_hub_storage_animation.cpp), as
    // folded from the log (store/animation_reads.hpp).
    virtual std::vector<AnimatorSites> animators() = 0;
    virtual std::optional<AnimationSession> animationSession(const std::string& sessionId) = 0;
    virtual std::optional<std::string> siteOfAnimation(const std::string& sessionId) = 0;
    // Sessions overlapping [from, to), of one member or of all (memberId empty).
    virtual std::vector<AnimationSession> animationSessions(TimeMs from, TimeMs to, const std::string& memberId) = 0;
    // Pay records' end: sessions whose counted end is before `before` leave the
    // log and the projection, in one transaction; returns how many.
    virtual int deleteAnimationSessionsEndedBefore(TimeMs before) = 0;

    // Where a visit or place belongs, to check a kiosk writes only for its site.
    virtual std::optional<std::string> siteOfVisit(const std::string& visitId) = 0;
    virtual std::optional<std::string> siteOfPlace(const std::string& placeId) = 0;
    virtual std::optional<std::string> siteOfMessage(const std::string& messageId) = 0;
    virtual std::optional<std::string> memberIdWithCode(const std::string& code) = 0;
    // The id of the event that registered this member, if any.
    virtual std::optional<std::string> registrationOfMember(const std::string& memberId) = 0;

    // Emailing kiosk messages to animators (mail/mail_worker.hpp). The hub marks
    // a message "sent" in the batch that brings it; these move it to "delivered".
    // Messages not delivered and due for an attempt at `now`, oldest first.
    virtual std::vector<MailToSend> mailDue(TimeMs now, std::size_t limit) = 0;
    virtual void recordMailFailure(const std::string& messageId, const std::string& error, TimeMs now,
                                   TimeMs retryAt) = 0;
    // Records the "delivered" event with the attempt, in one transaction; false
    // (and nothing written) when the message was delivered already.
    virtual bool recordMailDelivered(const std::string& messageId, TimeMs now) = 0;
    virtual std::vector<UndeliveredMail> undeliveredMail() = 0;

    // The audit log (in sqlite_hub_storage_audit.cpp). Returns the entry's id.
    virtual std::int64_t appendAudit(const AuditEntry& entry) = 0;
    virtual std::vector<AuditEntry> auditEntries(const AuditQuery& query) = 0;
    // Entries are kept 12 months; returns how many went.
    virtual int deleteAuditBefore(TimeMs before) = 0;

    // Members' data for the coordinator (in sqlite_hub_storage_members.cpp).
    virtual std::vector<MemberSummary> memberSummaries() = 0;
    virtual std::optional<MemberSummary> memberSummary(const std::string& memberId) = 0;
    virtual std::optional<std::string> codeOfMember(const std::string& memberId) = 0;
    virtual std::vector<MemberVisit> linkedVisitsOf(const std::string& memberId) = 0;
    // Messages to animators whose contact is one of these (a member's e-mail or phone).
    virtual std::vector<AnimatorMessage> messagesWithContact(const std::vector<std::string>& contacts) = 0;
    // The communes sign-up offers: the network file's list and every site's commune.
    virtual std::vector<std::string> signUpCommunes() = 0;
    // Right to erasure: records member.forgotten and applies it to the log and the
    // projections at once, in one transaction; false (nothing done) if unknown.
    virtual bool forgetMember(const std::string& memberId, TimeMs now) = 0;

    // The console's views (in sqlite_hub_storage_console.cpp).
    virtual NetworkSnapshot networkSnapshot() = 0;
    virtual std::vector<DayVisit> visitsStartedBetween(const std::string& siteId, TimeMs from, TimeMs to) = 0;
    virtual std::vector<ListedAnnouncement> listAnnouncements() = 0;  // newest first
    // Newest first; every site when siteIds is empty.
    virtual std::vector<ConsoleMessage> messages(const std::set<std::string>& siteIds, std::size_t limit) = 0;
    virtual std::optional<ConsoleMessage> message(const std::string& messageId) = 0;
    // The next emailing attempt is due at `now` (the mail worker takes it at its next round).
    virtual void retryMessageNow(const std::string& messageId, TimeMs now) = 0;
    // Someone took care of it; the first time is kept.
    virtual void markMessageHandled(const std::string& messageId, TimeMs now) = 0;
};

}  // namespace cowork::hub
