// A kiosk without a screen, for the console's browser tests: the data folder is
// one `cowork-kiosk --enroll` made, the store and the sync round are the
// kiosk's own, and "view" prints what the kiosk's screens would read
// (loadKioskView), so a test can check that a change made in the console
// reaches a kiosk. One JSON object on standard output per command.
//   console_kiosk_probe sync DATA_DIR
//   console_kiosk_probe view DATA_DIR
//   console_kiosk_probe sign-up DATA_DIR FIRST_NAME [COMMUNE | EMAIL PHONE]   (registers and checks in, then syncs)
//   console_kiosk_probe visit DATA_DIR MEMBER_ID|- STARTED_MINUTES_AGO MINUTES   (a past visit, ended, then syncs)
//   console_kiosk_probe message DATA_DIR FROM_NAME CONTACT TEXT   (a message to the animator, then syncs)
//   console_kiosk_probe animate DATA_DIR MEMBER_ID MINUTES_AGO MINUTES HOW   (a session that started
//       MINUTES_AGO and lasted MINUTES, ended by_animator or at_closing, then syncs)
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "app/kiosk_view.hpp"
#include "domain/member_code.hpp"
#include "events/entity_codec.hpp"
#include "store/site_reads.hpp"
#include "store/store.hpp"
#include "sync/hub_https.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "sync/sync_round.hpp"

using namespace cowork;

namespace {

int print(const Json& answer) {
    std::printf("%s\n", answer.dump().c_str());
    return answer.value("ok", true) ? 0 : 1;
}

Json syncOnce(Store& store) {
    const auto enrollment = loadEnrollment(store);
    if (!enrollment) return {{"ok", false}, {"error", "kiosque non enrôlé"}};
    kiosk::HubHttps hub(enrollment->hubUrl, enrollment->pins, {2'000, 6'000});
    kiosk::SyncRoundSettings settings;
    settings.bootId = "console-probe";
    const auto result = kiosk::syncWithHub(store, hub, *enrollment, [] { return systemNowMs(); }, settings);
    return {{"ok", result.ok()}, {"error", result.detail}, {"received", result.received}};
}

Json memberDirectory(Store& store) {
    Json members = Json::array();
    Statement& rows = store.db().prepare("SELECT id, code, first_name FROM members ORDER BY id");
    while (rows.step()) members.push_back({{"id", rows.columnText(0)}, {"code", rows.columnText(1)}, {"first_name", rows.columnText(2)}});
    rows.reset();
    return members;
}

Json view(Store& store) {
    const kiosk::KioskView v = kiosk::loadKioskView(store, systemNowMs());
    Json announcements = Json::array();
    for (const Announcement& a : v.announcements) announcements.push_back(a.text);
    Json places = Json::array();
    for (const kiosk::PlaceView& p : v.places) {
        places.push_back({{"id", p.place.id}, {"label", p.place.label}, {"in_service", p.place.inService}});
    }
    Json animating = Json::array();
    for (const kiosk::AnimationView& a : v.animations) animating.push_back(a.firstName);
    return {{"ok", v.configured},
            {"site", siteToJson(v.site)},
            {"open", v.status.open},
            {"full", v.status.full},
            {"reason", v.status.reason},
            {"override", std::string(toString(loadSiteOverride(store.db(), v.site.id).value))},
            {"announcements", announcements},
            {"places", places},
            {"members", memberDirectory(store)},
            {"has_animators", v.hasAnimators},
            {"animating", animating}};
}

Json signUp(Store& store, const std::string& firstName, const std::optional<std::string>& commune, const std::string& email = "",
            const std::string& phone = "") {
    const auto enrollment = loadEnrollment(store);
    const kiosk::KioskView v = kiosk::loadKioskView(store, systemNowMs());
    // The first free place, as a member would take it (the first place when all are taken).
    const auto free = std::find_if(v.places.begin(), v.places.end(), [](const kiosk::PlaceView& p) { return p.free(); });
    if (!enrollment || v.places.empty()) return {{"ok", false}, {"error", "kiosque non enrôlé ou sans place"}};
    const std::string placeId = (free != v.places.end() ? *free : v.places.front()).place.id;
    const TimeMs now = systemNowMs();
    Member member;
    member.id = newUuid7(now);
    member.code = generateMemberCode([&](const std::string&) { return false; });
    member.firstName = firstName;
    if (!email.empty()) member.email = email;
    if (!phone.empty()) member.phone = phone;
    member.commune = commune;
    member.consentAt = now;
    const std::string visit = newUuid7(now);
    store.recordLocal({store.makeEvent(MemberRegistered{member}, now),
                       store.makeEvent(VisitStarted{visit, enrollment->siteId, placeId, member.id, now}, now)},
                      now);
    Json answer = syncOnce(store);
    answer["member_id"] = member.id;
    answer["code"] = member.code;
    answer["visit_id"] = visit;
    return answer;
}

// A visit of a member this kiosk registered ("-": anonymous) that started some
// minutes ago and is over: for the figures' screenshots, a day of visits made
// in one go at its end.
Json pastVisit(Store& store, const std::string& memberId, int startedMinutesAgo, int minutes) {
    const auto enrollment = loadEnrollment(store);
    const kiosk::KioskView v = kiosk::loadKioskView(store, systemNowMs());
    if (!enrollment || v.places.empty()) return {{"ok", false}, {"error", "kiosque non enrôlé ou sans place"}};
    const TimeMs now = systemNowMs();
    const TimeMs start = now - startedMinutesAgo * kMinuteMs;
    const std::string visit = newUuid7(start);
    const std::string& place = v.places[static_cast<std::size_t>(startedMinutesAgo) % v.places.size()].place.id;
    const std::optional<std::string> member = memberId == "-" ? std::nullopt : std::optional<std::string>(memberId);
    store.recordLocal({store.makeEvent(VisitStarted{visit, enrollment->siteId, place, member, start}, now),
                       store.makeEvent(VisitEnded{visit, std::min(now, start + minutes * kMinuteMs), VisitEnd::ByMember}, now)},
                      now);
    Json answer = syncOnce(store);
    answer["visit_id"] = visit;
    return answer;
}

Json sendMessage(Store& store, const std::string& fromName, const std::string& contact, const std::string& text) {
    const auto enrollment = loadEnrollment(store);
    if (!enrollment) return {{"ok", false}, {"error", "kiosque non enrôlé"}};
    const TimeMs now = systemNowMs();
    AnimatorMessage message;
    message.id = newUuid7(now);
    message.siteId = enrollment->siteId;
    message.fromName = fromName;
    message.contact = contact;
    message.text = text;
    message.createdAt = now;
    store.recordLocal({store.makeEvent(MessageSent{message}, now)}, now);
    Json answer = syncOnce(store);
    answer["message_id"] = message.id;
    return answer;
}

Json animate(Store& store, const std::string& memberId, int minutesAgo, int minutes, const std::string& how) {
    const auto enrollment = loadEnrollment(store);
    const auto end = animationEndFromString(how);
    if (!enrollment || !end) return {{"ok", false}, {"error", "kiosque non enrôlé ou fin inconnue"}};
    const TimeMs start = systemNowMs() - minutesAgo * kMinuteMs;
    const std::string id = newUuid7(start);
    store.recordLocal({store.makeEvent(AnimationStarted{id, enrollment->siteId, memberId, start}, start)}, start);
    store.recordLocal({store.makeEvent(AnimationEnded{id, start + minutes * kMinuteMs, *end}, start)}, start);
    Json answer = syncOnce(store);
    answer["session_id"] = id;
    answer["started_at"] = start;
    return answer;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string command = argc >= 3 ? argv[1] : "";
    if (command != "sync" && command != "view" && !(command == "sign-up" && argc >= 4 && argc <= 6) &&
        !(command == "message" && argc == 6) && !(command == "visit" && argc == 6) && !(command == "animate" && argc == 7)) {
        std::fprintf(stderr,
                     "usage: console_kiosk_probe sync|view DATA_DIR | sign-up DATA_DIR FIRST_NAME [COMMUNE | EMAIL PHONE]"
                     " | visit DATA_DIR MEMBER_ID|- STARTED_MINUTES_AGO MINUTES | message DATA_DIR FROM_NAME CONTACT TEXT"
                     " | animate DATA_DIR MEMBER_ID MINUTES_AGO MINUTES HOW\n");
        return 2;
    }
    try {
        Store store(std::string(argv[2]) + "/kiosk.db");
        if (command == "sync") return print(syncOnce(store));
        if (command == "view") return print(view(store));
        if (command == "message") return print(sendMessage(store, argv[3], argv[4], argv[5]));
        if (command == "visit") return print(pastVisit(store, argv[3], std::stoi(argv[4]), std::stoi(argv[5])));
        if (command == "animate") return print(animate(store, argv[3], std::stoi(argv[4]), std::stoi(argv[5]), argv[6]));
        if (argc == 6) return print(signUp(store, argv[3], std::nullopt, argv[4], argv[5]));
        return print(signUp(store, argv[3], argc == 5 ? std::optional<std::string>(argv[4]) : std::nullopt));
    } catch (const std::exception& e) {
        return print({{"ok", false}, {"error", e.what()}});
    }
}
