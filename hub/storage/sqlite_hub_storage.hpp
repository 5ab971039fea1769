#pragma once
#include <chrono>
#include <map>
#include <mutex>

#include "storage/figures_visit_cache.hpp"
#include "storage/hub_storage.hpp"
#include "storage/reader_pool.hpp"
#include "storage/wal_checkpointer.hpp"
#include "support/periodic_thread.hpp"

namespace cowork::hub {

// The hub's storage in one SQLite file (DIR/hub.db): the core store's event log
// and projections, and the hub's own tables. One connection writes, behind one
// mutex (SQLite serialises writers anyway); others read for the syncs.
class SqliteHubStorage final : public HubStorage {
public:
    // `reportWriteInterval`: how often the kiosks' held reports are written
    // (tests that look at them held give a long one).
    explicit SqliteHubStorage(const std::string& databasePath,
                              std::chrono::milliseconds reportWriteInterval = std::chrono::seconds(1));
    ~SqliteHubStorage() override;  // writes the reports it holds

    // In sqlite_hub_storage_reports.cpp. Writes now the kiosks' reports held in
    // memory (done every second, and before anything reads them; tests reading
    // the file through another connection call it first).
    void writeHeldReports();

    // In sqlite_hub_storage_epoch.cpp.
    std::string epoch() override;
    std::string startNewEpoch(TimeMs now) override;
    std::string replaceEpoch(const std::string& stale, TimeMs now) override;
    std::optional<std::string> startEpochIfRestored(TimeMs now) override;
    std::int64_t logEnd() override;

    NetworkImportReport importNetwork(const NetworkFile& network, TimeMs now) override;
    bool siteExists(const std::string& siteId) override;

    EnrollmentCode createEnrollmentCode(const std::string& siteId, TimeMs now) override;
    std::variant<EnrolledDevice, EnrollRefusal> enroll(const EnrollRequest& request, TimeMs now) override;
    std::optional<AuthenticatedDevice> authenticate(const std::string& token) override;
    bool revokeDevice(const std::string& deviceId, TimeMs now) override;
    bool confirmDevice(const std::string& deviceId) override;
    std::vector<DeviceStatus> devices() override;
    int devicesSeenSince(TimeMs since) override;

    std::vector<ApplyOutcome> applyBatch(const AuthenticatedDevice& device, const std::vector<Event>& events,
                                         const DeviceReport& report, const std::set<std::string>& futureIds,
                                         const std::string& staleEpoch, TimeMs now) override;
    ChangesPage changesAfter(std::int64_t cursor, std::size_t limit, const std::vector<std::string>& kinds) override;
    std::vector<SiteAvailability> availability(TimeMs now) override;
    std::int64_t eventCount() override;

    std::vector<Event> recordHubEvents(const std::vector<EventPayload>& payloads, TimeMs now) override;
    std::vector<Site> sites() override;
    std::vector<Place> places(const std::string& siteId) override;
    std::vector<Visit> openVisits(const std::string& siteId) override;
    bool announcementExists(const std::string& announcementId) override;
    std::vector<EventAnomaly> eventAnomalies(std::size_t limit) override;

    NewSession createSession(const std::string& userId, TimeMs now, TimeMs expiresAt) override;
    std::optional<SessionInfo> touchSession(const std::string& token, TimeMs now, TimeMs idleSince) override;
    void endSession(const std::string& token) override;
    int deleteEndedSessions(TimeMs now, TimeMs idleSince) override;
    std::vector<TimeMs> latestLoginFailures(const std::string& key, TimeMs since, int limit) override;
    void recordLoginFailure(const std::vector<std::string>& keys, TimeMs now) override;
    void clearLoginFailures(const std::string& key) override;

    std::optional<std::string> setting(const std::string& key) override;
    void saveSetting(const std::string& key, const std::string& value) override;

    FiguresLog figuresLog(TimeMs from, TimeMs to) override;
    bool fillFiguresCopy(std::int64_t maxEvents) override;
    std::size_t figuresCopyVisits();  // tests: how many visits the copy holds
    int pruneSyncSlots(long beforeDay) override;
    std::vector<FrozenFigure> frozenFigures(const std::vector<std::string>& months) override;
    void saveFrozenFigures(const std::string& month, const std::vector<FrozenFigure>& figures) override;
    RetentionReport applyRetention(TimeMs unlinkBefore, TimeMs forgetNotSeenSince, TimeMs now) override;

    void saveCoordinator(const std::string& email, const std::string& passwordHash, TimeMs now) override;
    std::optional<std::string> coordinatorPasswordHash(const std::string& email) override;

    // In sqlite_hub_storage_accounts.cpp.
    std::vector<UserAccount> users() override;
    std::optional<UserAccount> user(const std::string& userId) override;
    std::optional<UserAccount> userWithEmail(const std::string& email) override;
    std::optional<std::string> passwordHashOf(const std::string& userId) override;
    std::string saveUser(const NewUser& user, const std::string& passwordHash, TimeMs now) override;
    std::optional<std::pair<UserAccount, NewInvitation>> inviteUser(const NewUser& user, TimeMs now) override;
    void updateUser(const std::string& userId, Role role, const std::set<std::string>& siteIds) override;
    void disableUser(const std::string& userId, TimeMs now) override;
    void enableUser(const std::string& userId) override;
    NewInvitation renewInvitation(const std::string& userId, TimeMs now) override;
    std::optional<Invitation> invitation(const std::string& token) override;
    bool acceptInvitation(const std::string& token, const std::string& passwordHash, TimeMs now,
                          const std::string& throttleKey) override;
    void changePassword(const std::string& userId, const std::string& passwordHash, const std::string& keptSessionToken) override;
    void endSessionsOf(const std::string& userId) override;
    void linkUserToMember(const std::string& userId, const std::optional<std::string>& memberId) override;

    // In sqlite_hub_storage_animation.cpp.
    std::vector<AnimatorSites> animators() override;
    std::optional<AnimationSession> animationSession(const std::string& sessionId) override;
    std::optional<std::string> siteOfAnimation(const std::string& sessionId) override;
    std::vector<AnimationSession> animationSessions(TimeMs from, TimeMs to, const std::string& memberId) override;
    int deleteAnimationSessionsEndedBefore(TimeMs before) override;

    std::optional<std::string> siteOfVisit(const std::string& visitId) override;
    std::optional<std::string> siteOfPlace(const std::string& placeId) override;
    std::optional<std::string> siteOfMessage(const std::string& messageId) override;
    std::optional<std::string> memberIdWithCode(const std::string& code) override;
    std::optional<std::string> registrationOfMember(const std::string& memberId) override;

    // In sqlite_hub_storage_mail.cpp.
    std::vector<MailToSend> mailDue(TimeMs now, std::size_t limit) override;
    void recordMailFailure(const std::string& messageId, const std::string& error, TimeMs now, TimeMs retryAt) override;
    bool recordMailDelivered(const std::string& messageId, TimeMs now) override;
    std::vector<UndeliveredMail> undeliveredMail() override;

    // In sqlite_hub_storage_audit.cpp.
    std::int64_t appendAudit(const AuditEntry& entry) override;
    std::vector<AuditEntry> auditEntries(const AuditQuery& query) override;
    int deleteAuditBefore(TimeMs before) override;
    // In sqlite_hub_storage_members.cpp.
    std::vector<MemberSummary> memberSummaries() override;
    std::optional<MemberSummary> memberSummary(const std::string& memberId) override;
    std::optional<std::string> codeOfMember(const std::string& memberId) override;
    std::vector<MemberVisit> linkedVisitsOf(const std::string& memberId) override;
    std::vector<AnimatorMessage> messagesWithContact(const std::vector<std::string>& contacts) override;
    std::vector<std::string> signUpCommunes() override;
    bool forgetMember(const std::string& memberId, TimeMs now) override;

    // In sqlite_hub_storage_console.cpp.
    NetworkSnapshot networkSnapshot() override;
    std::vector<DayVisit> visitsStartedBetween(const std::string& siteId, TimeMs from, TimeMs to) override;
    std::vector<ListedAnnouncement> listAnnouncements() override;
    std::vector<ConsoleMessage> messages(const std::set<std::string>& siteIds, std::size_t limit) override;
    std::optional<ConsoleMessage> message(const std::string& messageId) override;
    void retryMessageNow(const std::string& messageId, TimeMs now) override;
    void markMessageHandled(const std::string& messageId, TimeMs now) override;

private:
    // A returning kiosk's id: refused, or the id to enroll it under.
    std::variant<std::string, EnrollRefusal> deviceIdFor(const EnrollRequest& request, const std::string& codeSite, TimeMs now);
    void logConflict(const std::string& eventId, const std::string& deviceId, const std::vector<Event>& batch, TimeMs now);
    // In sqlite_hub_storage_availability.cpp, under availabilityMutex_.
    struct AvailabilityConfiguration {
        std::int64_t seq = -1;  // the last configuration event's, when read
        std::vector<Site> sites;
        std::map<std::string, int> placesInService;  // by site
        std::map<std::string, SiteOverride> overrides;
    };
    const AvailabilityConfiguration& availabilityConfiguration(Database& db);
    std::map<std::string, TimeMs> lastSeenBySite(Database& db, const std::vector<Site>& sites);
    void saveSetAside(Database& db, const std::string& deviceId, const DeviceReport& report, TimeMs now);
    // The hub's "sent" receipts for the messages a batch brings for the first time.
    std::vector<Event> sentReceipts(const std::vector<Event>& batch, TimeMs now);
    // Who each visit the batch starts with an unknown member code belongs to
    // (in sqlite_hub_storage_resolutions.cpp).
    std::vector<Event> memberResolutions(const std::vector<Event>& batch, TimeMs now);
    // Visits resolved to nobody whose code the batch registers, within the link period.
    std::vector<Event> lateResolutions(const std::vector<Event>& batch, TimeMs linkedSince, TimeMs now);
    // The batch without what the hub removed for privacy and a kiosk sent again
    // (in sqlite_hub_storage_privacy.cpp).
    std::vector<Event> withoutRemovedPersonalData(const std::vector<Event>& batch);
    // A `message.redacted` for each message giving this member's e-mail or phone,
    // as registered or corrected: read before the member's events leave the log.
    std::vector<Event> messageErasuresOf(const std::string& memberId, TimeMs now);
    // Redacted messages keep no error of their attempts.
    static void emptyRedactedMailErrors(Database& db);
    // The batch with the stamps the hub logged for the events it already holds.
    std::vector<Event> withLoggedStamps(const std::vector<Event>& batch);
    // Accounts' work, inside the caller's lock (and transaction).
    std::vector<UserAccount> loadUsers(const std::string& userId, const std::string& email);
    void saveUserSites(const std::string& userId, const std::set<std::string>& siteIds);
    NewInvitation insertInvitation(const std::string& userId, TimeMs now);
    // replaceEpoch's work, inside the caller's lock and transaction.
    std::string renewEpoch(const std::string& stale, TimeMs now);

    // A sync that brings no event leaves only its kiosk's report: last seen,
    // version, outbox depth, clock offset, set-aside list and the 15-minute sync
    // slots (nine syncs in ten). Held here and written for all kiosks in one
    // transaction a second, not one each: at thousands of syncs a second that
    // transaction was the hub's largest cost. A crash loses at most a second of
    // reports, which every kiosk sends again at its next sync.
    // Invariant: the held reports are newer than what the file says, and every
    // reader of hub_devices' report columns (last_seen, app_version,
    // outbox_depth, clock_offset_ms, update_needed), hub_set_aside or
    // hub_figures_sync takes lockWithReportsWritten(), or reads the held reports
    // too (availability, at every check-in, where a write would cost most).
    struct HeldReport {
        AuthenticatedDevice device;
        DeviceReport report;
        // Held about a second (longer only while writes fail): the first and
        // the last sync's quarter-hours then cover every one in between.
        TimeMs firstSyncAt = 0;
        TimeMs lastSyncAt = 0;
    };
    void holdReport(const AuthenticatedDevice& device, const DeviceReport& report, TimeMs now);
    void writeReport(Database& db, const AuthenticatedDevice& device, const DeviceReport& report, TimeMs now);
    // The held reports taken out for one write transaction: put back, when
    // destroyed, unless it committed. Syncs hold new reports meanwhile.
    class TakenReports {
    public:
        explicit TakenReports(SqliteHubStorage& storage);  // every kiosk's
        TakenReports(SqliteHubStorage& storage, const std::string& deviceId);  // this kiosk's, if held
        ~TakenReports();
        TakenReports(const TakenReports&) = delete;
        TakenReports& operator=(const TakenReports&) = delete;
        bool empty() const { return reports_.empty(); }
        void write(Database& db) const;  // inside the transaction
        void committed();

    private:
        SqliteHubStorage& storage_;
        std::map<std::string, HeldReport> reports_;
        bool everyKiosk_ = false;
        bool committed_ = false;
    };
    std::unique_lock<std::mutex> lockWithReportsWritten();

    std::mutex mutex_;  // the writer: store_, figuresVisits_
    Store store_;
    WalCheckpointer checkpointer_;  // after store_, which creates the file
    // The log's visit events pre-parsed for the figures; checked after every
    // change that may rewrite them (retention, erasure, a sync).
    FiguresVisitCache figuresVisits_;
    // The reads a sync makes (its token, the log's end, its changes, places and
    // visits it names, availability) go through connections of their own: in
    // WAL mode they then run beside the writer instead of queueing behind
    // another kiosk's commit and its fsync.
    ReaderPool readers_;  // after store_, which migrates the file
    std::mutex availabilityMutex_;
    AvailabilityConfiguration availabilityConfiguration_;
    // Taken alone, or last: never held while waiting for another lock.
    std::mutex reportsMutex_;
    std::map<std::string, HeldReport> heldReports_;  // by device id
    std::map<std::string, TimeMs> heldLastSeenBySite_;  // the latest sync of a report not yet in the file, by site
    PeriodicThread reportWriter_;  // last: writes what the members above hold
};

// An event that came back with another content, as hub_conflicts keeps it:
// without anyone's personal data (in sqlite_hub_storage_privacy.cpp).
std::string conflictRecord(const Event& event);

// Marks the 15-minute slot of `now` as one in which the device synced (in
// sqlite_hub_storage_figures.cpp), inside the sync's transaction.
void recordSyncSlot(Database& db, const std::string& deviceId, const std::string& siteId, TimeMs now);

}  // namespace cowork::hub
