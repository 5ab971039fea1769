#include "store/projector.hpp"

#include "events/overloaded.hpp"

#include "events/entity_codec.hpp"
#include "events/event_codec.hpp"
#include "store/personal_data.hpp"

namespace cowork {
namespace {

// Last-writer-wins upsert of (key, value columns…, stamp, event_id): a row is
// replaced only by a write with a higher (stamp, event_id).
constexpr const char* kUpsertSite =
    "INSERT INTO sites(id, config, stamp, event_id) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(id) DO UPDATE SET config = excluded.config, stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (sites.stamp, sites.event_id)";
constexpr const char* kUpsertOverride =
    "INSERT INTO site_overrides(site_id, value, reason, stamp, event_id) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(site_id) DO UPDATE SET value = excluded.value, reason = excluded.reason, stamp = excluded.stamp, "
    "event_id = excluded.event_id WHERE (excluded.stamp, excluded.event_id) > (site_overrides.stamp, site_overrides.event_id)";
constexpr const char* kUpsertPlace =
    "INSERT INTO places(id, site_id, label, stamp, event_id) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(id) DO UPDATE SET site_id = excluded.site_id, label = excluded.label, stamp = excluded.stamp, "
    "event_id = excluded.event_id WHERE (excluded.stamp, excluded.event_id) > (places.stamp, places.event_id)";
constexpr const char* kUpsertPlaceService =
    "INSERT INTO place_service(place_id, in_service, reason, stamp, event_id) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(place_id) DO UPDATE SET in_service = excluded.in_service, reason = excluded.reason, "
    "stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (place_service.stamp, place_service.event_id)";
constexpr const char* kUpsertMember =
    "INSERT INTO members(id, code, first_name, email, phone, employer, commune, consent_at, stamp, event_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT(id) DO UPDATE SET code = excluded.code, first_name = excluded.first_name, email = excluded.email, "
    "phone = excluded.phone, employer = excluded.employer, commune = excluded.commune, consent_at = excluded.consent_at, "
    "stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (members.stamp, members.event_id)";
constexpr const char* kUpsertCorrection =
    "INSERT INTO member_corrections(member_id, first_name, email, phone, employer, commune, stamp, event_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(member_id) DO UPDATE SET first_name = excluded.first_name, email = excluded.email, "
    "phone = excluded.phone, employer = excluded.employer, commune = excluded.commune, stamp = excluded.stamp, "
    "event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (member_corrections.stamp, member_corrections.event_id)";
// The member's details are the newest of their registration and their last
// correction: whichever arrives last, the same row results. The registration
// keeps its (stamp, event_id) in `members` (the kiosk finds its own
// registration by it).
constexpr const char* kApplyCorrection =
    "UPDATE members SET first_name = c.first_name, email = c.email, phone = c.phone, employer = c.employer, "
    "commune = c.commune FROM member_corrections c "
    "WHERE members.id = ?1 AND c.member_id = members.id AND (c.stamp, c.event_id) > (members.stamp, members.event_id)";
// A kiosk's directory of members signed up elsewhere shows the corrected name too.
constexpr const char* kCorrectDirectory =
    "UPDATE member_directory SET first_name = (SELECT first_name FROM members WHERE id = ?1) "
    "WHERE member_id = ?1 AND EXISTS (SELECT 1 FROM members WHERE id = ?1)";
constexpr const char* kVisitStart =
    "INSERT INTO visits(id, site_id, place_id, member_id, started_at, start_event, member_code) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT(id) DO UPDATE SET site_id = excluded.site_id, place_id = excluded.place_id, "
    "member_id = excluded.member_id, started_at = excluded.started_at, start_event = excluded.start_event, "
    "member_code = excluded.member_code "
    "WHERE visits.start_event IS NULL OR excluded.start_event < visits.start_event";
constexpr const char* kVisitEnd =
    "INSERT INTO visits(id, ended_at, ended_how, end_stamp, end_event) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(id) DO UPDATE SET ended_at = excluded.ended_at, ended_how = excluded.ended_how, "
    "end_stamp = excluded.end_stamp, end_event = excluded.end_event "
    "WHERE visits.end_event IS NULL OR (excluded.end_stamp, excluded.end_event) < (visits.end_stamp, visits.end_event)";
constexpr const char* kInsertMessage =
    "INSERT INTO messages(id, site_id, from_name, contact, text, created_at, event_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO NOTHING";
constexpr const char* kEmptyMessage = "UPDATE messages SET from_name = '', contact = '', text = '' WHERE id = ?1";
constexpr const char* kAdvanceDelivery =
    "INSERT INTO message_delivery(message_id, state) VALUES(?1, ?2) "
    "ON CONFLICT(message_id) DO UPDATE SET state = max(state, excluded.state)";
constexpr const char* kUpsertAnnouncement =
    "INSERT INTO announcements(id, config, stamp, event_id) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(id) DO UPDATE SET config = excluded.config, stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (announcements.stamp, announcements.event_id)";
constexpr const char* kUpsertDevice =
    "INSERT INTO devices(id, config, stamp, event_id) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(id) DO UPDATE SET config = excluded.config, stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (devices.stamp, devices.event_id)";

constexpr const char* kUpsertShopkeeperPin =
    "INSERT INTO shopkeeper_pins(site_id, pin_hash, stamp, event_id) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(site_id) DO UPDATE SET pin_hash = excluded.pin_hash, stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (shopkeeper_pins.stamp, shopkeeper_pins.event_id)";

constexpr const char* kUpsertCommunes =
    "INSERT INTO network_communes(list_id, names, stamp, event_id) VALUES(1, ?1, ?2, ?3) "
    "ON CONFLICT(list_id) DO UPDATE SET names = excluded.names, stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (network_communes.stamp, network_communes.event_id)";

// A resolution naming a member beats one naming nobody (the registration of
// the typed code arrived after the first answer), whatever the order.
constexpr const char* kUpsertResolution =
    "INSERT INTO visit_resolutions(visit_id, member_id, event_id) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(visit_id) DO UPDATE SET member_id = excluded.member_id, event_id = excluded.event_id "
    "WHERE visit_resolutions.member_id IS NULL AND excluded.member_id IS NOT NULL";

constexpr const char* kUpsertAnimator =
    "INSERT INTO animators(member_id, site_ids, stamp, event_id) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(member_id) DO UPDATE SET site_ids = excluded.site_ids, stamp = excluded.stamp, event_id = excluded.event_id "
    "WHERE (excluded.stamp, excluded.event_id) > (animators.stamp, animators.event_id)";
// As a visit's: the start fills its columns whichever arrives first; the first
// end by (stamp, event_id) wins; the newest correction wins.
constexpr const char* kAnimationStart =
    "INSERT INTO animation_sessions(id, site_id, member_id, started_at, start_event) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(id) DO UPDATE SET site_id = excluded.site_id, member_id = excluded.member_id, "
    "started_at = excluded.started_at, start_event = excluded.start_event "
    "WHERE animation_sessions.start_event IS NULL OR excluded.start_event < animation_sessions.start_event";
constexpr const char* kAnimationEnd =
    "INSERT INTO animation_sessions(id, ended_at, ended_how, end_stamp, end_event) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(id) DO UPDATE SET ended_at = excluded.ended_at, ended_how = excluded.ended_how, "
    "end_stamp = excluded.end_stamp, end_event = excluded.end_event "
    "WHERE animation_sessions.end_event IS NULL OR "
    "(excluded.end_stamp, excluded.end_event) < (animation_sessions.end_stamp, animation_sessions.end_event)";
constexpr const char* kAnimationCorrection =
    "INSERT INTO animation_sessions(id, corrected_start, corrected_end, correction_stamp, correction_event) "
    "VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(id) DO UPDATE SET corrected_start = excluded.corrected_start, corrected_end = excluded.corrected_end, "
    "correction_stamp = excluded.correction_stamp, correction_event = excluded.correction_event "
    "WHERE animation_sessions.correction_event IS NULL OR "
    "(excluded.correction_stamp, excluded.correction_event) > "
    "(animation_sessions.correction_stamp, animation_sessions.correction_event)";

std::optional<std::string> resolvedMember(Database& db, const std::string& visitId) {
    Statement& row = db.prepare("SELECT member_id FROM visit_resolutions WHERE visit_id = ?1 AND member_id IS NOT NULL");
    row.bind(1, visitId);
    std::optional<std::string> member;
    if (row.step()) member = row.columnText(0);
    row.reset();
    return member;
}

std::int64_t deliveryRank(DeliveryState state) { return static_cast<std::int64_t>(state); }

}  // namespace

void applyToProjections(Database& db, const Event& event) {
    const std::int64_t stamp = event.stamp.packed;
    const std::string& id = event.id;
    std::visit(
        Overloaded{
            [&](const SiteConfigured& e) {
                db.prepare(kUpsertSite).bind(1, e.site.id).bind(2, siteToJson(e.site).dump()).bind(3, stamp).bind(4, id).run();
            },
            [&](const SiteOverrideSet& e) {
                db.prepare(kUpsertOverride).bind(1, e.siteId).bind(2, toString(e.value)).bind(3, e.reason)
                    .bind(4, stamp).bind(5, id).run();
            },
            [&](const PlaceConfigured& e) {
                db.prepare(kUpsertPlace).bind(1, e.placeId).bind(2, e.siteId).bind(3, e.label).bind(4, stamp).bind(5, id).run();
            },
            [&](const PlaceServiceChanged& e) {
                db.prepare(kUpsertPlaceService).bind(1, e.placeId).bind(2, e.inService ? 1 : 0).bind(3, e.reason)
                    .bind(4, stamp).bind(5, id).run();
            },
            [&](const MemberRegistered& e) {
                const Member& m = e.member;
                if (isForgottenMember(db, m.id)) return;
                db.prepare(kUpsertMember).bind(1, m.id).bind(2, m.code).bind(3, m.firstName).bind(4, m.email)
                    .bind(5, m.phone).bind(6, m.employer).bind(7, m.commune).bind(8, m.consentAt).bind(9, stamp)
                    .bind(10, id).run();
                db.prepare(kApplyCorrection).bind(1, m.id).run();
            },
            [&](const MemberCorrected& e) {
                if (isForgottenMember(db, e.memberId)) return;
                db.prepare(kUpsertCorrection).bind(1, e.memberId).bind(2, e.firstName).bind(3, e.email).bind(4, e.phone)
                    .bind(5, e.employer).bind(6, e.commune).bind(7, stamp).bind(8, id).run();
                db.prepare(kApplyCorrection).bind(1, e.memberId).run();
                db.prepare(kCorrectDirectory).bind(1, e.memberId).run();
            },
            [&](const VisitStarted& e) {
                std::optional<std::string> member = e.memberId ? e.memberId : resolvedMember(db, e.visitId);
                if (member && isForgottenMember(db, *member)) member.reset();
                db.prepare(kVisitStart).bind(1, e.visitId).bind(2, e.siteId).bind(3, e.placeId).bind(4, member)
                    .bind(5, e.at).bind(6, id).bind(7, e.memberCode).run();
            },
            [&](const VisitMemberResolved& e) {
                const std::optional<std::string> member = e.memberId && isForgottenMember(db, *e.memberId) ? std::nullopt : e.memberId;
                db.prepare(kUpsertResolution).bind(1, e.visitId).bind(2, member).bind(3, id).run();
                // Whichever of start and resolution comes first, the visit ends up with the member.
                db.prepare("UPDATE visits SET member_id = (SELECT member_id FROM visit_resolutions WHERE visit_id = ?1) "
                           "WHERE id = ?1 AND member_id IS NULL")
                    .bind(1, e.visitId).run();
            },
            [&](const VisitEnded& e) {
                db.prepare(kVisitEnd).bind(1, e.visitId).bind(2, e.at).bind(3, toString(e.how)).bind(4, stamp)
                    .bind(5, id).run();
            },
            [&](const MessageSent& e) {
                const AnimatorMessage& m = e.message;
                db.prepare(kInsertMessage).bind(1, m.id).bind(2, m.siteId).bind(3, m.fromName).bind(4, m.contact)
                    .bind(5, m.text).bind(6, m.createdAt).bind(7, id).run();
                db.prepare(kAdvanceDelivery).bind(1, m.id).bind(2, deliveryRank(m.state)).run();
                // Erased before it arrived (a kiosk pushing it again): it stays empty.
                if (isErasedMessage(db, m.id)) db.prepare(kEmptyMessage).bind(1, m.id).run();
            },
            [&](const MessageRedacted& e) {
                // The projection only: the log's copy goes with redactErasedMessages, as
                // a forgotten member's registration goes with eraseForgottenMembers.
                db.prepare(kEmptyMessage).bind(1, e.messageId).run();
            },
            [&](const MessageStateChanged& e) {
                db.prepare(kAdvanceDelivery).bind(1, e.messageId).bind(2, deliveryRank(e.state)).run();
            },
            [&](const AnnouncementPublished& e) {
                db.prepare(kUpsertAnnouncement).bind(1, e.announcement.id).bind(2, announcementToJson(e.announcement).dump())
                    .bind(3, stamp).bind(4, id).run();
            },
            [&](const AnnouncementWithdrawn& e) {
                db.prepare("INSERT OR IGNORE INTO announcement_withdrawals(announcement_id) VALUES(?1)")
                    .bind(1, e.announcementId).run();
            },
            [&](const DeviceRegistered& e) {
                db.prepare(kUpsertDevice).bind(1, e.device.id).bind(2, deviceToJson(e.device).dump()).bind(3, stamp)
                    .bind(4, id).run();
            },
            [&](const DeviceRevoked& e) {
                db.prepare("INSERT OR IGNORE INTO device_revocations(device_id) VALUES(?1)").bind(1, e.deviceId).run();
            },
            [&](const MemberForgotten& e) {
                // Final whatever the order: a registration arriving later is refused
                // by the forgotten_members row.
                db.prepare("INSERT OR IGNORE INTO forgotten_members(member_id) VALUES(?1)").bind(1, e.memberId).run();
                db.prepare("DELETE FROM members WHERE id = ?1").bind(1, e.memberId).run();
                db.prepare("DELETE FROM member_corrections WHERE member_id = ?1").bind(1, e.memberId).run();
                // The code typed for a visit resolved to them named them too.
                db.prepare("UPDATE visits SET member_id = NULL, member_code = NULL WHERE member_id = ?1").bind(1, e.memberId).run();
                db.prepare("UPDATE visit_resolutions SET member_id = NULL WHERE member_id = ?1").bind(1, e.memberId).run();
                db.prepare("DELETE FROM member_directory WHERE member_id = ?1").bind(1, e.memberId).run();
                // No longer recognised anywhere, so no longer an animator. Their
                // animation sessions stay: pay records, by member id only.
                db.prepare("DELETE FROM animators WHERE member_id = ?1").bind(1, e.memberId).run();
            },
            [&](const ShopkeeperPinSet& e) {
                db.prepare(kUpsertShopkeeperPin).bind(1, e.siteId).bind(2, e.pinHash).bind(3, stamp).bind(4, id).run();
            },
            [&](const AnimatorSet& e) {
                if (isForgottenMember(db, e.memberId)) return;
                db.prepare(kUpsertAnimator).bind(1, e.memberId).bind(2, Json(e.siteIds).dump()).bind(3, stamp).bind(4, id).run();
            },
            [&](const AnimationStarted& e) {
                db.prepare(kAnimationStart).bind(1, e.sessionId).bind(2, e.siteId).bind(3, e.memberId).bind(4, e.at)
                    .bind(5, id).run();
            },
            [&](const AnimationEnded& e) {
                db.prepare(kAnimationEnd).bind(1, e.sessionId).bind(2, e.at).bind(3, toString(e.how)).bind(4, stamp)
                    .bind(5, id).run();
            },
            [&](const AnimationCorrected& e) {
                db.prepare(kAnimationCorrection).bind(1, e.sessionId).bind(2, e.startedAt).bind(3, e.endedAt)
                    .bind(4, stamp).bind(5, id).run();
            },
            [&](const NetworkCommunesSet& e) {
                db.prepare(kUpsertCommunes).bind(1, Json(e.communes).dump()).bind(2, stamp).bind(3, id).run();
            },
        },
        event.payload);
}

void clearProjections(Database& db) {
    db.exec(
        "DELETE FROM sites; DELETE FROM site_overrides; DELETE FROM places; DELETE FROM place_service; "
        "DELETE FROM members; DELETE FROM visits; DELETE FROM messages; DELETE FROM message_delivery; "
        "DELETE FROM announcements; DELETE FROM announcement_withdrawals; DELETE FROM devices; "
        "DELETE FROM device_revocations; DELETE FROM shopkeeper_pins; DELETE FROM forgotten_members; "
        "DELETE FROM visit_resolutions; DELETE FROM network_communes;"
        "DELETE FROM member_corrections; DELETE FROM animators; DELETE FROM animation_sessions;");
}

}  // namespace cowork
