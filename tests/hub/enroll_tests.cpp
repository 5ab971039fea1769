#include <catch2/catch.hpp>

#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::RunningHub;

TEST_CASE("an enrollment code works once and gives the hub's pins", "[hub][enroll]") {
    RunningHub hub;
    const EnrollmentCode code = hub.storage().createEnrollmentCode("fleurie-boulangerie", systemNowMs());
    const std::string body = toJson(EnrollRequest{code.code, "Comptoir de la boulangerie", "0.1.0"}).dump();

    const auto first = hub.post("/api/v1/enroll", body);
    REQUIRE(first.status == 201);
    const EnrollResponse enrolled = decodeEnrollResponse(first.body);
    CHECK(enrolled.siteId == "fleurie-boulangerie");
    CHECK(enrolled.token.size() >= 40);
    REQUIRE(enrolled.hubKeyPins.size() == 2);  // current and backup
    CHECK(enrolled.hubKeyPins[0] == publicKeyPinOfCertificate(hub.certificatePath()));
    // The token is stored hashed, never as given.
    CHECK(hub.count("SELECT count(*) FROM hub_devices WHERE token_hash = '" + sha256Hex(enrolled.token) + "'") == 1);
    CHECK(hub.count("SELECT count(*) FROM hub_devices WHERE token_hash = '" + enrolled.token + "'") == 0);

    const auto again = hub.post("/api/v1/enroll", body);
    CHECK(again.status == 403);
    // Shown as is by the kiosk: French typography (U+202F before the colon, ’).
    CHECK(again.json()["error"] == "code d\u2019enrôlement déjà utilisé\u202f: chaque code ne sert qu\u2019une fois");
    CHECK(hub.count("SELECT count(*) FROM hub_devices") == 1);
}

TEST_CASE("an unknown or expired enrollment code is refused", "[hub][enroll]") {
    RunningHub hub;
    const auto unknown = hub.post("/api/v1/enroll", toJson(EnrollRequest{"AAAA-BBBB-CCCC", "x", "0.1.0"}).dump());
    CHECK(unknown.status == 403);
    CHECK(unknown.json()["field"] == "code");
    CHECK(unknown.json()["error"] == "code d\u2019enrôlement inconnu\u202f: vérifiez-le ou demandez-en un au coordinateur");

    const EnrollmentCode code = hub.storage().createEnrollmentCode("fleurie-boulangerie", systemNowMs());
    hub.clockShiftMs = kEnrollmentCodeValidityMs + kMinuteMs;
    const auto expired = hub.post("/api/v1/enroll", toJson(EnrollRequest{code.code, "x", "0.1.0"}).dump());
    CHECK(expired.status == 403);
    CHECK(expired.json()["error"] == "code d\u2019enrôlement expiré (7 jours)\u202f: demandez-en un nouveau au coordinateur");
    CHECK(hub.count("SELECT count(*) FROM hub_devices") == 0);
}

TEST_CASE("a malformed enrollment is a 400 naming the field", "[hub][enroll]") {
    RunningHub hub;
    const auto reply = hub.post("/api/v1/enroll", R"({"protocol": 1, "code": "AAAA", "app_version": "1"})");
    CHECK(reply.status == 400);
    CHECK(reply.json()["field"] == "device_name");
    CHECK(hub.post("/api/v1/enroll", "{not json").status == 400);
}

TEST_CASE("health and metrics answer", "[hub]") {
    RunningHub hub;
    CHECK(hub.get("/healthz").status == 200);
    const auto metrics = hub.get("/metrics");
    CHECK(metrics.status == 200);
    CHECK(metrics.body.find("cowork_hub_requests_total{route=\"/healthz\",status=\"200\"}") != std::string::npos);
    CHECK(metrics.body.find("cowork_hub_events_stored") != std::string::npos);
    const auto missing = hub.get("/nowhere");
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"] == "adresse inconnue");
}
