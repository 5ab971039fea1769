#pragma once
// What a kiosk's screens read from its store: visits at its site, members by id,
// the announcements in force and the messages sent to the animator. (Open
// visits: store/visit_reads.hpp.)
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "store/sqlite_db.hpp"
#include "store/member_reads.hpp"  // loadMember
#include "store/visit_reads.hpp"  // loadOpenVisits

namespace cowork {

// Visits at the site started in [fromMs, toMs), ended or not, oldest first.
std::vector<Visit> loadVisitsStartedBetween(Database& db, const std::string& siteId, TimeMs fromMs, TimeMs toMs);
std::optional<Visit> findOpenVisitOfMember(Database& db, const std::string& siteId, const std::string& memberId);
// The open visit checked in with a code typed offline (not resolved by the hub yet).
std::optional<Visit> findOpenVisitWithCode(Database& db, const std::string& siteId, const std::string& code);

// Announcements for this site or the whole network, valid on `today`, not withdrawn.
std::vector<Announcement> loadCurrentAnnouncements(Database& db, const std::string& siteId, LocalDate today);
// The site's messages to its animator, newest first, with their delivery state.
std::vector<AnimatorMessage> loadRecentMessages(Database& db, const std::string& siteId, int limit);

// The Argon2id hash of the site's shopkeeper PIN (set at the counter or reset by
// the coordinator); nullopt while none is set.
std::optional<std::string> loadShopkeeperPinHash(Database& db, const std::string& siteId);

}  // namespace cowork
