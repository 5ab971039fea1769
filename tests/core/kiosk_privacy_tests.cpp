// The personal-data rules in a kiosk's store: the link period the hub gives, the
// hub's redactions taken in, and a late resolution of a typed code.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "domain/paris_time.hpp"
#include "events/event_codec.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

using cowork::testing::count;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;
const std::string kSite = "fleurie-boulangerie";
const std::string kPlace = "fleurie-boulangerie/fenetre";
const std::string kCode = "K7M4P" + std::string(1, memberCodeCheckCharacter("K7M4P"));

std::string checkIn(Store& kiosk, TimeMs at, std::optional<std::string> member, std::optional<std::string> code = std::nullopt) {
    const std::string visit = newUuid7(at);
    kiosk.recordLocal({kiosk.makeEvent(VisitStarted{visit, kSite, kPlace, std::move(member), at, std::move(code)}, at)}, at);
    return visit;
}

SyncResponse answer(std::vector<Event> events = {}) {
    SyncResponse response;
    response.cursor = 1;
    response.epoch = "epoch-1";
    response.serverTimeMs = kNow;
    response.changes.events = std::move(events);
    return response;
}

// The same answer as a hub that states its link period sends it.
SyncResponse withLinkMonths(const SyncResponse& response, int months) {
    Json json = toJson(response);
    json["visit_link_months"] = months;
    return decodeSyncResponse(json.dump());
}

}  // namespace

TEST_CASE("a kiosk unlinks visits after the hub's period, 3 months when the hub does not say", "[sync][privacy]") {
    TempDir dir;
    Store kiosk(dir.file("k.db"));
    const std::string twoMonthsOld = checkIn(kiosk, monthsBefore(kNow, 2), std::string("m-zoe"));
    const std::string fourMonthsOld = checkIn(kiosk, monthsBefore(kNow, 4), std::string("m-zoe"));
    const std::string today = checkIn(kiosk, kNow, std::string("m-zoe"));

    applySyncResponse(kiosk, answer(), kNow, "boot");  // an older hub: no period said
    CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id IS NOT NULL AND id = '" + fourMonthsOld + "'") == 0);
    CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id = 'm-zoe' AND id = '" + twoMonthsOld + "'") == 1);

    applySyncResponse(kiosk, withLinkMonths(answer(), 1), kNow, "boot");
    CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id IS NOT NULL AND id = '" + twoMonthsOld + "'") == 0);
    CHECK(count(kiosk, "SELECT count(*) FROM events WHERE kind = 'visit.started' AND payload LIKE '%m-zoe%'") == 1);
    CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id = 'm-zoe' AND id = '" + today + "'") == 1);
    CHECK(count(kiosk, "SELECT count(*) FROM visits") == 3);

    // An answer that says nothing keeps the period last heard.
    const std::string sixWeeksOld = checkIn(kiosk, kNow - 45 * kDayMs, std::string("m-zoe"));
    applySyncResponse(kiosk, answer(), kNow, "boot");
    CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id IS NOT NULL AND id = '" + sixWeeksOld + "'") == 0);
}

TEST_CASE("the hub's redacted copy of a resolution replaces the kiosk's, and unlinks the visit", "[sync][privacy]") {
    TempDir dir;
    Store kiosk(dir.file("k.db"));
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    const std::string visit = checkIn(kiosk, kNow, std::nullopt, kCode);
    const Event resolved = hub.makeEvent(VisitMemberResolved{visit, kSite, std::string("m-zoe"), kCode}, kNow);
    applySyncResponse(kiosk, answer({resolved}), kNow, "boot");
    REQUIRE(count(kiosk, "SELECT count(*) FROM visits WHERE member_id = 'm-zoe'") == 1);

    // Pulled again after a new epoch, as the hub keeps it past its period.
    Event redacted = resolved;
    redacted.payload = VisitMemberResolved{visit, kSite, std::nullopt, ""};
    const SyncOutcome outcome = applySyncResponse(kiosk, answer({redacted}), kNow, "boot");
    CHECK(outcome.conflicts == 0);
    CHECK(kiosk.findEvent(resolved.id).has_value());
    CHECK(canonicalEventText(*kiosk.findEvent(resolved.id)) == canonicalEventText(redacted));
    CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id IS NOT NULL OR member_code IS NOT NULL") == 0);
    CHECK(count(kiosk, "SELECT count(*) FROM visit_resolutions WHERE member_id IS NOT NULL") == 0);
    CHECK(count(kiosk, "SELECT count(*) FROM events WHERE payload LIKE '%" + kCode + "%' OR payload LIKE '%m-zoe%'") == 0);
}

TEST_CASE("a resolution naming a member wins over one naming nobody, in either order", "[store][privacy]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    const std::string visit = newUuid7(kNow);
    const Event started = hub.makeEvent(VisitStarted{visit, kSite, kPlace, std::nullopt, kNow, kCode}, kNow);
    const Event nobody = hub.makeEvent(VisitMemberResolved{visit, kSite, std::nullopt, kCode}, kNow);
    const Event zoe = hub.makeEvent(VisitMemberResolved{visit, kSite, std::string("m-zoe"), kCode}, kNow + 1);
    for (const std::vector<Event>& order : {std::vector<Event>{started, nobody, zoe}, std::vector<Event>{zoe, nobody, started},
                                            std::vector<Event>{nobody, started, zoe}}) {
        Store kiosk(dir.file("k-" + order[0].id + ".db"));
        for (const Event& e : order) kiosk.applyReceived({e}, kNow);
        CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id = 'm-zoe'") == 1);
        kiosk.rebuildProjections();
        CHECK(count(kiosk, "SELECT count(*) FROM visits WHERE member_id = 'm-zoe'") == 1);
    }
}
