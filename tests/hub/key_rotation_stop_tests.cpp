// A rotation stopped after any of its renames (a power cut, a kill) must leave
// a hub that starts and serves a key every kiosk pinned; rotate-key run again
// finishes the same rotation.
#include <catch2/catch.hpp>

#include <filesystem>

#include <httplib.h>

#include "test_support.hpp"
#include "tls/hub_identity.hpp"
#include "tls/key_rotation.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

namespace fs = std::filesystem;

struct Identity {
    std::string current;
    std::string backup;
    std::vector<std::string> names;
};

Identity identityOf(const std::string& data) {
    return {publicKeyPinOfKey(data + "/tls/key.pem"), publicKeyPinOfKey(data + "/tls/backup-key.pem"),
            certificateSubjectAltNames(data + "/tls/cert.pem")};
}

// A rotation prepared, then stopped after its first `renames` renames.
KeyRotation stoppedRotation(const std::string& data, std::size_t renames) {
    const KeyRotation rotation = prepareKeyRotation(data, systemNowMs());
    REQUIRE(rotation.renames.size() == 3);
    for (std::size_t i = 0; i < renames; ++i) fs::rename(rotation.renames[i].first, rotation.renames[i].second);
    return rotation;
}

}  // namespace

TEST_CASE("serve after a rotation stopped midway loads a matching pair with a key the kiosks pinned", "[hub][tls][rotation]") {
    for (std::size_t stoppedAfter = 0; stoppedAfter <= 3; ++stoppedAfter) {
        INFO("stopped after " << stoppedAfter << " renames");
        cowork::testing::TempDir dir;
        const std::string data = dir.path().string();
        ensureSelfSignedIdentity(data, {"hub.ccsb.example"});
        const Identity before = identityOf(data);
        stoppedRotation(data, stoppedAfter);

        const SelfSignedIdentity started = ensureSelfSignedIdentity(data, {});  // what serve does first
        CHECK(started.reissuedForKey == (stoppedAfter == 1));  // logged by serve
        const TlsFiles& files = started.files;
        CHECK(publicKeyPinOfCertificate(files.certificatePath) == publicKeyPinOfKey(files.keyPath));
        CHECK(httplib::SSLServer(files.certificatePath.c_str(), files.keyPath.c_str()).is_valid());
        const Identity after = identityOf(data);
        CHECK(after.current == (stoppedAfter == 0 ? before.current : before.backup));
        CHECK(after.backup != after.current);
        CHECK(after.names == before.names);
        CHECK(hubKeyPins(data, files) == std::vector<std::string>{after.current, after.backup});
    }
}

TEST_CASE("rotate-key after a rotation stopped midway finishes it instead of moving again", "[hub][tls][rotation]") {
    for (std::size_t stoppedAfter = 0; stoppedAfter <= 3; ++stoppedAfter) {
        INFO("stopped after " << stoppedAfter << " renames");
        cowork::testing::TempDir dir;
        const std::string data = dir.path().string();
        ensureSelfSignedIdentity(data, {"hub.ccsb.example"});
        const Identity before = identityOf(data);
        const KeyRotation stopped = stoppedRotation(data, stoppedAfter);

        const KeyRotation again = rotateSelfSignedKey(data, systemNowMs());
        const Identity after = identityOf(data);
        CHECK(publicKeyPinOfCertificate(data + "/tls/cert.pem") == after.current);
        CHECK(after.names == before.names);
        if (stoppedAfter == 1 || stoppedAfter == 2) {
            CHECK(again.resumed);
            CHECK(after.current == before.backup);
            CHECK(after.backup == stopped.backupPin);
        } else {
            // Not started (leftovers cleared) or already done: a rotation of its own.
            CHECK_FALSE(again.resumed);
            CHECK(after.current == (stoppedAfter == 0 ? before.backup : stopped.backupPin));
        }
        CHECK(again.currentPin == after.current);
        CHECK(again.backupPin == after.backup);
        for (const auto& entry : fs::directory_iterator(data + "/tls")) {
            CHECK(entry.path().extension() == ".pem");  // no temporary file left
        }
    }
}
