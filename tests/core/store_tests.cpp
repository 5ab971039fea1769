#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "domain/member_code.hpp"
#include "events/event_codec.hpp"
#include "store/state_dump.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;

std::string validCode(const std::string& firstFive) { return firstFive + memberCodeCheckCharacter(firstFive); }

// A day at the bakery: configuration from the hub, then check-ins, check-outs,
// a shopkeeper taking a place out of service, a message and an announcement.
std::vector<Event> dayOfEvents(Store& hub, Store& kiosk) {
    std::vector<Event> events;
    events.push_back(hub.makeEvent(SiteConfigured{cowork::testing::sampleSite()}, kNow));
    for (int n = 1; n <= 3; ++n) {
        const std::string placeId = "fleurie-boulangerie/" + std::to_string(n);
        events.push_back(hub.makeEvent(PlaceConfigured{placeId, "fleurie-boulangerie", "Place " + std::to_string(n)}, kNow));
    }
    Site renamed = cowork::testing::sampleSite();
    renamed.name = "Mini-cowork du Bourg";
    events.push_back(hub.makeEvent(SiteConfigured{renamed}, kNow + 5));
    events.push_back(kiosk.makeEvent(MemberRegistered{cowork::testing::sampleMember("m-1", "K7M4QX")}, kNow + 10));
    for (int i = 0; i < 6; ++i) {
        const std::string visitId = newUuid7(kNow + i);
        const std::optional<std::string> member = i % 2 ? std::optional<std::string>("m-1") : std::nullopt;
        events.push_back(kiosk.makeEvent(VisitStarted{visitId, "fleurie-boulangerie", "fleurie-boulangerie/1", member,
                                                      kNow + 100 + i},
                                         kNow + 100 + i));
        if (i < 4) events.push_back(kiosk.makeEvent(VisitEnded{visitId, kNow + 200 + i, VisitEnd::ByMember}, kNow + 200 + i));
        if (i == 0) events.push_back(hub.makeEvent(VisitEnded{visitId, kNow + 300, VisitEnd::AtClosing}, kNow + 300));
    }
    // A code typed offline, resolved by the hub to the member registered above.
    const std::string provisional = newUuid7(kNow + 150);
    events.push_back(kiosk.makeEvent(VisitStarted{provisional, "fleurie-boulangerie", "fleurie-boulangerie/3", std::nullopt,
                                                  kNow + 150, validCode("K7M4X")},
                                     kNow + 150));
    events.push_back(hub.makeEvent(VisitMemberResolved{provisional, "fleurie-boulangerie", "m-1", validCode("K7M4X")}, kNow + 160));
    events.push_back(kiosk.makeEvent(PlaceServiceChanged{"fleurie-boulangerie/2", false, "Prise en panne"}, kNow + 400));
    events.push_back(kiosk.makeEvent(PlaceServiceChanged{"fleurie-boulangerie/2", true, ""}, kNow + 500));
    AnimatorMessage message{newUuid7(kNow), "fleurie-boulangerie", "Zoé", "06 00 00 00 00", "Le wifi ne marche plus.",
                            kNow + 600, DeliveryState::Pending};
    events.push_back(kiosk.makeEvent(MessageSent{message}, kNow + 600));
    events.push_back(hub.makeEvent(MessageStateChanged{message.id, DeliveryState::Delivered}, kNow + 700));
    events.push_back(hub.makeEvent(MessageStateChanged{message.id, DeliveryState::Sent}, kNow + 650));
    events.push_back(hub.makeEvent(
        AnnouncementPublished{{"a-1", std::nullopt, "Fermeture exceptionnelle le 25 décembre", {2026, 12, 1}, {2026, 12, 26}}},
        kNow + 800));
    events.push_back(hub.makeEvent(SiteOverrideSet{"fleurie-boulangerie", SiteOverride::Full, "Réunion"}, kNow + 900));
    events.push_back(kiosk.makeEvent(ShopkeeperPinSet{"fleurie-boulangerie", "$argon2id$first"}, kNow + 950));
    events.push_back(hub.makeEvent(ShopkeeperPinSet{"fleurie-boulangerie", "$argon2id$reset"}, kNow + 990));
    events.push_back(hub.makeEvent(NetworkCommunesSet{{"Fleurie", "Chénas"}}, kNow + 1000));
    events.push_back(hub.makeEvent(NetworkCommunesSet{{"Fleurie", "Chénas", "Émeringes"}}, kNow + 1100));
    return events;
}

}  // namespace

TEST_CASE("applying an event a second time changes nothing", "[store]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    const std::vector<Event> events = dayOfEvents(hub, kiosk);
    Store target(dir.file("target.db"));
    const auto first = target.applyReceived(events, kNow);
    REQUIRE(std::count(first.begin(), first.end(), ApplyOutcome::Applied) == static_cast<long>(events.size()));
    const Json once = dumpProjections(target.db());
    const auto count = target.eventCount();

    const auto second = target.applyReceived(events, kNow);
    CHECK(std::count(second.begin(), second.end(), ApplyOutcome::AlreadyPresent) == static_cast<long>(events.size()));
    CHECK(dumpProjections(target.db()) == once);
    CHECK(target.eventCount() == count);
}

TEST_CASE("any arrival order and a replay of the log give the same state", "[store]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    std::vector<Event> events = dayOfEvents(hub, kiosk);

    Store inOrder(dir.file("in-order.db"));
    inOrder.applyReceived(events, kNow);
    const Json expected = dumpProjections(inOrder.db());
    // The fold really did something: the later configuration and the first end win.
    CHECK(expected["sites"][0][1].get<std::string>().find("Mini-cowork du Bourg") != std::string::npos);
    CHECK(expected["message_delivery"][0][1] == "2");
    CHECK(expected["visits"].size() == 7);
    CHECK(expected["visit_resolutions"].size() == 1);
    CHECK(expected["shopkeeper_pins"][0][1] == "$argon2id$reset");
    CHECK(expected["network_communes"][0][1] == R"(["Fleurie","Chénas","Émeringes"])");

    std::mt19937 random(42);
    for (int round = 0; round < 5; ++round) {
        std::shuffle(events.begin(), events.end(), random);
        Store shuffled(dir.file("shuffled-" + std::to_string(round) + ".db"));
        for (const Event& event : events) shuffled.applyReceived({event}, kNow);
        REQUIRE(dumpProjections(shuffled.db()) == expected);
    }

    inOrder.rebuildProjections();
    CHECK(dumpProjections(inOrder.db()) == expected);
}

TEST_CASE("the outbox keeps what was not acknowledged and drops what was", "[store]") {
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    std::vector<std::string> ids;
    {
        Store kiosk(path);
        for (int i = 0; i < 5; ++i) {
            const Event event = kiosk.makeEvent(
                VisitStarted{newUuid7(kNow), "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, kNow + i}, kNow + i);
            kiosk.recordLocal({event}, kNow + i);
            ids.push_back(event.id);
        }
        REQUIRE(kiosk.outboxDepth() == 5);
        kiosk.acknowledge({ids[0], ids[2], "an-id-the-outbox-never-had"});
    }
    Store reopened(path);
    const std::vector<Event> left = reopened.outbox(100);
    REQUIRE(left.size() == 3);
    CHECK(left[0].id == ids[1]);
    CHECK(left[1].id == ids[3]);
    CHECK(left[2].id == ids[4]);
    // Acknowledged events stay in the log: only the queue forgets them.
    CHECK(reopened.eventCount() == 5);
    CHECK(reopened.outbox(2).size() == 2);
}

TEST_CASE("events received from elsewhere are not queued for sending", "[store]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    kiosk.applyReceived({hub.makeEvent(SiteConfigured{cowork::testing::sampleSite()}, kNow)}, kNow);
    CHECK(kiosk.outboxDepth() == 0);
}

TEST_CASE("an id reused with a different content is refused and the batch applies nothing", "[store]") {
    TempDir dir;
    Store kiosk(dir.file("kiosk.db"));
    Store target(dir.file("target.db"));
    const Event original = kiosk.makeEvent(
        VisitStarted{newUuid7(kNow), "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, kNow}, kNow);
    target.applyReceived({original}, kNow);
    const Json before = dumpProjections(target.db());

    Event forged = original;
    std::get<VisitStarted>(forged.payload).placeId = "fleurie-boulangerie/2";
    const Event innocent = kiosk.makeEvent(
        VisitStarted{newUuid7(kNow), "fleurie-boulangerie", "fleurie-boulangerie/2", std::nullopt, kNow}, kNow);
    try {
        target.applyReceived({innocent, forged}, kNow);
        FAIL("a conflicting event was accepted");
    } catch (const EventConflictError& e) {
        CHECK(e.eventId() == original.id);
    }
    CHECK(dumpProjections(target.db()) == before);
    CHECK(target.eventCount() == 1);
}

TEST_CASE("the device id and the clock survive a restart", "[store]") {
    TempDir dir;
    const std::string path = dir.file("kiosk.db");
    std::string deviceId;
    HlcStamp lastStamp;
    {
        Store kiosk(path);
        deviceId = kiosk.deviceId();
        const Event event = kiosk.makeEvent(DeviceRevoked{"x"}, kNow);
        kiosk.recordLocal({event}, kNow);
        lastStamp = event.stamp;
    }
    Store reopened(path);
    CHECK(reopened.deviceId() == deviceId);
    // Even with the clock back in 1970 after a power cut, new stamps come later.
    CHECK(reopened.makeEvent(DeviceRevoked{"y"}, 0).stamp > lastStamp);
}

TEST_CASE("a forgotten member is gone and their visits stay anonymous, in any order", "[store][privacy]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    std::vector<Event> events;
    events.push_back(kiosk.makeEvent(MemberRegistered{cowork::testing::sampleMember("m-1", "K7M4QX")}, kNow));
    for (int i = 0; i < 3; ++i) {
        events.push_back(kiosk.makeEvent(
            VisitStarted{newUuid7(kNow), "fleurie-boulangerie", "fleurie-boulangerie/1", std::string("m-1"), kNow + i}, kNow + i));
    }
    events.push_back(hub.makeEvent(MemberForgotten{"m-1"}, kNow + 10));

    Store inOrder(dir.file("in-order.db"));
    inOrder.applyReceived(events, kNow);
    const Json expected = dumpProjections(inOrder.db());
    CHECK(expected["members"].empty());
    REQUIRE(expected["visits"].size() == 3);
    for (const Json& visit : expected["visits"]) CHECK(visit[3].is_null());  // member_id

    std::reverse(events.begin(), events.end());
    Store reversed(dir.file("reversed.db"));
    for (const Event& event : events) reversed.applyReceived({event}, kNow);
    CHECK(dumpProjections(reversed.db()) == expected);
}

TEST_CASE("a code typed offline gives the visit its member once the hub resolves it, in any order", "[store][sync]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    const std::string code = validCode("K7M4X");
    const std::string known = newUuid7(kNow), unknown = newUuid7(kNow + 1);
    std::vector<Event> events = {
        kiosk.makeEvent(VisitStarted{known, "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, kNow, code}, kNow),
        kiosk.makeEvent(VisitStarted{unknown, "fleurie-boulangerie", "fleurie-boulangerie/2", std::nullopt, kNow, code}, kNow),
        hub.makeEvent(VisitMemberResolved{known, "fleurie-boulangerie", "m-1", code}, kNow + 5),
        hub.makeEvent(VisitMemberResolved{unknown, "fleurie-boulangerie", std::nullopt, code}, kNow + 5),
    };
    Store inOrder(dir.file("in-order.db"));
    inOrder.applyReceived(events, kNow);
    const Json expected = dumpProjections(inOrder.db());
    REQUIRE(expected["visits"].size() == 2);
    const Json& first = expected["visits"][0][0] == known ? expected["visits"][0] : expected["visits"][1];
    const Json& second = expected["visits"][0][0] == known ? expected["visits"][1] : expected["visits"][0];
    CHECK(first[3] == "m-1");       // member_id
    CHECK(second[3].is_null());     // nobody has that code: anonymous
    CHECK(first.back() == code);    // member_code: what was typed stays visible

    std::reverse(events.begin(), events.end());
    Store reversed(dir.file("reversed.db"));
    for (const Event& event : events) reversed.applyReceived({event}, kNow);
    CHECK(dumpProjections(reversed.db()) == expected);
    reversed.rebuildProjections();
    CHECK(dumpProjections(reversed.db()) == expected);
}
