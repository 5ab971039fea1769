// The coordinator's correction and erasure of a member, as real kiosks live
// them through real syncs: the kiosk where the member signed up corrects its
// copy, another corrects its directory, and both forget the member.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "privacy_probe.hpp"
#include "store/member_reads.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

namespace {

std::string directoryName(TestKiosk& kiosk, const std::string& memberId) {
    Statement& row = kiosk.store().db().prepare("SELECT first_name FROM member_directory WHERE member_id = ?1");
    row.bind(1, memberId);
    std::string name = row.step() ? row.columnText(0) : "";
    row.reset();
    return name;
}

}  // namespace

TEST_CASE("a member corrected then erased in the console is corrected then forgotten on every kiosk", "[sync][members][privacy]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    TestKiosk counter("counter");
    TestKiosk elsewhere("elsewhere");
    REQUIRE(counter.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(elsewhere.enroll(hub, "beaujeu-tiers-lieu").ok());
    counter.syncUntilEmpty();

    const TimeMs at = counter.now();
    Member member = cowork::testing::sampleMember("m-clementine", generateMemberCode([](const std::string&) { return false; }));
    member.firstName = "Clémentine";
    member.email = "clementine.k@exemple.fr";
    member.consentAt = at;
    counter.store().recordLocal({counter.store().makeEvent(MemberRegistered{member}, at)}, at);
    counter.store().recordLocal({counter.store().makeEvent(VisitStarted{newUuid7(at), counter.siteId(), counter.firstPlace(),
                                                                         member.id, at}, at)}, at);
    counter.syncUntilEmpty();
    elsewhere.syncUntilEmpty();
    REQUIRE(directoryName(elsewhere, member.id) == "Clémentine");

    REQUIRE(hub.admin("PUT", "/api/v1/admin/members/m-clementine",
                      R"({"first_name": "Clémence", "email": "clemence.k@exemple.fr", "commune": "Chénas"})").status == 200);
    counter.syncUntilEmpty();
    elsewhere.syncUntilEmpty();
    CHECK(loadMember(counter.store().db(), member.id)->firstName == "Clémence");
    CHECK(loadMember(counter.store().db(), member.id)->email == "clemence.k@exemple.fr");
    CHECK(directoryName(elsewhere, member.id) == "Clémence");
    CHECK(elsewhere.count("SELECT count(*) FROM events WHERE kind = 'member.corrected'") == 0);  // not theirs

    REQUIRE(hub.admin("DELETE", "/api/v1/admin/members/m-clementine").status == 200);
    counter.syncUntilEmpty();
    elsewhere.syncUntilEmpty();
    for (TestKiosk* kiosk : {&counter, &elsewhere}) {
        CHECK_FALSE(loadMember(kiosk->store().db(), member.id));
        CHECK(directoryName(*kiosk, member.id).empty());
        CHECK(kiosk->count("SELECT count(*) FROM events WHERE kind IN ('member.registered', 'member.corrected')") == 0);
        const std::string bytes = cowork::testing::checkpointedBytes(kiosk->path());
        for (const std::string secret : {"Clémentine", "Clémence", "clementine.k@exemple.fr", "clemence.k@exemple.fr"}) {
            INFO(secret);
            CHECK(bytes.find(secret) == std::string::npos);
        }
    }
    const std::string hubBytes = cowork::testing::checkpointedBytes(hub.databasePath());
    for (const std::string secret : {"Clémentine", "Clémence", "clementine.k@exemple.fr", "clemence.k@exemple.fr"}) {
        INFO(secret);
        CHECK(hubBytes.find(secret) == std::string::npos);
    }
}
