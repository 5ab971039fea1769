#include <catch2/catch.hpp>

#include "events/entity_codec.hpp"
#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;

namespace {

std::string loginBody(const std::string& email, const std::string& password) {
    return Json{{"email", email}, {"password", password}}.dump();
}

template <typename Kind>
std::vector<Kind> eventsOfKind(const SyncResponse& response) {
    std::vector<Kind> found;
    for (const Event& e : response.changes.events) {
        if (const auto* k = std::get_if<Kind>(&e.payload)) found.push_back(*k);
    }
    return found;
}

}  // namespace

TEST_CASE("a coordinator logs in with a secure session cookie", "[hub][coordinator]") {
    RunningHub hub;
    hub.storage().saveCoordinator("coord@ccsb.example", hashPassword("un mot de passe solide"), systemNowMs());
    const auto result = hub.client()->Post("/api/v1/login", loginBody("coord@ccsb.example", "un mot de passe solide"), "application/json");
    REQUIRE(result);
    REQUIRE(result->status == 200);
    const std::string cookie = result->get_header_value("Set-Cookie");
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("Secure") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);

    CHECK(hub.admin("GET", "/api/v1/admin/sites").status == 401);  // no session yet in `hub.session`
    hub.session = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
    hub.csrfToken = parseJson(result->body)["csrf_token"].get<std::string>();
    const auto sites = hub.admin("GET", "/api/v1/admin/sites");
    REQUIRE(sites.status == 200);
    CHECK(sites.json()["sites"].size() == 13);
    hub.admin("POST", "/api/v1/logout");
    CHECK(hub.admin("GET", "/api/v1/admin/sites").status == 401);
}

TEST_CASE("five failed logins lock an account for 15 minutes", "[hub][coordinator][throttle]") {
    RunningHub hub;
    hub.storage().saveCoordinator("coord@ccsb.example", hashPassword("un mot de passe solide"), systemNowMs());
    for (int i = 0; i < 5; ++i) {
        CHECK(hub.post("/api/v1/login", loginBody("coord@ccsb.example", "mauvais " + std::to_string(i))).status == 401);
    }
    const auto locked = hub.post("/api/v1/login", loginBody("coord@ccsb.example", "un mot de passe solide"));
    CHECK(locked.status == 429);
    CHECK(locked.json()["error"].get<std::string>().find("15 minutes") != std::string::npos);

    hub.clockShiftMs = 15 * kMinuteMs + 1000;
    CHECK(hub.post("/api/v1/login", loginBody("coord@ccsb.example", "un mot de passe solide")).status == 200);
}

TEST_CASE("a locked login's 429 says in Retry-After the whole seconds until a try is allowed", "[hub][coordinator][throttle]") {
    RunningHub hub;
    hub.storage().saveCoordinator("coord@ccsb.example", hashPassword("un mot de passe solide"), systemNowMs());
    for (int i = 0; i < 5; ++i) {
        CHECK(hub.post("/api/v1/login", loginBody("coord@ccsb.example", "mauvais " + std::to_string(i))).status == 401);
    }
    const auto tryLogin = [&hub] {
        auto reply = hub.client()->Post("/api/v1/login", loginBody("coord@ccsb.example", "un mot de passe solide"), "application/json");
        REQUIRE(reply);
        return reply;
    };
    const auto locked = tryLogin();
    REQUIRE(locked->status == 429);
    REQUIRE(locked->has_header("Retry-After"));
    const int wait = std::stoi(locked->get_header_value("Retry-After"));
    CHECK(wait > 14 * 60);
    CHECK(wait <= 15 * 60);
    CHECK(parseJson(locked->body)["error"].get<std::string>().find("15 minutes") != std::string::npos);

    // Two seconds short of it: still locked, and told what is left.
    hub.clockShiftMs = (wait - 2) * 1000LL;
    const auto almost = tryLogin();
    CHECK(almost->status == 429);
    REQUIRE(almost->has_header("Retry-After"));
    CHECK(std::stoi(almost->get_header_value("Retry-After")) >= 1);
    CHECK(std::stoi(almost->get_header_value("Retry-After")) <= 2);
    CHECK(parseJson(almost->body)["error"].get<std::string>().find("seconde") != std::string::npos);
    // Once waited: let in.
    hub.clockShiftMs = wait * 1000LL;
    CHECK(tryLogin()->status == 200);
}

TEST_CASE("five failed logins from one address lock that address, whatever the account", "[hub][coordinator][throttle]") {
    RunningHub hub;
    hub.storage().saveCoordinator("coord@ccsb.example", hashPassword("un mot de passe solide"), systemNowMs());
    for (int i = 0; i < 5; ++i) {
        CHECK(hub.post("/api/v1/login", loginBody("inconnu" + std::to_string(i) + "@example.org", "x")).status == 401);
    }
    CHECK(hub.post("/api/v1/login", loginBody("coord@ccsb.example", "un mot de passe solide")).status == 429);
}

TEST_CASE("a coordinator's changes reach the kiosk at its next sync", "[hub][coordinator]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const SyncResponse first = decodeSyncResponse(hub.post("/api/v1/sync", kiosk.syncBody({}), kiosk.token()).body);

    Json site = hub.listedSite("fleurie-boulangerie");
    site["hours"]["weekly"]["mon"] = "07:00-12:00";
    site["animator"]["phone"] = "+33 6 11 22 33 44";
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/fleurie-boulangerie", site.dump()).status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/override", R"({"value": "closed", "reason": "Inventaire"})").status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/places/fenetre/service",
                      R"({"in_service": false, "reason": "Chaise cassée"})").status == 200);
    const auto published = hub.admin("POST", "/api/v1/admin/announcements",
                                     R"({"text": "Atelier numérique jeudi", "valid_from": "2026-01-01", "valid_until": "2026-12-31"})");
    REQUIRE(published.status == 201);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/shopkeeper-pin", R"({"pin": "482913"})").status == 200);
    CHECK(hub.admin("DELETE", "/api/v1/admin/announcements/01a00000-0000-7000-8000-000000000000").status == 404);

    hub.clockShiftMs += kAvailabilityReuseMs;  // the free places counted at the first sync have had their time
    const SyncResponse next = decodeSyncResponse(hub.post("/api/v1/sync", kiosk.syncBody({}, first.cursor), kiosk.token()).body);
    const auto configured = eventsOfKind<SiteConfigured>(next);
    REQUIRE(configured.size() == 1);
    CHECK(configured[0].site.animator.phone == "+33 6 11 22 33 44");
    CHECK(configured[0].site.hours.weekly[0] == DayRanges{{420, 720}});
    REQUIRE(eventsOfKind<SiteOverrideSet>(next).size() == 1);
    CHECK(eventsOfKind<SiteOverrideSet>(next)[0].reason == "Inventaire");
    CHECK(eventsOfKind<PlaceServiceChanged>(next).size() == 1);
    CHECK(eventsOfKind<AnnouncementPublished>(next).size() == 1);
    const auto pins = eventsOfKind<ShopkeeperPinSet>(next);
    REQUIRE(pins.size() == 1);
    CHECK(verifyPassword(pins[0].pinHash, "482913"));
    for (const SiteAvailability& a : next.changes.availability) {
        if (a.siteId == "fleurie-boulangerie") CHECK_FALSE(a.open);
    }

    // Another site's kiosk hears of the hours, never of Fleurie's PIN.
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    const SyncResponse other = decodeSyncResponse(hub.post("/api/v1/sync", beaujeu.syncBody({}), beaujeu.token()).body);
    CHECK(eventsOfKind<ShopkeeperPinSet>(other).empty());
    CHECK(eventsOfKind<SiteOverrideSet>(other).size() == 1);
}

TEST_CASE("a coordinator can force a check-out, once", "[hub][coordinator]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const Event checkIn = kiosk.checkIn("fleurie-boulangerie/fenetre");
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({checkIn}), kiosk.token()).status == 200);
    const std::string visitId = std::get<VisitStarted>(checkIn.payload).visitId;
    CHECK(hub.admin("POST", "/api/v1/admin/visits/" + visitId + "/check-out").status == 200);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE ended_how = 'coordinator'") == 1);
    CHECK(hub.admin("POST", "/api/v1/admin/visits/" + visitId + "/check-out").status == 409);
    CHECK(hub.admin("POST", "/api/v1/admin/visits/01a00000-0000-7000-8000-000000000000/check-out").status == 404);
}

TEST_CASE("bad coordinator input is refused with the field and changes nothing", "[hub][coordinator]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const auto events = hub.count("SELECT count(*) FROM events");
    CHECK(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/override", R"({"value": "maybe"})").json()["field"] == "value");
    CHECK(hub.admin("POST", "/api/v1/admin/sites/nowhere/override", R"({"value": "closed"})").status == 404);
    CHECK(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/shopkeeper-pin", R"({"pin": "1234"})").json()["field"] == "pin");
    const auto badDates = hub.admin("POST", "/api/v1/admin/announcements",
                                    R"({"text": "x", "valid_from": "2026-12-31", "valid_until": "2026-01-01"})");
    CHECK(badDates.status == 400);
    CHECK(badDates.json()["field"] == "valid_until");
    Json site = hub.admin("GET", "/api/v1/admin/sites").json()["sites"][0];
    site["hours"]["weekly"]["tue"] = "25:00-26:00";
    const auto badHours = hub.admin("PUT", "/api/v1/admin/sites/" + site["id"].get<std::string>(), site.dump());
    CHECK(badHours.status == 400);
    CHECK(badHours.json()["field"] == "hours.weekly.tue");
    CHECK(hub.admin("PUT", "/api/v1/admin/settings", R"({"visit_link_months": 12})").status == 400);
    CHECK(hub.count("SELECT count(*) FROM events") == events);
}

TEST_CASE("a coordinator makes enrollment codes and manages devices", "[hub][coordinator]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const auto code = hub.admin("POST", "/api/v1/admin/enrollment-codes", R"({"site_id": "taponas-epicerie"})");
    REQUIRE(code.status == 201);
    const auto enrolled = hub.post("/api/v1/enroll", toJson(EnrollRequest{code.json()["code"], "Caisse", "0.1.0"}).dump());
    REQUIRE(enrolled.status == 201);
    const std::string deviceId = decodeEnrollResponse(enrolled.body).deviceId;
    const Json devices = hub.admin("GET", "/api/v1/admin/devices").json()["devices"];
    REQUIRE(devices.size() == 1);
    CHECK(devices[0]["site_id"] == "taponas-epicerie");
    CHECK(hub.admin("POST", "/api/v1/admin/devices/" + deviceId + "/revoke").status == 200);
    CHECK(hub.admin("GET", "/api/v1/admin/devices").json()["devices"][0]["revoked"] == true);
}

TEST_CASE("a message's fate goes back to its own site only, and the coordinator sees it waiting", "[hub][coordinator]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    const TimeMs now = systemNowMs();
    const AnimatorMessage message{newUuid7(now), "fleurie-boulangerie", "Zoé", "", "Plus de café !", now, DeliveryState::Pending};
    REQUIRE(hub.post("/api/v1/sync", fleurie.syncBody({fleurie.event(MessageSent{message})}), fleurie.token()).status == 200);

    const SyncResponse own = decodeSyncResponse(hub.post("/api/v1/sync", fleurie.syncBody({}), fleurie.token()).body);
    const auto states = eventsOfKind<MessageStateChanged>(own);
    REQUIRE(states.size() == 1);
    CHECK(states[0].state == DeliveryState::Sent);
    const SyncResponse other = decodeSyncResponse(hub.post("/api/v1/sync", beaujeu.syncBody({}), beaujeu.token()).body);
    CHECK(eventsOfKind<MessageStateChanged>(other).empty());

    const Json waiting = hub.admin("GET", "/api/v1/admin/messages").json()["messages"];
    REQUIRE(waiting.size() == 1);
    CHECK(waiting[0]["id"] == message.id);
    CHECK(waiting[0]["site_id"] == "fleurie-boulangerie");
}
