// The public feed (docs/hub-api.md, "Données ouvertes"): its files built from the
// hub's state, the cache that answers them from memory, and the real hub's answers
// (CORS, ETag/304, Cache-Control, framing of the embed only).
#include <catch2/catch.hpp>

#include "hub_test_support.hpp"
#include "log_capture.hpp"
#include "service/public_feed.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

constexpr TimeMs kTuesday10h = 1798534800000;  // 2026-12-29 09:00Z = Tue 10:00 CET

Site site(const std::string& id, const std::string& commune, Coordinates where) {
    Site s;
    s.id = id;
    s.name = "Lieu " + id;
    s.commune = commune;
    s.address = "1 place de la Mairie";
    s.coordinates = where;
    s.hours.weekly[1] = {{8 * 60, 18 * 60}};  // Tuesday 08:00-18:00
    return s;
}

// Two sites, one kiosk heard from; three communes: one hosting a site, one with
// its position only, one with neither.
PublicState smallNetwork() {
    PublicState state;
    state.sites = {site("a", "Fleurie", {46.19, 4.70}), site("b", "Beaujeu", {46.15, 4.59})};
    state.sites[1].hours.exceptions = {{{2026, 12, 31}, {}, "Réveillon, \"fermé\""}};
    state.placeCounts = {{"a", 3}, {"b", 8}};
    state.availability = {{"a", 1, 2, true, SiteOverride::None, kTuesday10h - 5 * kMinuteMs},
                          {"b", 8, 8, true, SiteOverride::None, 0}};
    state.network.publisher = "Communauté de Communes Test";
    state.network.communes = {{"Fleurie", "69084", std::nullopt},
                              {"Lancié", "69108", Coordinates{46.17, 4.72}},
                              {"Nulle-Part", "", std::nullopt}};
    state.network.travelOverrides = {{"a", "b", 35}};
    return state;
}

Json dataOf(const PublicSnapshot& snapshot, const std::string& name) {
    const PublicFile* file = snapshot.file(name);
    REQUIRE(file != nullptr);
    const Json json = parseJson(file->body);
    CHECK(json["version"] == "3.0");
    CHECK(json["ttl"] == kPublicTtlSeconds);
    return json["data"];
}

}  // namespace

TEST_CASE("public feed: sites.json gives each site's fixed facts, its INSEE code when the network has it") {
    const auto snapshot = buildPublicSnapshot(smallNetwork(), kTuesday10h, nullptr);
    const Json data = dataOf(*snapshot, "sites.json");
    CHECK(data["license_id"] == "etalab-2.0");
    CHECK(data["license_url"] == kLicenseUrl);
    CHECK(data["attribution_organization_name"] == "Communauté de Communes Test");
    REQUIRE(data["sites"].size() == 2);
    const Json& a = data["sites"][0];
    CHECK(a["site_id"] == "a");
    CHECK(a["name"] == "Lieu a");
    CHECK(a["kind"] == "mini-cowork");
    CHECK(a["commune"] == "Fleurie");
    CHECK(a["insee"] == "69084");
    CHECK(a["address"] == "1 place de la Mairie");
    CHECK(a["lat"] == 46.19);
    CHECK(a["lon"] == 4.70);
    CHECK(a["places"] == 3);
    CHECK(a["opening_hours"] == "Tu 08:00-18:00");
    CHECK_FALSE(data["sites"][1].contains("insee"));  // Beaujeu is not in the network's communes
    CHECK(data["sites"][1]["opening_hours"] == "Tu 08:00-18:00; 2026 Dec 31 off \"Réveillon, 'fermé'\"");
    CHECK(parseJson(snapshot->file("sites.json")->body)["last_updated"] == "2026-12-29T09:00:00Z");
}

TEST_CASE("public feed: status.json says open now, free places and when the site last reported; nothing when it never did") {
    const auto snapshot = buildPublicSnapshot(smallNetwork(), kTuesday10h, nullptr);
    const Json sites = dataOf(*snapshot, "status.json")["sites"];
    CHECK(sites[0] == Json{{"site_id", "a"}, {"is_open", true}, {"num_places_available", 1}, {"num_places_in_service", 2},
                           {"last_reported", "2026-12-29T08:55:00Z"}});
    // The hub never heard from b's kiosk: it knows no visit there, so it gives no figure.
    CHECK(sites[1] == Json{{"site_id", "b"}, {"is_open", true}, {"num_places_available", nullptr}, {"num_places_in_service", 8},
                           {"last_reported", nullptr}});
}

TEST_CASE("public feed: the CSV files are the same tables, comma-separated UTF-8 with a header line") {
    const auto snapshot = buildPublicSnapshot(smallNetwork(), kTuesday10h, nullptr);
    CHECK(snapshot->file("sites.csv")->contentType == "text/csv; charset=utf-8; header=present");
    CHECK(snapshot->file("sites.csv")->body ==
          "site_id,name,kind,commune,insee,address,lat,lon,places,opening_hours\r\n"
          "a,Lieu a,mini-cowork,Fleurie,69084,1 place de la Mairie,46.19,4.7,3,Tu 08:00-18:00\r\n"
          "b,Lieu b,mini-cowork,Beaujeu,,1 place de la Mairie,46.15,4.59,8,\"Tu 08:00-18:00; 2026 Dec 31 off \"\"Réveillon, "
          "'fermé'\"\"\"\r\n");
    CHECK(snapshot->file("status.csv")->body ==
          "site_id,is_open,num_places_available,num_places_in_service,last_reported\r\n"
          "a,true,1,2,2026-12-29T08:55:00Z\r\n"
          "b,true,,8,\r\n");
}

TEST_CASE("public feed: communes.json gives travel times from each commune the page can start from") {
    const auto snapshot = buildPublicSnapshot(smallNetwork(), kTuesday10h, nullptr);
    const Json communes = dataOf(*snapshot, "communes.json")["communes"];
    REQUIRE(communes.size() == 2);  // Nulle-Part has neither a site nor a position
    // Fleurie hosts site a: from there as a's kiosk counts, the network's 35 minutes to b included.
    CHECK(communes[0] == Json{{"name", "Fleurie"}, {"insee", "69084"}, {"travel_minutes", {{"a", 0}, {"b", 35}}}});
    // Lancié: estimated from its position, as the kiosks estimate between sites.
    CHECK(communes[1]["travel_minutes"]["a"] == estimatedTravelMinutes({46.17, 4.72}, {46.19, 4.70}));
    CHECK(communes[1]["travel_minutes"]["b"] == estimatedTravelMinutes({46.17, 4.72}, {46.15, 4.59}));
}

TEST_CASE("public feed: every site of the visitor's own commune is 0 minutes away") {
    PublicState state = smallNetwork();
    state.sites.push_back(site("c", "Fleurie", {46.20, 4.71}));  // a second site in Fleurie, a kilometre off
    const Json communes = dataOf(*buildPublicSnapshot(state, kTuesday10h, nullptr), "communes.json")["communes"];
    CHECK(communes[0]["travel_minutes"] == Json{{"a", 0}, {"b", 35}, {"c", 0}});
    CHECK(communes[1]["travel_minutes"]["c"] == estimatedTravelMinutes({46.17, 4.72}, {46.20, 4.71}));
}

TEST_CASE("public feed: a file whose data did not change keeps its ETag and last_updated") {
    PublicState state = smallNetwork();
    const auto first = buildPublicSnapshot(state, kTuesday10h, nullptr);
    const auto same = buildPublicSnapshot(state, kTuesday10h + 20'000, first.get());
    CHECK(same->file("sites.json")->etag == first->file("sites.json")->etag);
    CHECK(same->file("status.json")->body == first->file("status.json")->body);
    state.availability[0].freePlaces = 0;  // someone sat down
    const auto moved = buildPublicSnapshot(state, kTuesday10h + 40'000, same.get());
    CHECK(moved->file("sites.json")->etag == first->file("sites.json")->etag);
    CHECK(moved->file("status.json")->etag != first->file("status.json")->etag);
    CHECK(moved->file("status.csv")->etag != first->file("status.csv")->etag);
    CHECK(parseJson(moved->file("status.json")->body)["last_updated"] == "2026-12-29T09:00:40Z");
}

TEST_CASE("public feed: the snapshot is good until the next opening or closing of a site, or ttl") {
    // Open until 18:00: ttl comes first.
    CHECK(buildPublicSnapshot(smallNetwork(), kTuesday10h, nullptr)->validUntil == kTuesday10h + kPublicTtlSeconds * 1000);
    // Ten seconds before 18:00 the closing comes first.
    const TimeMs closing = kTuesday10h + 8 * kHourMs;
    CHECK(buildPublicSnapshot(smallNetwork(), closing - 10'000, nullptr)->validUntil == closing);
}

TEST_CASE("public feed: answered from memory, read again after a change (once a second at most) or after ttl") {
    TimeMs now = kTuesday10h;
    int reads = 0;
    PublicState state = smallNetwork();
    PublicFeed feed([&](TimeMs) { ++reads; return state; }, [&] { return now; });
    for (int i = 0; i < 1000; ++i) feed.current();
    CHECK(reads == 1);

    state.availability[0].freePlaces = 0;
    feed.markChanged();
    now += 500;
    feed.current();
    CHECK(reads == 1);  // changes within a second share one rebuild
    now += 500;
    CHECK(parseJson(feed.current()->file("status.json")->body)["data"]["sites"][0]["num_places_available"] == 0);
    CHECK(reads == 2);
    for (int i = 0; i < 1000; ++i) feed.current();
    CHECK(reads == 2);

    now += kPublicTtlSeconds * 1000;  // a change no request told of (import-network in another process)
    feed.current();
    CHECK(reads == 3);
    now -= kHourMs;  // the clock set back: what was built "in the future" is not kept
    feed.current();
    CHECK(reads == 4);
}

TEST_CASE("public feed: a failed read keeps the previous files; with none yet it is an error") {
    TimeMs now = kTuesday10h;
    bool failing = false;
    PublicFeed feed([&](TimeMs) -> PublicState { if (failing) throw std::runtime_error("disque plein"); return smallNetwork(); },
                    [&] { return now; });
    const auto first = feed.current();
    failing = true;
    now += kPublicTtlSeconds * 1000;
    CHECK(feed.current() == first);

    PublicFeed broken([](TimeMs) -> PublicState { throw std::runtime_error("disque plein"); }, [&] { return now; });
    CHECK_THROWS(broken.current());
}

TEST_CASE("public feed: RFC 3339 times in UTC") {
    CHECK(rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(rfc3339(kTuesday10h + 59'999) == "2026-12-29T09:00:59Z");
    CHECK(rfc3339(1798761599000) == "2026-12-31T23:59:59Z");
}

// ---- The real hub ----

namespace {

std::string header(const httplib::Result& r, const char* name) { return r->get_header_value(name); }

}  // namespace

TEST_CASE("public feed over HTTPS: CORS open, ETag and 304, Cache-Control matching ttl, no cookie") {
    RunningHub hub;
    auto client = hub.client();
    for (const char* path : {"/public/v1/gbfs.json", "/public/v1/sites.json", "/public/v1/status.json",
                             "/public/v1/communes.json", "/public/v1/sites.csv", "/public/v1/status.csv"}) {
        INFO(path);
        const auto r = client->Get(path);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(header(r, "Access-Control-Allow-Origin") == "*");
        CHECK(header(r, "Cache-Control") == "public, max-age=" + std::to_string(kPublicTtlSeconds));
        CHECK(header(r, "Link") == std::string("<") + kLicenseUrl + ">; rel=\"license\"");
        CHECK_FALSE(r->has_header("Set-Cookie"));
        const std::string etag = header(r, "ETag");
        REQUIRE(etag.size() == 34);
        const auto again = client->Get(path, {{"If-None-Match", etag}});
        CHECK(again->status == 304);
        CHECK(again->body.empty());
        CHECK_FALSE(again->has_header("Content-Length"));  // RFC 9110 §8.6: it would have to be the whole file's
        CHECK(header(again, "ETag") == etag);
        CHECK(header(again, "Access-Control-Allow-Origin") == "*");
        CHECK(client->Get(path, {{"If-None-Match", "\"autre\""}})->status == 200);
    }
    const auto csv = client->Get("/public/v1/sites.csv");
    CHECK(header(csv, "Content-Type") == "text/csv; charset=utf-8; header=present");
    CHECK(csv->body.rfind("site_id,name,kind,commune,insee,", 0) == 0);  // no byte-order mark
    CHECK(csv->body.find("villie-morgon-bar,Mini-cowork du Bar des Sports,mini-cowork,Villié-Morgon,69267,") != std::string::npos);
    CHECK(client->Get("/public/v1/nothing.json")->status == 404);
}

TEST_CASE("public feed over HTTPS: gbfs.json lists the feeds at the address the client used") {
    RunningHub hub;
    const auto r = hub.client()->Get("/public/v1/gbfs.json", {{"Host", "cowork.example.fr"}});
    const Json index = parseJson(r->body);
    CHECK(index["version"] == "3.0");
    CHECK(index["data"]["feeds"][1] == Json{{"name", "sites"}, {"url", "https://cowork.example.fr/public/v1/sites.json"}});
    CHECK(index["data"]["attribution_organization_name"] == "Communauté de Communes Saône-Beaujolais");
    CHECK(hub.client()->Get("/public/v1/gbfs.json", {{"Host", "évil\"host"}})->status == 400);
}

TEST_CASE("public feed over HTTPS: a browser may ask with If-None-Match from another site (preflight)") {
    RunningHub hub;
    const auto r = hub.client()->Options("/public/v1/status.json", {{"Origin", "https://www.mairie-fleurie.example"},
                                                                  {"Access-Control-Request-Method", "GET"},
                                                                  {"Access-Control-Request-Headers", "if-none-match"}});
    REQUIRE(r);
    CHECK(r->status == 204);
    CHECK_FALSE(r->has_header("Content-Length"));  // RFC 9110 §8.6
    CHECK(header(r, "Access-Control-Allow-Origin") == "*");
    CHECK(header(r, "Access-Control-Allow-Headers") == "If-None-Match");
}

TEST_CASE("public feed over HTTPS: a check-in at a kiosk shows in status.json, without waiting for ttl") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    syncAccepted(hub, kiosk, kiosk.syncRequest({}));
    auto freePlaces = [&] {
        const Json status = parseJson(hub.get("/public/v1/status.json").body);
        for (const Json& s : status["data"]["sites"]) {
            if (s["site_id"] == "fleurie-boulangerie") return s["num_places_available"];
        }
        return Json();
    };
    const Json before = freePlaces();
    REQUIRE(before == 2);
    syncAccepted(hub, kiosk, kiosk.syncRequest({kiosk.checkIn("fleurie-boulangerie/fenetre")}));
    hub.clockShiftMs += PublicFeed::kMinRebuildIntervalMs;  // past the once-a-second limit, well within ttl
    // The server notes the change once its answer is sent: the next second's rebuild shows it.
    Json after = freePlaces();
    for (int i = 0; i < 60 && after != 1; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        after = freePlaces();
    }
    CHECK(after == 1);
}

TEST_CASE("public pages: the page is not framable, the embed is, by any site; neither sets a cookie") {
    RunningHub hub;
    auto client = hub.client();
    const auto page = client->Get("/public/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(header(page, "Content-Type") == "text/html; charset=utf-8");
    CHECK(header(page, "X-Frame-Options") == "DENY");
    CHECK(header(page, "Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(header(page, "Permissions-Policy").find("geolocation=()") != std::string::npos);
    CHECK_FALSE(page->has_header("Set-Cookie"));

    const auto embed = client->Get("/public/embed");
    REQUIRE(embed);
    CHECK(embed->status == 200);
    CHECK_FALSE(embed->has_header("X-Frame-Options"));
    CHECK(embed->get_header_value_count("Content-Security-Policy") == 1);
    CHECK(header(embed, "Content-Security-Policy") == "default-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'");
    CHECK_FALSE(embed->has_header("Set-Cookie"));
    CHECK(embed->body.find("data-mode=\"embed\"") != std::string::npos);

    // Its files, and nothing else by that road.
    CHECK(client->Get("/public/public.js")->status == 200);
    CHECK(client->Get("/public/i18n/en.json")->status == 200);
    CHECK(client->Get("/public/../console/index.html")->status == 404);
    CHECK(client->Get("/public")->status == 301);
}

TEST_CASE("public side: a visitor's requests leave no line in the hub's log (an address is personal data), only counts") {
    LogCapture log;  // before the hub: its threads log, and the logger's sinks may change only while none runs
    {
        RunningHub hub;
        for (const char* path : {"/public/", "/public/embed", "/public/public.js", "/public/v1/status.json", "/public/v1/nothing.json"}) {
            hub.get(path);
        }
        const std::string metrics = hub.get("/metrics").body;
        CHECK(metrics.find("route=\"/public\",status=\"200\"} 4") != std::string::npos);
        CHECK(metrics.find("route=\"/public\",status=\"404\"} 1") != std::string::npos);
    }
    CHECK(log.text().find("path=\"/healthz\"") != std::string::npos);  // other requests are still logged
    CHECK(log.text().find("/public") == std::string::npos);
}
