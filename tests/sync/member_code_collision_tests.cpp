// Member codes are unique across the network: a kiosk avoids the codes its
// directory knows, and a code two kiosks gave while offline is replaced, never
// left naming two members nor setting a registration aside for good.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "store/member_reads.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

namespace {

std::string codeFrom(const std::string& firstFive) { return firstFive + memberCodeCheckCharacter(firstFive); }

void registerAt(TestKiosk& kiosk, const Member& member) {
    Store& store = kiosk.store();
    store.recordLocal({store.makeEvent(MemberRegistered{member}, kiosk.now())}, kiosk.now());
}

}  // namespace

TEST_CASE("a kiosk gives no code its directory knows for a member of another site", "[sync][member-code]") {
    RunningHub hub;
    TestKiosk fleurie("fleurie"), villie("villie");
    REQUIRE(fleurie.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(villie.enroll(hub, "villie-morgon-bar").ok());
    const std::string code = codeFrom("K7M4X");
    registerAt(fleurie, cowork::testing::sampleMember(newUuid7(systemNowMs()), code));
    REQUIRE(fleurie.sync().ok());
    REQUIRE(villie.sync().ok());
    REQUIRE(findInMemberDirectory(villie.store().db(), code));
    CHECK(isMemberCodeTaken(villie.store().db(), code));
}

TEST_CASE("a code given offline at two sites: the later member gets a new code to pass on, nothing is set aside", "[sync][member-code]") {
    RunningHub hub;
    TestKiosk fleurie("fleurie"), villie("villie");
    REQUIRE(fleurie.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(villie.enroll(hub, "villie-morgon-bar").ok());
    REQUIRE(villie.sync().ok());  // then Villié goes offline

    const std::string code = codeFrom("K7M4X");
    const Member zoe = cowork::testing::sampleMember(newUuid7(systemNowMs()), code);
    registerAt(fleurie, zoe);
    REQUIRE(fleurie.sync().ok());
    Member max = cowork::testing::sampleMember(newUuid7(systemNowMs()), code);
    max.firstName = "Max";
    registerAt(villie, max);
    const std::string visit = newUuid7(villie.now());
    villie.store().recordLocal({villie.store().makeEvent(VisitStarted{visit, "villie-morgon-bar", villie.firstPlace(), max.id, villie.now()},
                                                         villie.now())},
                               villie.now());

    const auto result = villie.sync();
    CHECK(result.ok());
    CHECK(result.setAside == 0);
    CHECK(result.codesReplaced == 1);
    CHECK(villie.count("SELECT count(*) FROM set_aside") == 0);
    CHECK(villie.store().outboxDepth() == 0);
    // Max has a working code, his own everywhere; Zoé keeps hers.
    const auto maxHere = loadMember(villie.store().db(), max.id);
    REQUIRE(maxHere);
    CHECK(maxHere->code != code);
    CHECK(checkMemberCode(maxHere->code) == MemberCodeCheck::Valid);
    CHECK(hub.count("SELECT count(*) FROM members WHERE id = '" + max.id + "' AND code = '" + maxHere->code + "'") == 1);
    CHECK(hub.count("SELECT count(*) FROM members WHERE id = '" + zoe.id + "' AND code = '" + code + "'") == 1);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE id = '" + visit + "' AND member_id = '" + max.id + "'") == 1);
    // The shopkeeper is told the new code, to pass on.
    const auto changes = recentMemberCodeChanges(villie.store().db(), villie.now());
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].firstName == "Max");
    CHECK(changes[0].oldCode == code);
    CHECK(changes[0].newCode == maxHere->code);
    REQUIRE(fleurie.sync().ok());
    CHECK(findInMemberDirectory(fleurie.store().db(), maxHere->code)->memberId == max.id);

    // A new epoch sends Max's first registration no more: his code stays the new one.
    villie.store().setMeta("sync.epoch", "une-autre-epoque");
    REQUIRE(villie.sync().ok());
    villie.syncUntilEmpty();
    CHECK(loadMember(villie.store().db(), max.id)->code == maxHere->code);
}
