// SqliteHubStorage: animators and their sessions, read from the projections the
// log folds into (store/animation_reads.hpp), and the link from an animator's
// console account to their member.
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {

std::vector<AnimatorSites> SqliteHubStorage::animators() {
    std::lock_guard lock(mutex_);
    return loadAnimators(store_.db());
}

std::optional<AnimationSession> SqliteHubStorage::animationSession(const std::string& sessionId) {
    std::lock_guard lock(mutex_);
    return loadAnimationSession(store_.db(), sessionId);
}

std::optional<std::string> SqliteHubStorage::siteOfAnimation(const std::string& sessionId) {
    const auto reader = readers_.lease();
    return cowork::siteOfAnimation(reader.db(), sessionId);
}

std::vector<AnimationSession> SqliteHubStorage::animationSessions(TimeMs from, TimeMs to, const std::string& memberId) {
    std::lock_guard lock(mutex_);
    return loadAnimationSessions(store_.db(), from, to, memberId);
}

// The events go with the rows, or a replay would bring them back. The hub's
// copy only: a kiosk keeps its own sessions' events (member ids and times, no
// name) in its log; a kiosk pushing one again after a new epoch brings it back
// until the next pass.
int SqliteHubStorage::deleteAnimationSessionsEndedBefore(TimeMs before) {
    std::lock_guard lock(mutex_);
    Database& db = store_.db();
    Transaction transaction(db);
    constexpr const char* kEnded =
        "SELECT id FROM animation_sessions WHERE coalesce(corrected_end, ended_at) < ?1";
    db.prepare(std::string("DELETE FROM events WHERE kind IN ('animation.started', 'animation.ended', 'animation.corrected') "
                           "AND json_extract(payload, '$.session_id') IN (") + kEnded + ")")
        .bind(1, before)
        .run();
    db.prepare("DELETE FROM animation_sessions WHERE coalesce(corrected_end, ended_at) < ?1").bind(1, before).run();
    const int deleted = static_cast<int>(db.changes());
    transaction.commit();
    return deleted;
}

void SqliteHubStorage::linkUserToMember(const std::string& userId, const std::optional<std::string>& memberId) {
    std::lock_guard lock(mutex_);
    store_.db().prepare("UPDATE hub_users SET member_id = ?2 WHERE id = ?1").bind(1, userId).bind(2, memberId).run();
}

}  // namespace cowork::hub
