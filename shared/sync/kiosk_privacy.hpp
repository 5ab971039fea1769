#pragma once
// A kiosk holds no more than the hub does: the link between a visit and its
// member, and a message's sender's name, contact and text, go after the hub's
// period (said in every sync answer; 3 months until a hub says), by this kiosk's
// clock (the hub-corrected one); a member the hub forgot leaves the log, and so
// do the contents of the messages the hub erased with them. Applied at each sync, at start and every minute, so
// that a kiosk left offline keeps nothing longer either.
#include <optional>

#include "store/store.hpp"

namespace cowork {

// The link period the hub last said, in months.
int kioskVisitLinkMonths(Database& db);
// Keeps the period a sync answer said; an answer without one (an older hub)
// leaves the period as it was.
void keepVisitLinkMonths(Database& db, std::optional<int> months);

// Inside the caller's transaction. Visits started before the period lose their
// member; so do the hub's answers about visits this kiosk does not hold (another
// kiosk's of the site), which it has no use for; messages written before it
// are redacted. With `forgotten`, forgotten members' registrations and links,
// and the messages the hub erased, leave the log too (a full pass: after a sync
// that brought a forgetting or an erased message, and at start).
void applyPrivacyRules(Database& db, TimeMs now, bool forgotten);
// The same in its own transaction, written only when there is something to do.
void applyPrivacyRules(Store& store, TimeMs now, bool forgotten);

}  // namespace cowork
