// A kiosk keeps a message's personal content (name, contact, text) no longer
// than the hub's link period, and drops it when the hub says a member whose
// contact it was has been erased. Searched in the raw file.
#include <catch2/catch.hpp>

#include "domain/paris_time.hpp"
#include "privacy_probe.hpp"
#include "sync/kiosk_privacy.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

using cowork::testing::count;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;
const std::string kSite = "fleurie-boulangerie";

std::string sendMessage(Store& kiosk, TimeMs at, const std::string& name, const std::string& contact, const std::string& text) {
    const std::string id = newUuid7(at);
    kiosk.recordLocal({kiosk.makeEvent(MessageSent{AnimatorMessage{id, kSite, name, contact, text, at}}, at)}, at);
    return id;
}

SyncResponse answer() {
    SyncResponse response;
    response.cursor = 1;
    response.epoch = "epoch-1";
    response.serverTimeMs = kNow;
    return response;
}

const std::vector<std::string> kOldSecrets = {"Ophélie Marchand", "ophelie.marchand@example.org",
                                              "Le radiateur fuit sous la fenêtre"};
const std::vector<std::string> kRecentSecrets = {"Bastien Royer", "06 71 42 93 58", "La clé du local a disparu"};

}  // namespace

TEST_CASE("a kiosk keeps a message's name, contact and text no longer than the link period", "[sync][privacy][messages]") {
    TempDir dir;
    const std::string path = dir.file("k.db");
    Store kiosk(path);
    const std::string old = sendMessage(kiosk, monthsBefore(kNow, 4), kOldSecrets[0], kOldSecrets[1], kOldSecrets[2]);
    sendMessage(kiosk, monthsBefore(kNow, 1), kRecentSecrets[0], kRecentSecrets[1], kRecentSecrets[2]);
    {
        const std::string before = cowork::testing::checkpointedBytes(path);
        for (const std::string& secret : kOldSecrets) CHECK(before.find(secret) != std::string::npos);
    }

    applySyncResponse(kiosk, answer(), kNow, "boot");  // 3 months: the hub said nothing

    const std::string after = cowork::testing::checkpointedBytes(path);
    for (const std::string& secret : kOldSecrets) {
        INFO(secret);
        CHECK(after.find(secret) == std::string::npos);
    }
    for (const std::string& secret : kRecentSecrets) {
        INFO(secret);
        CHECK(after.find(secret) != std::string::npos);
    }
    // Still counted, with its site and time, and readable as a redacted message.
    CHECK(count(kiosk, "SELECT count(*) FROM messages") == 2);
    CHECK(count(kiosk, "SELECT count(*) FROM messages WHERE id = '" + old + "' AND site_id = '" + kSite + "' AND text = ''") == 1);
    CHECK(count(kiosk, "SELECT count(*) FROM events WHERE kind = 'message.sent'") == 2);

    // The same at start, for a kiosk left offline: nothing more to do.
    applyPrivacyRules(kiosk, kNow, true);
    CHECK(count(kiosk, "SELECT count(*) FROM messages WHERE text <> ''") == 1);
}
