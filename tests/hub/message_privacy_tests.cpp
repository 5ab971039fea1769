// Messages to animators are personal data: their sender's name, contact and
// text leave the hub's file after the link period, and with the erasure of a
// member whose e-mail or phone they give. What stays is an anonymous count.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "domain/paris_time.hpp"
#include "hub_test_support.hpp"
#include "privacy_probe.hpp"
#include "service/retention_service.hpp"
#include "sync/kiosk_sync_store.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;
using cowork::testing::TempDir;

namespace {

const std::string kSite = "fleurie-boulangerie";

struct Secrets {
    std::string name, contact, text;
    std::vector<std::string> all() const { return {name, contact, text}; }
};

const Secrets kOphelie{"Ophélie Marchand", "ophelie.marchand@example.org", "Le radiateur fuit sous la fenêtre"};
const Secrets kBastien{"Bastien Royer", "06 71 42 93 58", "La clé du local a disparu"};

Event messageEvent(FakeKiosk& kiosk, TimeMs at, const Secrets& s) {
    return kiosk.event(MessageSent{AnimatorMessage{newUuid7(at), kiosk.siteId(), s.name, s.contact, s.text, at}}, at);
}

const std::string& messageId(const Event& event) { return std::get<MessageSent>(event.payload).message.id; }

void checkAbsent(const std::string& bytes, const Secrets& s) {
    for (const std::string& secret : s.all()) {
        INFO(secret << " must be gone");
        CHECK(bytes.find(secret) == std::string::npos);
    }
}

void checkPresent(const std::string& bytes, const Secrets& s) {
    for (const std::string& secret : s.all()) {
        INFO(secret << " must still be there");
        CHECK(bytes.find(secret) != std::string::npos);
    }
}

const Json* listed(const Json& list, const std::string& id) {
    for (const Json& m : list["messages"]) {
        if (m["id"] == id) return &m;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("a message's name, contact and text leave the hub's file after the link period", "[hub][privacy][messages]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, kSite);
    const TimeMs now = systemNowMs();
    const Event old = messageEvent(kiosk, monthsBefore(now, 4), kOphelie);
    const Event recent = messageEvent(kiosk, monthsBefore(now, 1), kBastien);
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({old, recent}), kiosk.token()).status == 200);
    // A failed attempt's error may quote the message's headers (its Reply-To).
    hub.storage().recordMailFailure(messageId(old), "550 refusé : Reply-To " + kOphelie.contact, now, now + kMinuteMs);
    checkPresent(cowork::testing::checkpointedBytes(hub.databasePath()), kOphelie);

    RetentionService(hub.storage(), systemNowMs).apply();

    const std::string bytes = cowork::testing::checkpointedBytes(hub.databasePath());
    checkAbsent(bytes, kOphelie);
    checkPresent(bytes, kBastien);
    // An anonymous count stays: site, time, delivery state.
    CHECK(hub.count("SELECT count(*) FROM messages WHERE site_id = '" + kSite + "'") == 2);
    CHECK(hub.count("SELECT count(*) FROM message_delivery") == 2);
    // Never e-mailed empty.
    for (const MailToSend& due : hub.storage().mailDue(now + kDayMs, 20)) CHECK(due.message.id != messageId(old));

    // The console lists it, saying it was redacted.
    const Reply reply = hub.admin("GET", "/api/v1/admin/messages");
    REQUIRE(reply.status == 200);
    const Json list = reply.json();
    const Json* redacted = listed(list, messageId(old));
    REQUIRE(redacted);
    CHECK((*redacted)["redacted"] == true);
    CHECK((*redacted)["text"] == "");
    CHECK((*redacted)["site_id"] == kSite);
    const Json* kept = listed(list, messageId(recent));
    REQUIRE(kept);
    CHECK((*kept)["redacted"] == false);
    CHECK((*kept)["text"] == kBastien.text);

    // The kiosk pushing it again after a new epoch brings nothing back.
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({old}), kiosk.token()).status == 200);
    checkAbsent(cowork::testing::checkpointedBytes(hub.databasePath()), kOphelie);
}

TEST_CASE("erasing a member erases the messages giving their e-mail or phone, on the hub and on the kiosk", "[hub][privacy][messages][members]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk counter(hub, kSite);
    const TimeMs now = systemNowMs();
    Member zoe = cowork::testing::sampleMember("m-zoe", generateMemberCode([](const std::string&) { return false; }));
    zoe.firstName = "Zoéline";
    zoe.email = "zoeline.perrin@example.org";
    zoe.phone = "07 68 21 45 90";
    zoe.consentAt = now;
    const Secrets byMail{"Zoéline P.", *zoe.email, "Le wifi ne marche pas au fond"};
    const Secrets byPhone{"Zoé", *zoe.phone, "Pouvez-vous me rappeler pour la salle ?"};
    const Event registration = counter.event(MemberRegistered{zoe}, now);
    const Event mailed = messageEvent(counter, now, byMail);
    const Event phoned = messageEvent(counter, now, byPhone);
    const Event other = messageEvent(counter, now, kBastien);
    const SyncResponse first = cowork::hub::testing::syncAccepted(hub, counter, counter.syncRequest({registration, mailed, phoned, other}));

    // The kiosk that wrote them holds them in its own log.
    TempDir dir;
    const std::string kioskPath = dir.file("kiosk.db");
    Store kiosk(kioskPath);
    kiosk.applyReceived({registration, mailed, phoned, other}, now);
    applySyncResponse(kiosk, first, now, "boot");
    checkPresent(cowork::testing::checkpointedBytes(kioskPath), byMail);

    REQUIRE(hub.admin("DELETE", "/api/v1/admin/members/m-zoe").status == 200);

    const std::string hubBytes = cowork::testing::checkpointedBytes(hub.databasePath());
    checkAbsent(hubBytes, byMail);
    checkAbsent(hubBytes, byPhone);
    checkPresent(hubBytes, kBastien);
    CHECK(hub.count("SELECT count(*) FROM messages") == 3);  // still counted

    applySyncResponse(kiosk, cowork::hub::testing::syncAccepted(hub, counter, counter.syncRequest({}, first.cursor)), now, "boot");
    const std::string kioskBytes = cowork::testing::checkpointedBytes(kioskPath);
    checkAbsent(kioskBytes, byMail);
    checkAbsent(kioskBytes, byPhone);
    checkPresent(kioskBytes, kBastien);
}
