// member.corrected: its codec, how it merges with the registration whatever the
// order, and the personal-data rules that erase it with its member.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "events/event_codec.hpp"
#include "store/member_reads.hpp"
#include "store/personal_data.hpp"
#include "store/store.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

using cowork::testing::count;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;

Member zoe() { return cowork::testing::sampleMember("m-zoe", generateMemberCode([](const std::string&) { return false; })); }

MemberCorrected correctionOf(const Member& m) {
    return MemberCorrected{m.id, "fleurie-boulangerie", "Zoë", std::string("zoe.martin@example.org"), std::nullopt,
                           std::string("Mairie"), std::string("Juliénas")};
}

}  // namespace

TEST_CASE("member.corrected goes through the codec unchanged, its site optional", "[store][members]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    for (const std::string site : {"fleurie-boulangerie", ""}) {
        MemberCorrected payload = correctionOf(zoe());
        payload.siteId = site;
        const Event event = hub.makeEvent(payload, kNow);
        const Event back = decodeEvent(JsonObject(parseJson(canonicalEventText(event)), ""));
        CHECK(canonicalEventText(back) == canonicalEventText(event));
        CHECK(siteWrittenBy(back.payload) == (site.empty() ? std::nullopt : std::optional(site)));
    }
    CHECK_THROWS_AS(decodePayload("member.corrected", JsonObject(parseJson(R"({"member_id": "m", "first_name": ""})"), "")),
                    InputError);
}

TEST_CASE("the newest of registration and correction gives the details, whatever the order, replay included", "[store][members]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    const Member member = zoe();
    const Event registered = hub.makeEvent(MemberRegistered{member}, kNow);
    const Event corrected = hub.makeEvent(correctionOf(member), kNow + 1000);

    Store first(dir.file("a.db"));
    first.applyReceived({registered, corrected}, kNow);
    Store second(dir.file("b.db"));
    second.applyReceived({corrected}, kNow);
    second.applyReceived({registered}, kNow);
    for (Store* store : {&first, &second}) {
        const auto m = loadMember(store->db(), "m-zoe");
        REQUIRE(m);
        CHECK(m->firstName == "Zoë");
        CHECK(m->email == "zoe.martin@example.org");
        CHECK(m->phone == std::nullopt);
        CHECK(m->commune == "Juliénas");
        CHECK(m->code == member.code);             // never corrected
        CHECK(m->consentAt == member.consentAt);  // never corrected
    }
    first.rebuildProjections();
    CHECK(loadMember(first.db(), "m-zoe")->firstName == "Zoë");
}

TEST_CASE("a forgotten member's corrections leave the log and the projections", "[store][members][privacy]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    const Member member = zoe();
    hub.recordLocal({hub.makeEvent(MemberRegistered{member}, kNow), hub.makeEvent(correctionOf(member), kNow)}, kNow);
    REQUIRE(count(hub, "SELECT count(*) FROM member_corrections") == 1);
    hub.recordLocal({hub.makeEvent(MemberForgotten{member.id}, kNow)}, kNow, [](Database& db) { eraseForgottenMembers(db); });
    CHECK(count(hub, "SELECT count(*) FROM member_corrections") == 0);
    CHECK(count(hub, "SELECT count(*) FROM events WHERE kind IN ('member.registered', 'member.corrected')") == 0);
    CHECK(count(hub, "SELECT count(*) FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.kind = 'member.corrected'") == 0);
    // A correction arriving after the forgetting is not taken in.
    hub.applyReceived({hub.makeEvent(correctionOf(member), kNow + 1)}, kNow);
    CHECK(count(hub, "SELECT count(*) FROM member_corrections") == 0);
}

TEST_CASE("a kiosk drops a correction of a member it forgot already", "[store][members][privacy]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    const Member member = zoe();
    const Event forgotten = hub.makeEvent(MemberForgotten{member.id}, kNow);
    const Event corrected = hub.makeEvent(correctionOf(member), kNow);
    SyncResponse answer;
    answer.epoch = "e";
    answer.changes.events = {forgotten};
    applySyncResponse(kiosk, answer, kNow, "boot");
    answer.changes.events = {corrected};  // a correction made before, arriving late
    applySyncResponse(kiosk, answer, kNow, "boot");
    CHECK(count(kiosk, "SELECT count(*) FROM events WHERE kind = 'member.corrected'") == 0);
    CHECK(count(kiosk, "SELECT count(*) FROM member_corrections") == 0);
}
