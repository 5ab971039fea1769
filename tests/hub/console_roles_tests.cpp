// The console's role rules, called on the services directly with a principal
// of each role (real animator and elected accounts come with the accounts work).
#include <catch2/catch.hpp>

#include "access/figures_access.hpp"
#include "domain/member_code.hpp"
#include "events/uuid7.hpp"
#include "import/network_file.hpp"
#include "service/console_view_service.hpp"
#include "service/coordinator_service.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "test_support.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

constexpr const char* kDemoNetwork = COWORK_SOURCE_DIR "/assets/demo/ccsb-network.json";

class RecordingAuditLog final : public AuditLog {
public:
    void record(const Principal& who, const AuditRecord& what) override {
        emails.push_back(who.email);
        records.push_back(what);
    }
    std::vector<std::string> emails;
    std::vector<AuditRecord> records;
};

// A Thursday, 10:00 in Paris: Fleurie's bakery is open.
const TimeMs kThursdayMorning = parisLocalToUtc({2026, 12, 10}, 10 * 60);

struct Network {
    Network() : storage(dir.file("hub.db")) { storage.importNetwork(loadNetworkFile(kDemoNetwork), kThursdayMorning); }
    cowork::testing::TempDir dir;
    SqliteHubStorage storage;
    RecordingAuditLog audit;
    Clock clock = [] { return kThursdayMorning; };
    CoordinatorService coordinator{storage, clock, audit, {"sha256//AAAA="}};
    ConsoleViewService views{storage, clock, audit};

    std::string startVisit(const std::string& siteId, const std::string& placeId, std::optional<std::string> memberId) {
        const std::string visitId = newUuid7(kThursdayMorning);
        storage.recordHubEvents({VisitStarted{visitId, siteId, placeId, std::move(memberId), kThursdayMorning - kMinuteMs}},
                                kThursdayMorning);
        return visitId;
    }
    std::string registerMember(const std::string& firstName) {
        Member member;
        member.id = newUuid7(kThursdayMorning);
        member.code = generateMemberCode([](const std::string&) { return false; });
        member.firstName = firstName;
        member.consentAt = kThursdayMorning;
        storage.recordHubEvents({MemberRegistered{member}}, kThursdayMorning);
        return member.id;
    }
    std::string sendMessage(const std::string& siteId) {
        const AnimatorMessage message{newUuid7(kThursdayMorning), siteId, "Zoé", "06 00 00 00 00", "Plus de café !",
                                      kThursdayMorning, DeliveryState::Sent};
        storage.recordHubEvents({MessageSent{message}}, kThursdayMorning);
        return message.id;
    }
};

const Principal kCoordinator{"u-coord", "coord@ccsb.example", Role::Coordinator, {}};
const Principal kFleurieAnimator{"u-anim", "lea@ccsb.example", Role::Animator, {"fleurie-boulangerie"}};
const Principal kElected{"u-elu", "maire@ccsb.example", Role::Elected, {}};

template <typename Action>
int statusOf(Action action) {
    try {
        action();
        return 200;
    } catch (const ApiError& e) {
        return e.status();
    }
}

std::vector<std::string> idsOf(const Json& list) {
    std::vector<std::string> ids;
    for (const Json& entry : list) ids.push_back(entry["id"]);
    return ids;
}

}  // namespace

TEST_CASE("an animator changes their own site's override and places, not another site's", "[console-views][roles]") {
    Network n;
    const std::string closed = R"({"value": "closed", "reason": "Inventaire"})";
    CHECK(statusOf([&] { n.coordinator.setSiteOverride(kFleurieAnimator, "beaujeu-tiers-lieu", closed); }) == 403);
    CHECK(statusOf([&] { n.coordinator.setPlaceService(kFleurieAnimator, "beaujeu-tiers-lieu", "1", R"({"in_service": false})"); }) == 403);
    CHECK(n.audit.records.empty());
    CHECK(statusOf([&] { n.coordinator.setSiteOverride(kFleurieAnimator, "fleurie-boulangerie", closed); }) == 200);
    CHECK(statusOf([&] {
        n.coordinator.setPlaceService(kFleurieAnimator, "fleurie-boulangerie", "fenetre", R"({"in_service": false, "reason": "Chaise"})");
    }) == 200);
    REQUIRE(n.audit.records.size() == 2);
    CHECK(n.audit.records[0].action == "site.override_set");
    CHECK(n.audit.records[0].before["value"] == "none");
    CHECK(n.audit.records[0].after["value"] == "closed");
    CHECK(n.audit.records[1].action == "place.service_changed");
    CHECK(n.audit.records[1].siteId == "fleurie-boulangerie");
    CHECK(n.audit.emails[1] == "lea@ccsb.example");
}

TEST_CASE("configuration stays the coordinator's: site, place names, PIN, enrollment, devices, settings", "[console-views][roles]") {
    Network n;
    const Json site = n.coordinator.listSites(kCoordinator)["sites"][0];
    for (const Principal& who : {kFleurieAnimator, kElected}) {
        CHECK(statusOf([&] { n.coordinator.saveSite(who, "fleurie-boulangerie", site.dump()); }) == 403);
        CHECK(statusOf([&] { n.coordinator.savePlace(who, "fleurie-boulangerie", "fenetre", R"({"label": "X"})"); }) == 403);
        CHECK(statusOf([&] { n.coordinator.resetShopkeeperPin(who, "fleurie-boulangerie", R"({"pin": "482913"})"); }) == 403);
        CHECK(statusOf([&] { n.coordinator.createEnrollmentCode(who, R"({"site_id": "fleurie-boulangerie"})", "hub"); }) == 403);
        CHECK(statusOf([&] { n.coordinator.revokeDevice(who, "01a00000-0000-7000-8000-000000000000"); }) == 403);
        CHECK(statusOf([&] { n.coordinator.settings(who); }) == 403);
        CHECK(statusOf([&] { n.coordinator.saveSettings(who, R"({"visit_link_months": 3})"); }) == 403);
        CHECK(statusOf([&] { n.coordinator.eventAnomalies(who); }) == 403);
    }
    CHECK(n.audit.records.empty());
}

TEST_CASE("an elected official may change nothing at all", "[console-views][roles]") {
    Network n;
    const std::string visitId = n.startVisit("fleurie-boulangerie", "fleurie-boulangerie/fenetre", std::nullopt);
    const std::string messageId = n.sendMessage("fleurie-boulangerie");
    const auto events = n.storage.eventCount();
    CHECK(statusOf([&] { n.coordinator.setSiteOverride(kElected, "fleurie-boulangerie", R"({"value": "full"})"); }) == 403);
    CHECK(statusOf([&] { n.coordinator.setPlaceService(kElected, "fleurie-boulangerie", "fenetre", R"({"in_service": false})"); }) == 403);
    CHECK(statusOf([&] {
        n.coordinator.publishAnnouncement(kElected, R"({"site_ids": ["fleurie-boulangerie"], "text": "x", "valid_from": "2026-12-01", "valid_until": "2026-12-31"})");
    }) == 403);
    CHECK(statusOf([&] { n.coordinator.publishAnnouncement(kElected, R"({"text": "x", "valid_from": "2026-12-01", "valid_until": "2026-12-31"})"); }) == 403);
    CHECK(statusOf([&] { n.coordinator.checkOutVisit(kElected, visitId); }) == 403);
    CHECK(statusOf([&] { n.coordinator.listDevices(kElected); }) == 403);
    CHECK(statusOf([&] { n.views.messages(kElected, ""); }) == 403);
    CHECK(statusOf([&] { n.views.messages(kElected, "fleurie-boulangerie"); }) == 403);
    CHECK(statusOf([&] { n.views.retryMessage(kElected, messageId); }) == 403);
    CHECK(statusOf([&] { n.views.markMessageHandled(kElected, messageId); }) == 403);
    CHECK(n.storage.eventCount() == events);
    CHECK(n.audit.records.empty());
}

TEST_CASE("an animator publishes and withdraws for their sites only, never for the whole network", "[console-views][roles]") {
    Network n;
    const std::string dates = R"("text": "Atelier CV jeudi", "valid_from": "2026-12-01", "valid_until": "2026-12-31")";
    const auto events = n.storage.eventCount();
    const auto networkWide = [&] { n.coordinator.publishAnnouncement(kFleurieAnimator, "{" + dates + "}"); };
    CHECK(statusOf(networkWide) == 403);
    try {
        networkWide();
    } catch (const ApiError& e) {
        CHECK(e.field() == "site_ids");
    }
    // One site not theirs: nothing is published, not even for their own.
    CHECK(statusOf([&] {
        n.coordinator.publishAnnouncement(kFleurieAnimator, R"({"site_ids": ["fleurie-boulangerie", "beaujeu-tiers-lieu"], )" + dates + "}");
    }) == 403);
    CHECK(n.storage.eventCount() == events);

    const Json own = n.coordinator.publishAnnouncement(kFleurieAnimator, R"({"site_ids": ["fleurie-boulangerie"], )" + dates + "}");
    // The older one-site form is one site, never the whole network.
    CHECK(statusOf([&] { n.coordinator.publishAnnouncement(kFleurieAnimator, R"({"site_id": "beaujeu-tiers-lieu", )" + dates + "}"); }) == 403);
    REQUIRE(own["ids"].size() == 1);
    const Json all = n.coordinator.publishAnnouncement(kCoordinator, "{" + dates + "}");
    const Json beaujeu = n.coordinator.publishAnnouncement(kCoordinator, R"({"site_ids": ["beaujeu-tiers-lieu"], )" + dates + "}");
    CHECK(statusOf([&] { n.coordinator.withdrawAnnouncement(kFleurieAnimator, all["ids"][0]); }) == 403);
    CHECK(statusOf([&] { n.coordinator.withdrawAnnouncement(kFleurieAnimator, beaujeu["ids"][0]); }) == 403);
    CHECK(statusOf([&] { n.coordinator.withdrawAnnouncement(kFleurieAnimator, own["ids"][0]); }) == 200);

    // The animator's list: theirs and the network's, not Beaujeu's.
    const Json listed = n.views.announcements(kFleurieAnimator)["announcements"];
    CHECK(listed.size() == 2);
    for (const Json& a : listed) CHECK(a["id"] != beaujeu["ids"][0]);
    CHECK(n.views.announcements(kElected)["announcements"].size() == 3);
    CHECK(n.audit.records.back().action == "announcement.withdrawn");
    CHECK(n.audit.records.back().after["withdrawn"] == true);
}

TEST_CASE("an animator sees their sites only; an elected official sees every site but no first name", "[console-views][roles]") {
    Network n;
    const std::string zoe = n.registerMember("Zoé");
    n.startVisit("fleurie-boulangerie", "fleurie-boulangerie/fenetre", zoe);
    n.startVisit("fleurie-boulangerie", "fleurie-boulangerie/comptoir", std::nullopt);

    CHECK(idsOf(n.views.overview(kFleurieAnimator)["sites"]) == std::vector<std::string>{"fleurie-boulangerie"});
    CHECK(idsOf(n.coordinator.listSites(kFleurieAnimator)["sites"]) == std::vector<std::string>{"fleurie-boulangerie"});
    const auto everySite = n.storage.sites().size();
    CHECK(n.views.overview(kElected)["sites"].size() == everySite);
    CHECK(n.coordinator.listSites(kElected)["sites"].size() == everySite);
    CHECK(statusOf([&] { n.views.site(kFleurieAnimator, "beaujeu-tiers-lieu"); }) == 403);

    const Json forElected = n.views.site(kElected, "fleurie-boulangerie");
    CHECK_FALSE(forElected.contains("visits_today"));
    CHECK(forElected.dump().find("Zoé") == std::string::npos);
    CHECK(n.views.overview(kElected).dump().find("Zoé") == std::string::npos);

    const Json forAnimator = n.views.site(kFleurieAnimator, "fleurie-boulangerie");
    REQUIRE(forAnimator["visits_today"].size() == 2);
    CHECK(forAnimator["visits_today"][0]["first_name"] == "Zoé");
    CHECK(forAnimator["visits_today"][1]["first_name"].is_null());
}

TEST_CASE("an animator forces a check-out and reads messages at their sites only", "[console-views][roles]") {
    Network n;
    const std::string beaujeuVisit = n.startVisit("beaujeu-tiers-lieu", "beaujeu-tiers-lieu/1", std::nullopt);
    const std::string fleurieVisit = n.startVisit("fleurie-boulangerie", "fleurie-boulangerie/fenetre", std::nullopt);
    CHECK(statusOf([&] { n.coordinator.checkOutVisit(kFleurieAnimator, beaujeuVisit); }) == 403);
    CHECK(statusOf([&] { n.coordinator.checkOutVisit(kFleurieAnimator, fleurieVisit); }) == 200);
    REQUIRE(n.audit.records.size() == 1);
    CHECK(n.audit.records[0].action == "visit.checked_out");
    CHECK(n.audit.records[0].objectId == fleurieVisit);

    const std::string fleurieMessage = n.sendMessage("fleurie-boulangerie");
    const std::string beaujeuMessage = n.sendMessage("beaujeu-tiers-lieu");
    CHECK(idsOf(n.views.messages(kFleurieAnimator, "")["messages"]) == std::vector<std::string>{fleurieMessage});
    CHECK(statusOf([&] { n.views.messages(kFleurieAnimator, "beaujeu-tiers-lieu"); }) == 403);
    CHECK(n.views.messages(kCoordinator, "")["messages"].size() == 2);
    CHECK(idsOf(n.views.messages(kCoordinator, "beaujeu-tiers-lieu")["messages"]) == std::vector<std::string>{beaujeuMessage});
    CHECK(statusOf([&] { n.views.markMessageHandled(kFleurieAnimator, beaujeuMessage); }) == 403);
    CHECK(statusOf([&] { n.views.retryMessage(kFleurieAnimator, beaujeuMessage); }) == 403);
    const Json handled = n.views.markMessageHandled(kFleurieAnimator, fleurieMessage);
    CHECK(handled["handled_at"] == kThursdayMorning);
    CHECK(n.audit.records.back().action == "message.handled");
    CHECK(n.audit.records.back().after.dump().find("Zoé") == std::string::npos);
}

TEST_CASE("an animator lists their kiosks only, each with its health", "[console-views][roles]") {
    Network n;
    n.storage.createEnrollmentCode("fleurie-boulangerie", kThursdayMorning);
    for (const char* siteId : {"fleurie-boulangerie", "beaujeu-tiers-lieu"}) {
        const EnrollmentCode code = n.storage.createEnrollmentCode(siteId, kThursdayMorning);
        REQUIRE(std::holds_alternative<EnrolledDevice>(n.storage.enroll(EnrollRequest{code.code, "Comptoir", "0.1.0"}, kThursdayMorning)));
    }
    const Json own = n.coordinator.listDevices(kFleurieAnimator)["devices"];
    REQUIRE(own.size() == 1);
    CHECK(own[0]["site_id"] == "fleurie-boulangerie");
    CHECK(own[0]["health"] == "silent");  // never synced, during opening hours
    CHECK(n.coordinator.listDevices(kCoordinator)["devices"].size() == 2);
}

TEST_CASE("the coordinator's changes are audited, without the PIN or the enrollment code", "[console-views][roles]") {
    Network n;
    Json site = n.coordinator.listSites(kCoordinator)["sites"][0];
    const std::string siteId = site["id"];
    site["animator"]["phone"] = "+33 6 11 22 33 44";
    n.coordinator.saveSite(kCoordinator, siteId, site.dump());
    n.coordinator.savePlace(kCoordinator, "fleurie-boulangerie", "fenetre", R"({"label": "Table au soleil"})");
    n.coordinator.resetShopkeeperPin(kCoordinator, "fleurie-boulangerie", R"({"pin": "482913"})");
    const Json code = n.coordinator.createEnrollmentCode(kCoordinator, R"({"site_id": "fleurie-boulangerie"})", "hub.ccsb.fr:8443");
    n.coordinator.saveSettings(kCoordinator, R"({"visit_link_months": 2})");
    std::vector<std::string> actions;
    for (const AuditRecord& r : n.audit.records) actions.push_back(r.action);
    CHECK(actions == std::vector<std::string>{"site.saved", "place.saved", "shopkeeper_pin.reset", "enrollment_code.created", "settings.saved"});
    CHECK(n.audit.records[0].before["animator"]["phone"] != "+33 6 11 22 33 44");
    CHECK(n.audit.records[0].after["animator"]["phone"] == "+33 6 11 22 33 44");
    CHECK(n.audit.records[1].before["label"] == "Table fenêtre");
    CHECK(n.audit.records[1].after["label"] == "Table au soleil");
    for (const AuditRecord& r : n.audit.records) {
        const std::string text = r.before.dump() + r.after.dump();
        CHECK(text.find("482913") == std::string::npos);
        CHECK(text.find(code["code"].get<std::string>()) == std::string::npos);
    }
    CHECK(n.audit.records[4].before["visit_link_months"] != 2);
    CHECK(n.audit.records[4].after["visit_link_months"] == 2);
    CHECK(code["hub_url"] == "https://hub.ccsb.fr:8443");
    CHECK(code["enroll_file"] == "# cowork-enroll.txt\nurl=https://hub.ccsb.fr:8443\ncode=" + code["code"].get<std::string>() +
                                     "\npin=sha256//AAAA=\n");
    CHECK(statusOf([&] { n.coordinator.createEnrollmentCode(kCoordinator, R"({"site_id": "fleurie-boulangerie"})", "evil\"host"); }) == 400);
}

TEST_CASE("the network's figures are for the coordination and elected officials", "[console-views][roles]") {
    CHECK(statusOf([] { requireFiguresReader(kCoordinator); }) == 200);
    CHECK(statusOf([] { requireFiguresReader(kElected); }) == 200);
    CHECK(statusOf([] { requireFiguresReader(kFleurieAnimator); }) == 403);
}
