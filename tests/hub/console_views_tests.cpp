// The console's views and admin routes over HTTPS, as a coordinator (roles are
// tested on the services in console_roles_tests.cpp).
#include <catch2/catch.hpp>

#include "events/entity_codec.hpp"
#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;
using cowork::hub::testing::syncAccepted;

namespace {

const Json& siteIn(const Json& sites, const std::string& siteId) {
    for (const Json& site : sites) {
        if (site["id"] == siteId) return site;
    }
    throw std::runtime_error("site not listed: " + siteId);
}

std::int64_t audited(const RunningHub& hub, const std::string& action) {
    return hub.count("SELECT count(*) FROM hub_audit WHERE action = '" + action + "'");
}

}  // namespace

TEST_CASE("the overview gives every site's state, places, animator and kiosks' health", "[console-views][overview]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    syncAccepted(hub, kiosk, kiosk.syncRequest({kiosk.checkIn("fleurie-boulangerie/fenetre")}));
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/places/comptoir/service", R"({"in_service": false})").status == 200);

    const auto reply = hub.admin("GET", "/api/v1/console/overview");
    REQUIRE(reply.status == 200);
    const Json overview = reply.json();
    CHECK(overview["now"].is_number_integer());
    CHECK(overview["sites"].size() == hub.storage().sites().size());
    const Json& fleurie = siteIn(overview["sites"], "fleurie-boulangerie");
    CHECK(fleurie["name"] == "Mini-cowork de la boulangerie");
    CHECK(fleurie["kind"] == "mini-cowork");
    CHECK(fleurie["commune"] == "Fleurie");
    CHECK(fleurie["lat"] == 46.1925);
    CHECK(fleurie["places"] == Json{{"free", 0}, {"taken", 1}, {"out_of_service", 1}, {"total", 2}});
    const std::string state = fleurie["state"];
    CHECK((state == "closed" || state == "full"));  // its one place in service is taken
    CHECK(fleurie["animator"]["name"] == "Léa D.");
    CHECK(fleurie["animator"]["present"].is_null());  // written as free text
    CHECK(fleurie["health"]["level"] == "ok");
    CHECK(fleurie["health"]["kiosks"] == 1);
    CHECK(fleurie["health"]["last_sync"].is_number_integer());
    const Json& beaujeu = siteIn(overview["sites"], "beaujeu-tiers-lieu");
    CHECK(beaujeu["health"]["level"] == "unknown");
    CHECK(beaujeu["health"]["kiosks"] == 0);
    CHECK(beaujeu["health"]["last_sync"].is_null());
    CHECK(hub.get("/api/v1/console/overview").status == 401);
}

TEST_CASE("a site's page gives its 28-day preview with dated exceptions, its kiosks and today's visits", "[console-views][site]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    syncAccepted(hub, kiosk, kiosk.syncRequest({kiosk.checkIn("fleurie-boulangerie/fenetre")}));
    Json site = hub.listedSite("fleurie-boulangerie");
    const LocalDate today = toParisLocal(systemNowMs()).date;
    const std::string inAWeek = formatLocalDate(addDays(today, 7));
    site["hours"]["exceptions"] = Json::array({{{"date", inAWeek}, {"hours", "10:00-12:00,14:00-16:30"}, {"reason", "Inventaire"}}});
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/fleurie-boulangerie", site.dump()).status == 200);

    const auto reply = hub.admin("GET", "/api/v1/console/sites/fleurie-boulangerie");
    REQUIRE(reply.status == 200);
    const Json page = reply.json();
    CHECK(page["site"]["id"] == "fleurie-boulangerie");
    CHECK(page["places"].size() == 2);
    CHECK(page["state"]["override"] == "none");
    CHECK(page["state"]["next_change"].is_number_integer());
    CHECK(page["health"]["level"] == "ok");
    REQUIRE(page["kiosks"].size() == 1);
    CHECK(page["kiosks"][0]["health"] == "ok");
    REQUIRE(page["preview"].size() == 28);
    CHECK(page["preview"][0]["date"] == formatLocalDate(today));
    CHECK(page["preview"][7]["date"] == inAWeek);
    CHECK(page["preview"][7]["ranges"] == Json::parse(R"([["10:00","12:00"],["14:00","16:30"]])"));
    CHECK(page["preview"][7]["reason"] == "Inventaire");
    for (const Json& day : page["preview"]) {
        const bool sunday = weekdayOf(parseLocalDate(day["date"], "date")) == 6;
        if (sunday && day["date"] != inAWeek) CHECK(day["ranges"].empty());  // closed on Sundays but for the exception
    }
    REQUIRE(page["visits_today"].size() == 1);
    CHECK(page["visits_today"][0]["place_id"] == "fleurie-boulangerie/fenetre");
    CHECK(page["visits_today"][0]["first_name"].is_null());
    CHECK(page["visits_today"][0]["ended_at"].is_null());
    CHECK(hub.admin("GET", "/api/v1/console/sites/nowhere").status == 404);
}

TEST_CASE("announcements are published for several sites at once and listed with their state", "[console-views][announcements]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const LocalDate today = toParisLocal(systemNowMs()).date;
    const auto dates = [&](int from, int until) {
        return R"("valid_from": ")" + formatLocalDate(addDays(today, from)) + R"(", "valid_until": ")" + formatLocalDate(addDays(today, until)) + "\"";
    };
    const auto published = hub.admin("POST", "/api/v1/admin/announcements",
                                     R"({"site_ids": ["fleurie-boulangerie", "beaujeu-tiers-lieu"], "text": "Atelier CV", )" + dates(0, 3) + "}");
    REQUIRE(published.status == 201);
    REQUIRE(published.json()["ids"].size() == 2);
    REQUIRE(hub.admin("POST", "/api/v1/admin/announcements", R"({"text": "Fermeture d'été", )" + dates(10, 20) + "}").status == 201);
    const std::string past = hub.admin("POST", "/api/v1/admin/announcements", R"({"text": "Hier", )" + dates(-3, -1) + "}").json()["ids"][0];
    CHECK(hub.admin("POST", "/api/v1/admin/announcements", R"({"site_ids": ["nowhere"], "text": "x", )" + dates(0, 1) + "}").status == 404);
    REQUIRE(hub.admin("DELETE", "/api/v1/admin/announcements/" + past).status == 200);

    const Json listed = hub.admin("GET", "/api/v1/admin/announcements").json()["announcements"];
    REQUIRE(listed.size() == 4);
    std::map<std::string, int> states;
    for (const Json& a : listed) ++states[a["state"].get<std::string>() + (a["withdrawn"] == true ? "/withdrawn" : "")];
    CHECK(states == std::map<std::string, int>{{"active", 2}, {"scheduled", 1}, {"past/withdrawn", 1}});
    CHECK(audited(hub, "announcement.published") == 4);
    CHECK(audited(hub, "announcement.withdrawn") == 1);
    // The site's page shows what is current or coming for it, network-wide included.
    CHECK(hub.admin("GET", "/api/v1/console/sites/fleurie-boulangerie").json()["announcements"].size() == 2);
}

TEST_CASE("an enrollment code comes with the kiosk's file, the hub's pins and a QR code", "[console-views][enroll]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const auto reply = hub.admin("POST", "/api/v1/admin/enrollment-codes", R"({"site_id": "taponas-epicerie"})");
    REQUIRE(reply.status == 201);
    const Json sheet = reply.json();
    const std::string hubUrl = "https://127.0.0.1:" + std::to_string(hub.port());
    CHECK(sheet["hub_url"] == hubUrl);
    REQUIRE_FALSE(sheet["hub_pins"].empty());
    CHECK(sheet["enroll_file"] == "# cowork-enroll.txt\nurl=" + hubUrl + "\ncode=" + sheet["code"].get<std::string>() +
                                      "\npin=" + sheet["hub_pins"][0].get<std::string>() + "\n");
    const std::string svg = sheet["qr_svg"];
    CHECK(svg.rfind("<svg ", 0) == 0);
    CHECK(svg.find("crispEdges") != std::string::npos);
    CHECK(audited(hub, "enrollment_code.created") == 1);
    CHECK(hub.count("SELECT count(*) FROM hub_audit WHERE after LIKE '%" + sheet["code"].get<std::string>() + "%'") == 0);
    // The code enrolls, once.
    CHECK(hub.post("/api/v1/enroll", toJson(EnrollRequest{sheet["code"], "Caisse", "0.1.0"}).dump()).status == 201);
}

TEST_CASE("devices carry their health; revoking is audited", "[console-views][devices]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    syncAccepted(hub, kiosk, kiosk.syncRequest({}));
    Json devices = hub.admin("GET", "/api/v1/admin/devices").json()["devices"];
    REQUIRE(devices.size() == 1);
    CHECK(devices[0]["health"] == "ok");
    REQUIRE(hub.admin("POST", "/api/v1/admin/devices/" + kiosk.deviceId() + "/revoke").status == 200);
    CHECK(hub.admin("GET", "/api/v1/admin/devices").json()["devices"][0]["health"] == "unknown");
    CHECK(hub.count("SELECT count(*) FROM hub_audit WHERE action = 'device.revoked' AND site_id = 'fleurie-boulangerie'") == 1);
    CHECK(hub.admin("GET", "/api/v1/console/overview").json()["sites"][0]["health"]["kiosks"].is_number_integer());
}

TEST_CASE("kiosk messages are listed with their emailing, retried and marked handled", "[console-views][messages]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    const TimeMs now = systemNowMs();
    const AnimatorMessage message{newUuid7(now), "fleurie-boulangerie", "Zoé", "06 00 00 00 00", "Plus de café !", now, DeliveryState::Pending};
    const AnimatorMessage other{newUuid7(now + 1), "beaujeu-tiers-lieu", "Tom", "", "Wifi en panne", now + 1, DeliveryState::Pending};
    syncAccepted(hub, fleurie, fleurie.syncRequest({fleurie.event(MessageSent{message})}));
    syncAccepted(hub, beaujeu, beaujeu.syncRequest({beaujeu.event(MessageSent{other})}));
    hub.storage().recordMailFailure(message.id, "550 boîte inconnue", now, now + kHourMs);

    const Json all = hub.admin("GET", "/api/v1/admin/messages").json()["messages"];
    REQUIRE(all.size() == 2);
    const Json fleurieOnly = hub.admin("GET", "/api/v1/admin/messages?site=fleurie-boulangerie").json()["messages"];
    REQUIRE(fleurieOnly.size() == 1);
    const Json& listed = fleurieOnly[0];
    CHECK(listed["id"] == message.id);
    CHECK(listed["from_name"] == "Zoé");
    CHECK(listed["contact"] == "06 00 00 00 00");
    CHECK(listed["text"] == "Plus de café !");
    CHECK(listed["state"] == "failed");
    CHECK(listed["attempts"] == 1);
    CHECK(listed["last_error"] == "550 boîte inconnue");
    CHECK(listed["next_attempt_at"] == now + kHourMs);
    CHECK(listed["handled_at"].is_null());

    const auto retried = hub.admin("POST", "/api/v1/admin/messages/" + message.id + "/retry");
    REQUIRE(retried.status == 200);
    CHECK(retried.json()["next_attempt_at"].get<TimeMs>() <= systemNowMs());
    CHECK(hub.storage().mailDue(systemNowMs(), 10).size() == 2);
    const auto handled = hub.admin("POST", "/api/v1/admin/messages/" + message.id + "/handled");
    REQUIRE(handled.status == 200);
    CHECK(handled.json()["handled_at"].is_number_integer());
    CHECK(hub.admin("POST", "/api/v1/admin/messages/01a00000-0000-7000-8000-000000000000/handled").status == 404);
    REQUIRE(hub.storage().recordMailDelivered(other.id, systemNowMs()));
    CHECK(hub.admin("POST", "/api/v1/admin/messages/" + other.id + "/retry").status == 409);
    CHECK(audited(hub, "message.retried") == 1);
    CHECK(audited(hub, "message.handled") == 1);
    CHECK(hub.count("SELECT count(*) FROM hub_audit WHERE after LIKE '%Zoé%' OR before LIKE '%Zoé%'") == 0);
}

TEST_CASE("anomalies name the site of the kiosk they came from", "[console-views][anomalies]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    SyncRequest request = kiosk.syncRequest({});
    request.setAside = {SetAsideReport{newUuid7(systemNowMs()), "visit.started", "lieu inconnu", systemNowMs()}};
    syncAccepted(hub, kiosk, request);
    const Json anomalies = hub.admin("GET", "/api/v1/admin/anomalies").json()["anomalies"];
    REQUIRE(anomalies.size() == 1);
    CHECK(anomalies[0]["site_id"] == "fleurie-boulangerie");
    CHECK(hub.admin("GET", "/api/v1/console/overview").json()["sites"].dump().find("\"down\"") != std::string::npos);
}

TEST_CASE("every change through the admin routes writes one audit entry", "[console-views][audit]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const Event checkIn = kiosk.checkIn("fleurie-boulangerie/fenetre");
    syncAccepted(hub, kiosk, kiosk.syncRequest({checkIn}));
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/fleurie-boulangerie", hub.listedSite("fleurie-boulangerie").dump()).status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/override", R"({"value": "full"})").status == 200);
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/fleurie-boulangerie/places/fenetre", R"({"label": "Fenêtre"})").status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/places/fenetre/service", R"({"in_service": false})").status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/shopkeeper-pin", R"({"pin": "482913"})").status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/visits/" + std::get<VisitStarted>(checkIn.payload).visitId + "/check-out").status == 200);
    REQUIRE(hub.admin("PUT", "/api/v1/admin/settings", R"({"visit_link_months": 2})").status == 200);
    for (const char* action : {"site.saved", "site.override_set", "place.saved", "place.service_changed", "shopkeeper_pin.reset",
                               "visit.checked_out", "settings.saved"}) {
        INFO(action);
        CHECK(audited(hub, action) == 1);
    }
    CHECK(hub.count("SELECT count(*) FROM hub_audit WHERE user_email = 'coord@ccsb.example'") == 7);
    CHECK(hub.count("SELECT count(*) FROM hub_audit WHERE coalesce(after, '') LIKE '%482913%'") == 0);
    // Refused changes write nothing.
    CHECK(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/override", R"({"value": "maybe"})").status == 400);
    CHECK(hub.count("SELECT count(*) FROM hub_audit") == 7);
}
