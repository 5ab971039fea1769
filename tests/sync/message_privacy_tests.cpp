// A member erased in the console takes with them the messages giving their
// e-mail or phone, on the hub and on the kiosk that wrote them (not always the
// kiosk where they signed up), through real syncs.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "privacy_probe.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

TEST_CASE("erasing a member erases their messages on the hub and on the kiosk that wrote them", "[sync][members][privacy][messages]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    TestKiosk counter("counter");
    TestKiosk elsewhere("elsewhere");
    REQUIRE(counter.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(elsewhere.enroll(hub, "beaujeu-tiers-lieu").ok());

    const TimeMs at = counter.now();
    Member member = cowork::testing::sampleMember("m-clementine", generateMemberCode([](const std::string&) { return false; }));
    member.firstName = "Clémentine";
    member.email = "clementine.k@exemple.fr";
    member.phone = "06 48 27 19 53";
    member.consentAt = at;
    counter.store().recordLocal({counter.store().makeEvent(MemberRegistered{member}, at)}, at);
    counter.syncUntilEmpty();
    // Written at another site, giving her phone typed without spaces.
    const std::string secretText = "Le vidéoprojecteur de la salle du haut ne s'allume plus";
    const AnimatorMessage hers{newUuid7(at), elsewhere.siteId(), "Clem", "0648271953", secretText, at};
    const AnimatorMessage someoneElses{newUuid7(at), elsewhere.siteId(), "Bastien Royer", "bastien@exemple.fr",
                                       "Merci pour le café", at};
    elsewhere.store().recordLocal({elsewhere.store().makeEvent(MessageSent{hers}, at),
                                   elsewhere.store().makeEvent(MessageSent{someoneElses}, at)}, at);
    elsewhere.syncUntilEmpty();
    REQUIRE(cowork::testing::checkpointedBytes(hub.databasePath()).find(secretText) != std::string::npos);

    REQUIRE(hub.admin("DELETE", "/api/v1/admin/members/m-clementine").status == 200);
    counter.syncUntilEmpty();
    elsewhere.syncUntilEmpty();

    for (const std::string& path : {hub.databasePath(), elsewhere.path()}) {
        const std::string bytes = cowork::testing::checkpointedBytes(path);
        for (const std::string& secret : {secretText, std::string("0648271953")}) {
            INFO(path << ": " << secret);
            CHECK(bytes.find(secret) == std::string::npos);
        }
        INFO(path);
        CHECK(bytes.find("Merci pour le café") != std::string::npos);
    }
    CHECK(elsewhere.count("SELECT count(*) FROM messages") == 2);  // still counted
    CHECK(hub.count("SELECT count(*) FROM messages") == 2);
}
