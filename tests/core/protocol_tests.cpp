#include <catch2/catch.hpp>

#include "events/entity_codec.hpp"
#include "store/store.hpp"
#include "sync/protocol.hpp"
#include "test_support.hpp"

using namespace cowork;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;

SyncRequest sampleRequest(Store& kiosk) {
    SyncRequest request;
    request.cursor = 42;
    request.deviceClockMs = kNow;
    request.appVersion = "0.1.0";
    request.outboxDepth = 2;
    request.epoch = "e-1";
    request.events.push_back(kiosk.makeEvent(
        VisitStarted{newUuid7(kNow), "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, kNow}, kNow));
    return request;
}

std::string fieldOfError(const std::function<void()>& decode) {
    try {
        decode();
    } catch (const InputError& e) {
        return e.field();
    }
    return "<accepted>";
}

}  // namespace

TEST_CASE("sync messages round-trip through JSON", "[protocol]") {
    cowork::testing::TempDir dir;
    Store kiosk(dir.file("k.db"));
    const SyncRequest request = sampleRequest(kiosk);
    const SyncRequest decoded = decodeSyncRequest(toJson(request).dump());
    CHECK(decoded.cursor == 42);
    CHECK(decoded.events.size() == 1);
    CHECK(decoded.events[0].id == request.events[0].id);
    CHECK(decoded.outboxDepth == 2);
    CHECK(decoded.epoch == "e-1");

    SyncResponse response;
    response.acked = {request.events[0].id};
    response.cursor = 43;
    response.serverTimeMs = kNow + 5;
    response.epoch = "e-1";
    response.changes.members.push_back({"m-1", "K7M4QX", "Zoé"});
    response.changes.availability.push_back({"beaujeu-tiers-lieu", 5, 8, true, SiteOverride::None, kNow});
    response.changes.events.push_back(kiosk.makeEvent(SiteConfigured{cowork::testing::sampleSite()}, kNow));
    const SyncResponse back = decodeSyncResponse(toJson(response).dump());
    CHECK(back.acked == response.acked);
    CHECK(back.changes.members[0].firstName == "Zoé");
    CHECK(back.changes.availability[0].freePlaces == 5);
    CHECK(std::get<SiteConfigured>(back.changes.events[0].payload).site == cowork::testing::sampleSite());

    const EnrollResponse enrolled = decodeEnrollResponse(toJson(EnrollResponse{"d-1", "tok", "fleurie-boulangerie", {"sha256//AAA="}}).dump());
    CHECK(enrolled.hubKeyPins == std::vector<std::string>{"sha256//AAA="});
}

TEST_CASE("unknown fields are ignored, missing or mistyped ones are named", "[protocol]") {
    cowork::testing::TempDir dir;
    Store kiosk(dir.file("k.db"));
    const Json good = toJson(sampleRequest(kiosk));

    Json extra = good;
    extra["battery_level"] = 87;
    extra["events"][0]["payload"]["weather"] = "pluie";
    CHECK_NOTHROW(decodeSyncRequest(extra.dump()));

    Json missing = good;
    missing.erase("device_clock_ms");
    CHECK(fieldOfError([&] { decodeSyncRequest(missing.dump()); }) == "device_clock_ms");

    Json mistyped = good;
    mistyped["cursor"] = "42";
    CHECK(fieldOfError([&] { decodeSyncRequest(mistyped.dump()); }) == "cursor");

    Json badEvent = good;
    badEvent["events"][0]["payload"].erase("site_id");
    CHECK(fieldOfError([&] { decodeSyncRequest(badEvent.dump()); }) == "events[0].payload.site_id");

    Json newer = good;
    newer["protocol"] = kProtocolVersion + 1;
    CHECK(fieldOfError([&] { decodeSyncRequest(newer.dump()); }) == "protocol");

    Json tooMany = good;
    for (std::size_t i = 0; i < kMaxEventsPerSync; ++i) tooMany["events"].push_back(good["events"][0]);
    CHECK(fieldOfError([&] { decodeSyncRequest(tooMany.dump()); }) == "events");
}

TEST_CASE("malformed bodies never crash and always say what is wrong", "[protocol]") {
    const std::string deep(100'000, '[');
    const std::vector<std::pair<std::string, std::string>> table = {
        {"", "document incomplet"},
        {"{\"protocol\": 1, \"code\": \"AB", "document incomplet"},
        {"{\"protocol\": 1e400}", "nombre hors limites"},
        {"{\"protocol\": 99999999999999999999999}", "protocol"},
        {"{\"protocol\": 1, \"code\": \"caf\xC3\x28\"}", "UTF-8"},
        {deep, "imbrication"},
        {"[1, 2, 3]", "attendu un objet"},
        {"{\"protocol\": 1, \"code\": 12, \"device_name\": \"x\", \"app_version\": \"1\"}", "code"},
        {"{\"protocol\": 1,}", "ligne 1"},
    };
    for (const auto& [body, expected] : table) {
        INFO(body.substr(0, 60));
        try {
            decodeEnrollRequest(body);
            FAIL("accepted");
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Catch::Contains(expected));
        }
    }
}

TEST_CASE("a sync reports the events its kiosk set aside, and may leave them out", "[protocol]") {
    cowork::testing::TempDir dir;
    Store kiosk(dir.file("k.db"));
    SyncRequest request = sampleRequest(kiosk);
    request.setAside.push_back({"0190aaaa-0000-7000-8000-000000000001", "visit.started",
                                "ce kiosque n'écrit que pour son lieu", kNow - 1000});
    const Json json = toJson(request);
    CHECK(json["set_aside"][0] == Json{{"event_id", "0190aaaa-0000-7000-8000-000000000001"},
                                       {"kind", "visit.started"},
                                       {"reason", "ce kiosque n'écrit que pour son lieu"},
                                       {"at", kNow - 1000}});
    const SyncRequest decoded = decodeSyncRequest(json.dump());
    REQUIRE(decoded.setAside.size() == 1);
    CHECK(decoded.setAside[0].eventId == request.setAside[0].eventId);
    CHECK(decoded.setAside[0].kind == "visit.started");
    CHECK(decoded.setAside[0].reason == request.setAside[0].reason);
    CHECK(decoded.setAside[0].at == kNow - 1000);

    Json older = json;
    older.erase("set_aside");
    CHECK(decodeSyncRequest(older.dump()).setAside.empty());
}

TEST_CASE("set-aside reports are bounded and checked field by field", "[protocol]") {
    cowork::testing::TempDir dir;
    Store kiosk(dir.file("k.db"));
    const Json entry = {{"event_id", "e-1"}, {"kind", "visit.started"}, {"reason", "refusé"}, {"at", kNow}};
    Json good = toJson(sampleRequest(kiosk));
    for (std::size_t i = 0; i < kMaxSetAsidePerSync; ++i) good["set_aside"].push_back(entry);
    CHECK(decodeSyncRequest(good.dump()).setAside.size() == kMaxSetAsidePerSync);

    Json tooMany = good;
    tooMany["set_aside"].push_back(entry);
    CHECK(fieldOfError([&] { decodeSyncRequest(tooMany.dump()); }) == "set_aside");

    Json longReason = good;
    longReason["set_aside"][3]["reason"] = std::string(kMaxShortTextLength + 1, 'x');
    CHECK(fieldOfError([&] { decodeSyncRequest(longReason.dump()); }) == "set_aside[3].reason");

    Json noId = good;
    noId["set_aside"][0].erase("event_id");
    CHECK(fieldOfError([&] { decodeSyncRequest(noId.dump()); }) == "set_aside[0].event_id");

    Json badTime = good;
    badTime["set_aside"][1]["at"] = -5;
    CHECK(fieldOfError([&] { decodeSyncRequest(badTime.dump()); }) == "set_aside[1].at");

    Json notAList = good;
    notAList["set_aside"] = "aucun";
    CHECK(fieldOfError([&] { decodeSyncRequest(notAList.dump()); }) == "set_aside");
}

TEST_CASE("a sync answer carries the hub's pins, and an older hub's answer without them still decodes", "[protocol]") {
    SyncResponse response;
    response.cursor = 7;
    response.serverTimeMs = kNow;
    response.epoch = "e-1";
    response.hubKeyPins = {"sha256//AAA=", "sha256//BBB="};
    const Json json = toJson(response);
    CHECK(json["hub_pins"] == Json::array({"sha256//AAA=", "sha256//BBB="}));
    CHECK(decodeSyncResponse(json.dump()).hubKeyPins == response.hubKeyPins);

    Json older = json;
    older.erase("hub_pins");
    const SyncResponse fromOlderHub = decodeSyncResponse(older.dump());
    CHECK(fromOlderHub.hubKeyPins.empty());
    CHECK(fromOlderHub.cursor == 7);

    // Checked as at enrollment: a list of texts, the faulty entry named.
    Json notText = json;
    notText["hub_pins"][1] = 12;
    CHECK(fieldOfError([&] { decodeSyncResponse(notText.dump()); }) == "hub_pins[1]");
    Json notAList = json;
    notAList["hub_pins"] = "sha256//AAA=";
    CHECK(fieldOfError([&] { decodeSyncResponse(notAList.dump()); }) == "hub_pins");
    Json enrollNotText = toJson(EnrollResponse{"d-1", "tok", "fleurie-boulangerie", {"sha256//AAA="}});
    enrollNotText["hub_pins"][0] = false;
    CHECK(fieldOfError([&] { decodeEnrollResponse(enrollNotText.dump()); }) == "hub_pins[0]");
}

TEST_CASE("a sync carries the device's monotonic clock and its events', and an older kiosk's sync without them still decodes", "[protocol][clock]") {
    SyncRequest request;
    request.deviceClockMs = 1'780'000'000'000;
    request.appVersion = "0.1.0";
    request.deviceBootId = "6f1c0a52-7d1b-4a8e-9c55-3f2d8a1b0c9e";
    request.deviceMonotonicMs = 86'400'000;
    request.eventClocks = {{"01890a5d-ac96-774b-bcce-b302099a8057", request.deviceBootId, 80'000'000, 1'779'990'000'000}};
    const SyncRequest back = decodeSyncRequest(toJson(request).dump());
    CHECK(back.deviceBootId == request.deviceBootId);
    CHECK(back.deviceMonotonicMs == 86'400'000);
    REQUIRE(back.eventClocks.size() == 1);
    CHECK(back.eventClocks[0].monotonicMs == 80'000'000);
    CHECK(back.eventClocks[0].wallMs == 1'779'990'000'000);

    Json older = toJson(request);
    older.erase("device_boot_id");
    older.erase("device_monotonic_ms");
    older.erase("event_clocks");
    CHECK(decodeSyncRequest(older.dump()).eventClocks.empty());
    Json bad = toJson(request);
    bad["event_clocks"][0]["monotonic_ms"] = -5;
    try {
        decodeSyncRequest(bad.dump());
        FAIL("accepted");
    } catch (const InputError& e) {
        CHECK(e.field() == "event_clocks[0].monotonic_ms");
    }
}

TEST_CASE("a sync answer says the hub's link period, strictly, and an older hub's answer without it still decodes",
          "[protocol][privacy]") {
    SyncResponse response;
    response.cursor = 7;
    response.serverTimeMs = kNow;
    response.epoch = "e-1";
    Json json = toJson(response);
    json["visit_link_months"] = 2;
    // What the kiosk decodes is what it would say again.
    CHECK(toJson(decodeSyncResponse(json.dump())).value("visit_link_months", Json()) == 2);

    Json older = json;
    older.erase("visit_link_months");
    CHECK_FALSE(toJson(decodeSyncResponse(older.dump())).contains("visit_link_months"));
    for (const Json& wrong : {Json(0), Json(4), Json("3"), Json(1.5)}) {
        Json bad = json;
        bad["visit_link_months"] = wrong;
        INFO(wrong.dump());
        CHECK(fieldOfError([&] { decodeSyncResponse(bad.dump()); }) == "visit_link_months");
    }
}
