#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "app/options.hpp"
#include "import/network_file.hpp"
#include "app/pin_guard.hpp"
#include "app/site_status.hpp"
#include "i18n/catalog.hpp"
#include "kiosk_harness.hpp"
#include "i18n/formatting.hpp"
#include "ui/keyboards.hpp"

using namespace cowork;
using namespace cowork::kiosk;

TEST_CASE("five wrong PINs lock for 5 minutes, then 10, then 20, a right PIN clears it", "[pin]") {
    PinLock lock;
    const TimeMs t0 = 1'000'000;
    for (int i = 0; i < 4; ++i) lock = afterWrongPin(lock, t0);
    CHECK_FALSE(isLocked(lock, t0));
    lock = afterWrongPin(lock, t0);
    CHECK(isLocked(lock, t0));
    CHECK(lock.lockedUntil == t0 + 5 * kMinuteMs);

    const TimeMs t1 = lock.lockedUntil;
    for (int i = 0; i < 5; ++i) lock = afterWrongPin(lock, t1);
    CHECK(lock.lockedUntil == t1 + 10 * kMinuteMs);
    const TimeMs t2 = lock.lockedUntil;
    for (int i = 0; i < 5; ++i) lock = afterWrongPin(lock, t2);
    CHECK(lock.lockedUntil == t2 + 20 * kMinuteMs);
    CHECK(afterRightPin() == PinLock{});
}

TEST_CASE("PINs need 6 to 12 digits and are stored as Argon2id hashes", "[pin]") {
    CHECK_FALSE(isAcceptablePin("12345"));
    CHECK_FALSE(isAcceptablePin("12345a"));
    CHECK(isAcceptablePin("123456"));
    CHECK(isAcceptablePin("123456789012"));
    CHECK_FALSE(isAcceptablePin("1234567890123"));  // the hub's limit too
    const std::string hash = hashPin("246810");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("246810") == std::string::npos);
    CHECK(pinMatches(hash, "246810"));
    CHECK_FALSE(pinMatches(hash, "246811"));
}

TEST_CASE("visits still open when their opening ends are closed at that moment, marked so", "[closing]") {
    OpeningHours hours;
    hours.weekly[1] = {{390, 780}, {930, 1140}};  // Tuesday 06:30-13:00, 15:30-19:00
    const LocalDate tuesday{2026, 12, 1};
    const TimeMs closing = parisLocalToUtc(tuesday, 13 * 60);
    Visit morning{"v1", "s", "p", std::nullopt, parisLocalToUtc(tuesday, 9 * 60), std::nullopt, std::nullopt};
    Visit afternoon{"v2", "s", "p2", std::string("m"), parisLocalToUtc(tuesday, 16 * 60), std::nullopt, std::nullopt};

    CHECK(endsAtClosing({morning}, hours, closing - 1).empty());
    const auto ends = endsAtClosing({morning, afternoon}, hours, closing + 5 * kMinuteMs);
    REQUIRE(ends.size() == 1);
    CHECK(ends[0].visitId == "v1");
    CHECK(ends[0].at == closing);
    CHECK(ends[0].how == VisitEnd::AtClosing);
}

TEST_CASE("the shopkeeper's override closes the site or marks it full, with the reason", "[closing]") {
    const auto network = loadNetworkFile(kiosk::testing::assetsDir() + "/demo/ccsb-network.json");
    const Site& bakery = network.sites[5];
    REQUIRE(bakery.id == "fleurie-boulangerie");
    const TimeMs now = kiosk::testing::tuesdayMorning();
    const SiteStatus open = siteStatusAt(bakery, SiteOverride::None, "", now);
    CHECK(open.open);
    CHECK(open.closesAt == parisLocalToUtc({2026, 12, 1}, 13 * 60));
    const SiteStatus closed = siteStatusAt(bakery, SiteOverride::ClosedNow, "Inventaire", now);
    CHECK_FALSE(closed.open);
    CHECK(closed.reason == "Inventaire");
    CHECK(closed.nextOpening.has_value());
    CHECK(siteStatusAt(bakery, SiteOverride::Full, "", now).full);
}

TEST_CASE("the French and English catalogues have the same keys and French typography", "[i18n]") {
    const Catalog catalog = Catalog::load(kiosk::testing::assetsDir() + "/i18n");
    CHECK(catalog.keys(Language::French) == catalog.keys(Language::English));
    Catalog french = catalog;
    french.setLanguage(Language::French);
    for (const std::string& key : catalog.keys(Language::French)) {
        const std::string& text = french.text(key);
        INFO(key << " = " << text);
        CHECK(text.find('\'') == std::string::npos);  // ’, not '
        for (const char* mark : {" :", " ;", " !", " ?", "« ", " »"}) CHECK(text.find(mark) == std::string::npos);
        CHECK(text.find('"') == std::string::npos);  // « », not "
    }
}

TEST_CASE("placeholders are replaced and unknown ones kept", "[i18n]") {
    CHECK(substitute("Bonjour {name} !", {{"name", "Zoé"}}) == "Bonjour Zoé !");
    CHECK(substitute("{a}{b}{c}", {{"a", "1"}, {"c", "3"}}) == "1{b}3");
}

TEST_CASE("erase removes a whole UTF-8 character, accented keys have capitals", "[keyboard]") {
    CHECK(ui::withoutLastCodePoint("Zoé") == "Zo");
    CHECK(ui::withoutLastCodePoint("œ") == "");
    CHECK(ui::withoutLastCodePoint("") == "");
    CHECK(ui::capitalOf("é") == "É");
    CHECK(ui::capitalOf("ç") == "Ç");
    CHECK(ui::capitalOf("q") == "Q");
    CHECK(ui::capitalOf("@") == "@");
    CHECK(ui::shiftedOf(".") == ":");
    CHECK(ui::shiftedOf("-") == "/");
    CHECK(ui::shiftedOf("à") == "À");
}

TEST_CASE("window sizes for the windowed option are parsed strictly", "[options]") {
    int w = 0, h = 0;
    CHECK(parseSize("800x480", w, h));
    CHECK((w == 800 && h == 480));
    CHECK_FALSE(parseSize("800", w, h));
    CHECK_FALSE(parseSize("800x480px", w, h));
    CHECK_FALSE(parseSize("10x10", w, h));
}

TEST_CASE("opening state is said in French with its times, and in English", "[i18n]") {
    Catalog tr = Catalog::load(kiosk::testing::assetsDir() + "/i18n");
    const auto network = loadNetworkFile(kiosk::testing::assetsDir() + "/demo/ccsb-network.json");
    const Site& bakery = network.sites[5];
    const LocalDate tuesday{2026, 12, 1};
    const TimeMs lunch = parisLocalToUtc(tuesday, 13 * 60 + 30);
    const TimeMs morning = parisLocalToUtc(tuesday, 10 * 60);
    CHECK(describeStatus(tr, siteStatusAt(bakery, SiteOverride::None, "", morning), morning) == "Ouvert jusqu’à 13\u00a0h");
    CHECK(describeStatus(tr, siteStatusAt(bakery, SiteOverride::None, "", lunch), lunch) ==
          "Fermé — ouvre aujourd’hui à 15\u00a0h\u00a030");
    const TimeMs saturdayEvening = parisLocalToUtc({2026, 12, 5}, 18 * 60);
    CHECK(describeStatus(tr, siteStatusAt(bakery, SiteOverride::None, "", saturdayEvening), saturdayEvening) ==
          "Fermé — ouvre lundi à 6\u00a0h\u00a030");
    const TimeMs christmasEve = parisLocalToUtc({2026, 12, 24}, 16 * 60);
    CHECK(describeStatus(tr, siteStatusAt(bakery, SiteOverride::None, "", christmasEve), christmasEve) ==
          "Ouvert jusqu’à 17\u00a0h · Veille de Noël : fermeture à 17 h");
    tr.setLanguage(Language::English);
    CHECK(describeStatus(tr, siteStatusAt(bakery, SiteOverride::None, "", lunch), lunch) == "Closed — opens today at 15:30");
}

TEST_CASE("every catalogue key the kiosk's code names exists, including the ones built at run time", "[i18n]") {
    const Catalog catalog = Catalog::load(kiosk::testing::assetsDir() + "/i18n");
    const auto keys = catalog.keys(Language::French);
    const std::set<std::string> known(keys.begin(), keys.end());
    // Keys are written as string literals passed to text(), format(), textIn() or
    // kept in UI state (errorKey, reasonKey): any literal shaped like "area.name".
    const std::regex literal(R"re("([a-z]+\.[a-z_]+(\.[a-z_]+)?)")re");
    // Device settings (store meta keys) look the same and are not texts.
    const std::set<std::string> notKeys = {"kiosk.db", "kiosk.site_id", "kiosk.demo",
                                           "network.travel_overrides", "sync.last_success_at", "enrollment.hub_address",
                                           "enrollment.code", "enrollment.pin", "enrollment.last_problem",
                                           "enrollment.provisioning_taken", "enrollment.shopkeeper_pin_hash"};
    int checked = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(COWORK_SOURCE_DIR "/kiosk")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream file(entry.path());
        const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it) {
            const std::string key = (*it)[1];
            if (notKeys.contains(key) || key.starts_with("shopkeeper.pin_")) continue;
            INFO(entry.path().filename().string() << " names « " << key << " »");
            CHECK((known.contains(key) || catalog.isCounted(key)));
            ++checked;
        }
    }
    CHECK(checked > 100);
    for (int day = 0; day < 7; ++day) CHECK(known.contains("day." + std::to_string(day)));
    for (const char* kind : {"mini-cowork", "tiers-lieu", "corpoworking"}) CHECK(known.contains(std::string("kind.") + kind));
    for (const char* state : {"pending", "sent", "delivered"}) CHECK(known.contains(std::string("message.state.") + state));
}
