#pragma once
// Animators and their sessions as the projections hold them (store/projector.cpp):
// what a kiosk needs to let an animator start and end a session, and what the
// hub's console lists.
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

struct AnimatorSites {
    std::string memberId;
    std::vector<std::string> siteIds;  // empty: no longer an animator
};

// Every designation, by member id (withdrawn ones too, with no sites).
std::vector<AnimatorSites> loadAnimators(Database& db);
bool isAnimatorOf(Database& db, const std::string& memberId, const std::string& siteId);

// Sessions started and not ended at a site, oldest first.
std::vector<AnimationSession> loadOpenAnimations(Database& db, const std::string& siteId);
std::optional<AnimationSession> findOpenAnimationOf(Database& db, const std::string& siteId, const std::string& memberId);
std::optional<AnimationSession> loadAnimationSession(Database& db, const std::string& sessionId);
std::optional<std::string> siteOfAnimation(Database& db, const std::string& sessionId);

// Sessions whose counted time (start(), as corrected) overlaps [fromMs, toMs),
// of one member or of everyone (memberId empty), oldest first. Open ones too.
std::vector<AnimationSession> loadAnimationSessions(Database& db, TimeMs fromMs, TimeMs toMs, const std::string& memberId = "");

}  // namespace cowork
