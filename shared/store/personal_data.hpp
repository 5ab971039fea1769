#pragma once
// The personal-data rules as a store applies them, on a kiosk as on the hub.
// Both rewrite the log as well as the projections, or a replay would bring the
// data back. Call them inside the caller's transaction.
//
// Invariants, once they ran:
//   - an unlinked visit names no member, by id or by typed code, in `visits`,
//     `visit_resolutions`, its `visit.started` or any `visit.member_resolved`;
//   - the log holds no `member.registered` of a member listed in
//     `forgotten_members`, and no visit event names such a member or the code of
//     a visit resolved to them. Their id stays only in that list and in the
//     `member.forgotten` event: it refuses the registration if it comes back;
//   - a redacted message keeps no sender's name, contact or text, in `messages`
//     or in its `message.sent`: only its id, site, time and delivery state.
#include <cstdint>
#include <string>
#include <vector>

#include "events/event.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

// Removes these visits' links; returns how many visits still named someone.
std::int64_t unlinkVisits(Database& db, const std::vector<std::string>& visitIds);

// Deletes forgotten members' registrations and corrections from the log (and
// from the outbox: never sent now) and their links from the visit events.
void eraseForgottenMembers(Database& db);

bool isForgottenMember(Database& db, const std::string& memberId);

// Empties these messages' sender's name, contact and text, in the log and in
// the projection; returns how many still held something.
std::int64_t redactMessages(Database& db, const std::vector<std::string>& messageIds);
// Redacts the messages the hub's `message.redacted` events name, where they still hold something.
void redactErasedMessages(Database& db);
// Whether a `message.redacted` names this message.
bool isErasedMessage(Database& db, const std::string& messageId);

// A contact as typed, compared: case, spaces, dots and dashes aside
// ("06 48 27 19 53" is "0648271953"). An SQL expression of `column`.
std::string comparableContactSql(const std::string& column);

// The event as the log keeps it once its visit lost its member: no member id,
// no typed code. Other kinds are returned as they are.
Event withoutMemberLink(Event event);
// The event as the log keeps it once its message was redacted. Other kinds are returned as they are.
Event withoutMessageContent(Event event);
// The visit a start or a resolution is about.
std::optional<std::string> visitOfLinkEvent(const Event& event);

}  // namespace cowork
