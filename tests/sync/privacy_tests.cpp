// The personal-data rules as a kiosk lives them, against a real hub: a kiosk
// holds no more than the hub does, in its tables or in the bytes of its file.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "domain/paris_time.hpp"
#include "privacy_probe.hpp"
#include "service/retention_service.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;
using cowork::testing::checkpointedBytes;
using cowork::testing::tablesContaining;
using cowork::testing::tablesLinking;

namespace {

std::string freshCode() {
    return generateMemberCode([](const std::string&) { return false; });
}

Member registerHere(TestKiosk& kiosk, const std::string& id, const std::string& firstName, TimeMs at) {
    Member member = cowork::testing::sampleMember(id, freshCode());
    member.firstName = firstName;
    member.email = firstName + ".k@exemple.fr";
    member.phone = "+33 6 12 34 56 78";
    member.consentAt = at;
    kiosk.store().recordLocal({kiosk.store().makeEvent(MemberRegistered{member}, at)}, at);
    return member;
}

// A check-in at `at`, by a member of this kiosk or with a code typed offline.
std::string checkInAt(TestKiosk& kiosk, TimeMs at, std::optional<std::string> memberId,
                      std::optional<std::string> code = std::nullopt) {
    const std::string visit = newUuid7(at);
    const VisitStarted started{visit, kiosk.siteId(), kiosk.firstPlace(), std::move(memberId), at, std::move(code)};
    kiosk.store().recordLocal({kiosk.store().makeEvent(started, at)}, at);
    return visit;
}

bool hasText(const std::string& bytes, const std::string& text) { return bytes.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("a member the hub forgot leaves nothing on a kiosk, in its tables or in its file", "[sync][privacy]") {
    RunningHub hub;
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());
    const Member zephyrine = registerHere(kiosk, "m-zephyrine", "Zéphyrine", kiosk.now());
    const std::string visit = checkInAt(kiosk, kiosk.now(), zephyrine.id);
    kiosk.syncUntilEmpty();

    // Fourteen months on she has not come back: the hub deletes her.
    const TimeMs later = monthsBefore(systemNowMs(), -14);
    REQUIRE(hub::RetentionService(hub.storage(), [later] { return later; }).apply().membersForgotten == 1);
    REQUIRE(kiosk.sync().ok());

    Database& db = kiosk.store().db();
    for (const std::string& personal : {zephyrine.firstName, *zephyrine.email, *zephyrine.phone, zephyrine.code}) {
        INFO(personal);
        CHECK(tablesContaining(db, personal) == std::vector<std::string>{});
    }
    // Her id survives only as the forgetting itself: no visit names her.
    CHECK(tablesContaining(db, zephyrine.id) == std::vector<std::string>{"events (1)", "forgotten_members (1)"});
    CHECK(tablesLinking(db, visit, zephyrine.id).empty());
    const std::string bytes = checkpointedBytes(kiosk.path());
    CHECK_FALSE(hasText(bytes, zephyrine.firstName));
    CHECK_FALSE(hasText(bytes, *zephyrine.email));
}

TEST_CASE("a kiosk removes every visit's link to its member after the hub's period, the hub's answers included",
          "[sync][privacy]") {
    RunningHub hub;
    hub.storage().saveSetting("visit_link_months", "1");  // stricter than a kiosk's 3 months
    TestKiosk beaujeu("beaujeu"), fleurie("fleurie");
    REQUIRE(beaujeu.enroll(hub, "beaujeu-tiers-lieu").ok());
    REQUIRE(fleurie.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(fleurie.sync().ok());
    const Member zoe = registerHere(beaujeu, "m-zoe", "Zoé", beaujeu.now());
    beaujeu.syncUntilEmpty();

    // Two months ago at Fleurie: Léon, registered there, and Zoé typing her code offline.
    const TimeMs twoMonthsAgo = monthsBefore(fleurie.now(), 2);
    const Member leon = registerHere(fleurie, "m-leon", "Léon", twoMonthsAgo);
    const std::string leonThen = checkInAt(fleurie, twoMonthsAgo, leon.id);
    const std::string zoeThen = checkInAt(fleurie, twoMonthsAgo, std::nullopt, zoe.code);
    const std::string leonToday = checkInAt(fleurie, fleurie.now(), leon.id);
    fleurie.syncUntilEmpty();
    REQUIRE(fleurie.count("SELECT count(*) FROM visit_resolutions WHERE visit_id = '" + zoeThen + "'") == 1);
    REQUIRE(fleurie.sync().ok());

    Database& db = fleurie.store().db();
    CHECK(tablesLinking(db, leonThen, leon.id).empty());
    CHECK(tablesLinking(db, zoeThen, zoe.id).empty());
    CHECK(tablesLinking(db, zoeThen, zoe.code).empty());
    CHECK_FALSE(tablesLinking(db, leonToday, leon.id).empty());  // within the period: kept
    const std::string bytes = checkpointedBytes(fleurie.path());
    CHECK_FALSE(hasText(bytes, "\"member_code\":\"" + zoe.code + "\""));
    CHECK_FALSE(hasText(bytes, "\"member_id\":\"" + zoe.id + "\""));
    CHECK(fleurie.count("SELECT count(*) FROM visits WHERE id IN ('" + leonThen + "', '" + zoeThen + "')") == 2);  // still counted
}
