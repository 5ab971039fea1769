// A kiosk the hub no longer knows (restored from an older backup) comes back
// under its own id, and only then: a code never takes over a known device's id.
#include <catch2/catch.hpp>

#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;

namespace {

constexpr const char* kReturningId = "01900000-0000-7000-8000-0000000000aa";

cowork::hub::testing::Reply enrollReturning(RunningHub& hub, const std::string& codeSite, const std::string& deviceId, const std::string& siteId,
                               std::string* code = nullptr) {
    const EnrollmentCode given = hub.storage().createEnrollmentCode(codeSite, systemNowMs());
    if (code) *code = given.code;
    return hub.post("/api/v1/enroll", toJson(EnrollRequest{given.code, "Comptoir", "0.1.0", deviceId, siteId}).dump());
}

}  // namespace

TEST_CASE("a kiosk unknown to the hub keeps its id with a code for its own site", "[hub][enroll][restore]") {
    RunningHub hub;
    const auto back = enrollReturning(hub, "fleurie-boulangerie", kReturningId, "fleurie-boulangerie");
    REQUIRE(back.status == 201);
    CHECK(decodeEnrollResponse(back.body).deviceId == kReturningId);

    // A code for another site is refused, and not spent.
    std::string code;
    const auto elsewhere = enrollReturning(hub, "villie-morgon-bar", "01900000-0000-7000-8000-0000000000bb", "fleurie-boulangerie", &code);
    CHECK(elsewhere.status == 403);
    CHECK(elsewhere.json()["field"] == "site_id");
    CHECK(hub.post("/api/v1/enroll", toJson(EnrollRequest{code, "Comptoir", "0.1.0"}).dump()).status == 201);
}

TEST_CASE("a code never takes over the id of an active or a revoked kiosk", "[hub][enroll][restore]") {
    RunningHub hub;
    FakeKiosk active(hub, "fleurie-boulangerie");
    std::string code;
    const auto hijack = enrollReturning(hub, "fleurie-boulangerie", active.deviceId(), "fleurie-boulangerie", &code);
    CHECK(hijack.status == 403);
    CHECK(hijack.json()["field"] == "device_id");
    CHECK(hub.count("SELECT count(*) FROM hub_devices") == 1);
    CHECK(hub.post("/api/v1/sync", active.syncBody({}), active.token()).status == 200);  // its token still works

    FakeKiosk revoked(hub, "fleurie-boulangerie");
    REQUIRE(hub.storage().revokeDevice(revoked.deviceId(), systemNowMs()));
    const auto comeback = enrollReturning(hub, "fleurie-boulangerie", revoked.deviceId(), "fleurie-boulangerie");
    CHECK(comeback.status == 403);
    CHECK(comeback.json()["error"].get<std::string>().find("révoqué") != std::string::npos);
    // The code refused for the hijack was not spent.
    CHECK(hub.post("/api/v1/enroll", toJson(EnrollRequest{code, "Comptoir", "0.1.0"}).dump()).status == 201);
}

TEST_CASE("the coordinator's list says which kiosk needs updating, from its sync", "[hub][devices]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    SyncRequest request = kiosk.syncRequest({});
    request.updateNeeded = true;
    REQUIRE(hub.post("/api/v1/sync", toJson(request).dump(), kiosk.token()).status == 200);
    hub.logInAsCoordinator();
    const Json device = hub.admin("GET", "/api/v1/admin/devices").json()["devices"].at(0);
    CHECK(device["update_needed"] == true);
    CHECK(device["unvouched"] == false);
    CHECK(device["warnings"] == Json::array({"mise à jour du kiosque nécessaire"}));

    request.updateNeeded = false;  // updated since
    REQUIRE(hub.post("/api/v1/sync", toJson(request).dump(), kiosk.token()).status == 200);
    CHECK(hub.admin("GET", "/api/v1/admin/devices").json()["devices"].at(0)["update_needed"] == false);
}
