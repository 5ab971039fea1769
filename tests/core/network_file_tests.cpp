#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/travel_time.hpp"
#include "import/network_file.hpp"
#include "test_support.hpp"

using namespace cowork;

namespace {

const std::string kDemoPath = COWORK_SOURCE_DIR "/assets/demo/ccsb-network.json";

// The smallest file that exercises every part of the format; malformed inputs
// below are this text with one thing broken.
const std::string kMinimal = R"({
  "format_version": 1,
  "timezone": "Europe/Paris",
  "epci": {"name": "Communauté de Communes Test", "short": "CCT"},
  "sites": [
    {"id": "a", "kind": "mini-cowork", "name": "Site A", "commune": "Fleurie", "address": "1 place de l'Église",
     "lat": 46.19, "lon": 4.69, "places": 2,
     "hours": {"mon": "08:00-12:00", "tue": "07:00-12:30,15:00-19:00"},
     "exceptions": [{"date": "2026-12-25", "closed": true, "reason": "Noël"}],
     "animator": {"name": "Léa D."}},
    {"id": "b", "kind": "tiers-lieu", "name": "Site B", "commune": "Beaujeu", "address": "2 rue Centrale",
     "lat": 46.15, "lon": 4.58, "places": 8,
     "hours": {"wed": "09:00-18:00"},
     "animator": {"name": "Julien M."}}
  ],
  "communes": ["Fleurie", "Beaujeu"],
  "travel_times": [{"from": "a", "to": "b", "minutes": 25}]
})";

// A typo in `from` must fail the test rather than silently test the valid file.
std::string replacedIn(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::logic_error("not in the text: " + from);
    return text.replace(at, from.size(), to);
}

std::string minimalWith(const std::string& from, const std::string& to) { return replacedIn(kMinimal, from, to); }

const Site& siteById(const NetworkFile& file, const std::string& id) {
    const auto it = std::find_if(file.sites.begin(), file.sites.end(), [&](const Site& s) { return s.id == id; });
    if (it == file.sites.end()) throw std::logic_error("no site " + id);
    return *it;
}

std::vector<Place> placesOf(const NetworkFile& file, const std::string& siteId) {
    std::vector<Place> out;
    std::copy_if(file.places.begin(), file.places.end(), std::back_inserter(out),
                 [&](const Place& p) { return p.siteId == siteId; });
    return out;
}

constexpr int hm(int h, int m) { return h * 60 + m; }

struct Malformed {
    const char* label;
    std::string text;
    std::string expected;  // a substring of what(): the field path or the line
};

std::vector<Malformed> malformedInputs() {
    return {
        // Syntax, encoding and numbers the parser cannot hold.
        {"truncated file", kMinimal.substr(0, kMinimal.size() / 2), "document incomplet"},
        {"truncated file has a line", kMinimal.substr(0, kMinimal.size() / 2), "ligne 9, colonne 44"},
        {"empty file", "", "ligne 1, colonne 1 : document incomplet"},
        {"trailing comma", minimalWith("\"CCT\"}", "\"CCT\",}"), "ligne 4, colonne 66 : syntaxe JSON invalide"},
        {"not an object", "[1, 2]", "document : attendu un objet, trouvé une liste"},
        {"huge float", minimalWith("\"lat\": 46.19", "\"lat\": 1e400"), "ligne 7, colonne 13 : nombre hors limites"},
        {"huge negative float", minimalWith("\"lon\": 4.58", "\"lon\": -1e400"),
         "ligne 12, colonne 27 : nombre hors limites"},
        {"huge integer places", minimalWith("\"places\": 2", "\"places\": 99999999999999999999999"),
         "sites[0].places : nombre trop grand"},
        {"huge integer minutes", minimalWith("\"minutes\": 25", "\"minutes\": 99999999999999999999999"),
         "travel_times[0].minutes : nombre trop grand"},
        {"huge format version", minimalWith("\"format_version\": 1", "\"format_version\": 99999999999999999999999"),
         "format_version : nombre trop grand"},
        {"huge latitude as integer", minimalWith("\"lat\": 46.19", "\"lat\": 99999999999999999999999"),
         "sites[0].lat : 1e+23 hors de l'intervalle -90 – 90"},
        // \xE9 opens a three-byte sequence that the closing quote breaks.
        {"invalid UTF-8 (Latin-1 é)", minimalWith("\"Site A\"", "\"Caf\xE9\""), "ligne 6, colonne 53"},
        {"invalid UTF-8 reason", minimalWith("\"Site A\"", "\"Caf\xE9\""), "UTF-8"},
        {"truncated UTF-8 sequence", minimalWith("\"Fleurie\", \"Beaujeu\"", "\"Fleurie\xC3\", \"Beaujeu\""), "UTF-8"},
        {"raw control character", minimalWith("\"Site B\"", "\"Site\tB\""),
         "ligne 11, colonne 52 : syntaxe JSON invalide"},
        {"100000 opening brackets", std::string(100000, '['), "imbrication trop profonde"},
        {"deep nesting in a field", minimalWith("\"communes\": [", "\"communes\": " + std::string(40, '[')),
         "ligne 16, colonne 46 : imbrication trop profonde"},
        // Header.
        {"missing format version", minimalWith("\"format_version\": 1,", ""),
         "format_version : champ obligatoire absent"},
        {"newer format", minimalWith("\"format_version\": 1", "\"format_version\": 2"),
         "format_version : ce fichier est au format 2 ; ce programme lit le format 1 : mettez-le à jour"},
        {"format zero", minimalWith("\"format_version\": 1", "\"format_version\": 0"),
         "format_version : format 0 inconnu"},
        {"format as text", minimalWith("\"format_version\": 1", "\"format_version\": \"1\""),
         "format_version : attendu un nombre entier, trouvé un texte"},
        {"format as decimal", minimalWith("\"format_version\": 1", "\"format_version\": 1.5"),
         "format_version : attendu un nombre entier, trouvé un nombre décimal"},
        {"missing time zone", minimalWith("\"timezone\": \"Europe/Paris\",", ""),
         "timezone : champ obligatoire absent"},
        {"other time zone", minimalWith("Europe/Paris", "Europe/Brussels"),
         "timezone : « Europe/Brussels » : seul le fuseau horaire Europe/Paris"},
        {"missing epci short name", minimalWith(", \"short\": \"CCT\"", ""), "epci.short : champ obligatoire absent"},
        {"epci as text", minimalWith("{\"name\": \"Communauté de Communes Test\", \"short\": \"CCT\"}", "\"CCT\""),
         "epci : attendu un objet, trouvé un texte"},
        // Sites: types and required fields.
        {"sites as text", minimalWith("\"sites\": [", "\"sites\": \"aucun\", \"old_sites\": ["),
         "sites : attendu une liste, trouvé un texte"},
        {"no sites",
         R"({"format_version": 1, "timezone": "Europe/Paris", "epci": {"name": "N", "short": "S"}, "sites": []})",
         "sites : le réseau doit compter au moins un site"},
        {"site as number",
         R"({"format_version": 1, "timezone": "Europe/Paris", "epci": {"name": "N", "short": "S"}, "sites": [3]})",
         "sites[0] : attendu un objet, trouvé un nombre entier"},
        {"missing name", minimalWith("\"name\": \"Site B\", ", ""), "sites[1].name : champ obligatoire absent"},
        {"empty commune", minimalWith("\"commune\": \"Beaujeu\"", "\"commune\": \"\""),
         "sites[1].commune : ne doit pas être vide"},
        {"missing address", minimalWith(", \"address\": \"2 rue Centrale\"", ""),
         "sites[1].address : champ obligatoire absent"},
        {"missing hours", minimalWith("\"hours\": {\"wed\": \"09:00-18:00\"},", ""),
         "sites[1].hours : champ obligatoire absent"},
        {"missing animator", minimalWith(",\n     \"animator\": {\"name\": \"Julien M.\"}", ""),
         "sites[1].animator : champ obligatoire absent"},
        {"animator without name", minimalWith("{\"name\": \"Léa D.\"}", "{\"phone\": \"06\"}"),
         "sites[0].animator.name : champ obligatoire absent"},
        {"places as text", minimalWith("\"places\": 2", "\"places\": \"2\""),
         "sites[0].places : attendu un nombre entier, trouvé un texte"},
        {"lat as text", minimalWith("\"lat\": 46.19", "\"lat\": \"46.19\""),
         "sites[0].lat : attendu un nombre, trouvé un texte"},
        {"lat out of range", minimalWith("\"lat\": 46.19", "\"lat\": 91"),
         "sites[0].lat : 91 hors de l'intervalle -90 – 90"},
        {"lon out of range", minimalWith("\"lon\": 4.58", "\"lon\": -180.5"),
         "sites[1].lon : -180.5 hors de l'intervalle -180 – 180"},
        // Sites: ids and kinds.
        {"unknown kind", minimalWith("\"tiers-lieu\"", "\"coworking\""),
         "sites[1].kind : « coworking » : type de site inconnu"},
        {"duplicate id", minimalWith("\"id\": \"b\"", "\"id\": \"a\""),
         "sites[1].id : « a » déjà utilisé par sites[0]"},
        {"id with capitals", minimalWith("\"id\": \"b\"", "\"id\": \"Beaujeu\""),
         "sites[1].id : « Beaujeu » : identifiant invalide"},
        {"id with accent", minimalWith("\"id\": \"b\"", "\"id\": \"cercié\""),
         "sites[1].id : « cercié » : identifiant invalide"},
        {"id with slash", minimalWith("\"id\": \"b\"", "\"id\": \"b/1\""),
         "sites[1].id : « b/1 » : identifiant invalide"},
        {"employers on a mini-cowork", minimalWith("\"places\": 2,", "\"places\": 2, \"employers\": [\"X\"],"),
         "sites[0].employers : seul un site « corpoworking »"},
        // Places.
        {"zero places", minimalWith("\"places\": 2", "\"places\": 0"),
         "sites[0].places : valeur 0 hors de l'intervalle 1 – 50"},
        {"51 places", minimalWith("\"places\": 8", "\"places\": 51"),
         "sites[1].places : valeur 51 hors de l'intervalle 1 – 50"},
        {"empty place list", minimalWith("\"places\": 2", "\"places\": []"),
         "sites[0].places : il faut entre 1 et 50 places"},
        {"place without label", minimalWith("\"places\": 2", "\"places\": [{\"id\": \"a/x\"}]"),
         "sites[0].places[0].label : champ obligatoire absent"},
        {"place as text", minimalWith("\"places\": 2", "\"places\": [\"Table\"]"),
         "sites[0].places[0] : attendu un objet"},
        {"place id taken by another site",
         minimalWith("\"places\": 8", "\"places\": [{\"id\": \"a/1\", \"label\": \"T\"}]"),
         "sites[1].places : identifiant de place « a/1 » déjà utilisé"},
        // Weekly hours.
        {"range missing its end", minimalWith("07:00-12:30,15:00-19:00", "07:00-12:30,15:00"),
         "sites[0].hours.tue : « 15:00 »"},
        {"overlapping ranges", minimalWith("09:00-18:00", "09:00-13:00,12:00-18:00"), "sites[1].hours.wed : «"},
        {"hour 25", minimalWith("08:00-12:00", "08:00-25:00"), "sites[0].hours.mon : «"},
        {"French day name", minimalWith("\"mon\": \"08:00-12:00\"", "\"lundi\": \"08:00-12:00\""),
         "sites[0].hours.lundi : jour inconnu"},
        {"day in capitals", minimalWith("\"wed\"", "\"Wed\""), "sites[1].hours.Wed : jour inconnu"},
        {"hours as a number", minimalWith("\"mon\": \"08:00-12:00\"", "\"mon\": 8"),
         "sites[0].hours.mon : attendu un texte"},
        {"hours as text", minimalWith("{\"wed\": \"09:00-18:00\"}", "\"09:00-18:00\""),
         "sites[1].hours : attendu un objet"},
        // Dated exceptions.
        {"impossible date", minimalWith("2026-12-25", "2026-02-30"),
         "sites[0].exceptions[0].date : « 2026-02-30 » n'est pas une date valide"},
        {"French date order", minimalWith("2026-12-25", "25/12/2026"), "sites[0].exceptions[0].date : « 25/12/2026 »"},
        {"date without leading zeros", minimalWith("2026-12-25", "2026-1-5"),
         "sites[0].exceptions[0].date : « 2026-1-5 »"},
        {"month 13", minimalWith("2026-12-25", "2026-13-01"), "sites[0].exceptions[0].date"},
        {"date as number", minimalWith("\"2026-12-25\"", "20261225"), "sites[0].exceptions[0].date : attendu un texte"},
        {"closed with hours", minimalWith("\"closed\": true", "\"closed\": true, \"hours\": \"08:00-10:00\""),
         "sites[0].exceptions[0].hours : une journée fermée"},
        {"neither closed nor hours", minimalWith("\"closed\": true", "\"closed\": false"),
         "sites[0].exceptions[0].hours : champ absent"},
        {"closed as text", minimalWith("\"closed\": true", "\"closed\": \"oui\""),
         "sites[0].exceptions[0].closed : attendu vrai ou faux"},
        {"bad exception hours", minimalWith("\"closed\": true", "\"hours\": \"12:00-08:00\""),
         "sites[0].exceptions[0].hours : «"},
        {"same date twice",
         minimalWith("\"reason\": \"Noël\"}",
                     "\"reason\": \"Noël\"}, {\"date\": \"2026-12-25\", \"hours\": \"08:00-10:00\"}"),
         "sites[0].exceptions[1].date : date déjà donnée plus haut (sites[0].exceptions[0])"},
        // Communes and travel times.
        {"commune as number", minimalWith("[\"Fleurie\", \"Beaujeu\"]", "[\"Fleurie\", 3]"),
         "communes[1] : attendu un texte"},
        {"commune object without a name", minimalWith("\"Beaujeu\"]", "{\"insee\": \"69018\"}]"),
         "communes[1].name : champ obligatoire absent"},
        {"commune with a postcode for its INSEE code", minimalWith("\"Beaujeu\"]", "{\"name\": \"Beaujeu\", \"insee\": \"6943\"}]"),
         "communes[1].insee : « 6943 » n'est pas un code INSEE"},
        {"commune with a latitude only", minimalWith("\"Beaujeu\"]", "{\"name\": \"Beaujeu\", \"lat\": 46.15}]"),
         "communes[1].lon : champ obligatoire absent"},
        {"commune off the globe", minimalWith("\"Beaujeu\"]", "{\"name\": \"Beaujeu\", \"lat\": 46.15, \"lon\": 400}]"),
         "communes[1].lon : 400 hors de l'intervalle"},
        {"commune with an empty name", minimalWith("\"Beaujeu\"]", "{\"name\": \"\"}]"), "communes[1] : ne doit pas être vide"},
        {"travel to unknown site", minimalWith("\"to\": \"b\"", "\"to\": \"nowhere\""),
         "travel_times[0].to : « nowhere » : site inconnu"},
        {"travel from unknown site", minimalWith("\"from\": \"a\"", "\"from\": \"A\""),
         "travel_times[0].from : « A » : site inconnu"},
        {"travel to itself", minimalWith("\"to\": \"b\"", "\"to\": \"a\""), "travel_times[0].to : même site"},
        {"zero minutes", minimalWith("\"minutes\": 25", "\"minutes\": 0"),
         "travel_times[0].minutes : valeur 0 hors de l'intervalle 1 – 600"},
        {"negative minutes", minimalWith("\"minutes\": 25", "\"minutes\": -5"), "travel_times[0].minutes : valeur -5"},
        {"601 minutes", minimalWith("\"minutes\": 25", "\"minutes\": 601"), "travel_times[0].minutes : valeur 601"},
        {"missing minutes", minimalWith(", \"minutes\": 25", ""), "travel_times[0].minutes : champ obligatoire absent"},
        {"same trip both ways",
         minimalWith("\"minutes\": 25}", "\"minutes\": 25}, {\"from\": \"b\", \"to\": \"a\", \"minutes\": 30}"),
         "travel_times[1] : trajet déjà donné plus haut (travel_times[0])"},
    };
}


}  // namespace

TEST_CASE("the demo network file loads with its thirteen sites", "[netfile]") {
    const NetworkFile file = loadNetworkFile(kDemoPath);
    CHECK(file.formatVersion == 1);
    CHECK(file.timezone == "Europe/Paris");
    CHECK(file.epciName == "Communauté de Communes Saône-Beaujolais");
    CHECK(file.epciShortName == "CCSB");
    REQUIRE(file.sites.size() == 13);
    CHECK(file.sites.front().id == "belleville-tiers-lieu");
    CHECK(file.sites.back().id == "taponas-epicerie");
    for (const Site& site : file.sites) {
        INFO(site.id);
        CHECK_FALSE(site.address.empty());
        CHECK_FALSE(site.animator.name.empty());
        CHECK(site.coordinates.lat > 46.0);
        CHECK(site.coordinates.lat < 46.3);
    }
    const Site& belleville = siteById(file, "belleville-tiers-lieu");
    CHECK(belleville.kind == SiteKind::TiersLieu);
    CHECK(belleville.commune == "Belleville-en-Beaujolais");
    CHECK(belleville.coordinates == Coordinates{46.1086, 4.7494});
    CHECK(belleville.animator.presence == "mar. et jeu. 9h-12h");
    CHECK_FALSE(belleville.shop.has_value());
    CHECK(siteById(file, "fleurie-boulangerie").address == "14 place de l'Église");
    CHECK(file.communes.size() == 35);  // the CCSB's: the kiosk offers « Hors du territoire » itself
    CHECK(std::count(file.communes.begin(), file.communes.end(), "Saint-Étienne-la-Varenne") == 1);
}

TEST_CASE("the demo file numbers anonymous places and keeps named ones", "[netfile]") {
    const NetworkFile file = loadNetworkFile(kDemoPath);
    CHECK(file.places.size() == 60);  // 12+8+8+10+3+2+3+2+2+3+2+3+2

    const auto belleville = placesOf(file, "belleville-tiers-lieu");
    REQUIRE(belleville.size() == 12);
    CHECK(belleville.front().id == "belleville-tiers-lieu/1");
    CHECK(belleville.front().label == "Place 1");
    CHECK(belleville.back().id == "belleville-tiers-lieu/12");
    CHECK(belleville.back().label == "Place 12");
    CHECK(belleville.front().inService);

    const auto fleurie = placesOf(file, "fleurie-boulangerie");
    REQUIRE(fleurie.size() == 2);
    CHECK(fleurie[0].id == "fleurie-boulangerie/fenetre");
    CHECK(fleurie[0].label == "Table fenêtre");
    CHECK(fleurie[1].label == "Comptoir du fond");
}

TEST_CASE("the demo file keeps split days, shops and employers", "[netfile]") {
    const NetworkFile file = loadNetworkFile(kDemoPath);
    const Site& bar = siteById(file, "villie-morgon-bar");
    CHECK(bar.kind == SiteKind::MiniCowork);
    CHECK(bar.hours.weekly[0].empty());  // closed on Mondays
    CHECK(bar.hours.weekly[1] == DayRanges{{hm(7, 0), hm(12, 30)}, {hm(15, 0), hm(19, 0)}});
    CHECK(bar.hours.weekly[5] == DayRanges{{hm(7, 0), hm(12, 30)}});
    CHECK(bar.hours.weekly[6].empty());
    REQUIRE(bar.shop.has_value());
    CHECK(bar.shop->name == "Bar des Sports");
    CHECK(bar.shop->type == "bar-tabac");
    CHECK(bar.partnerEmployers.empty());

    const Site& corpo = siteById(file, "lybertec-corpoworking");
    CHECK(corpo.kind == SiteKind::CorpoWorking);
    CHECK(corpo.partnerEmployers ==
          std::vector<std::string>{"Entreprise partenaire A", "Entreprise partenaire B", "Entreprise partenaire C"});
}

TEST_CASE("the demo file's dated exceptions close a day or change its hours", "[netfile]") {
    const NetworkFile file = loadNetworkFile(kDemoPath);
    const auto& exceptions = siteById(file, "belleville-tiers-lieu").hours.exceptions;
    REQUIRE(exceptions.size() == 3);
    CHECK(exceptions[0].date == LocalDate{2026, 12, 24});
    CHECK(exceptions[0].ranges == DayRanges{{hm(8, 30), hm(12, 0)}});
    CHECK(exceptions[0].reason == "Veille de Noël");
    CHECK(exceptions[1].date == LocalDate{2026, 12, 25});
    CHECK(exceptions[1].ranges.empty());
    CHECK(exceptions[1].reason == "Noël");
    CHECK(exceptions[2].date == LocalDate{2027, 1, 1});

    const auto& fleurie = siteById(file, "fleurie-boulangerie").hours.exceptions;
    REQUIRE_FALSE(fleurie.empty());
    CHECK(fleurie[0].ranges == DayRanges{{hm(6, 30), hm(13, 0)}, {hm(15, 30), hm(17, 0)}});
}

TEST_CASE("the demo file's travel overrides feed the travel times both ways", "[netfile]") {
    const NetworkFile file = loadNetworkFile(kDemoPath);
    REQUIRE(file.travelOverrides.size() == 3);
    CHECK(file.travelOverrides[0].fromSiteId == "belleville-tiers-lieu");
    CHECK(file.travelOverrides[0].toSiteId == "beaujeu-tiers-lieu");
    CHECK(file.travelOverrides[0].minutes == 20);
    const TravelTimes times(file.sites, file.travelOverrides);
    CHECK(times.minutesBetween("beaujeu-tiers-lieu", "belleville-tiers-lieu") == 20);
    CHECK(times.minutesBetween("fleurie-boulangerie", "chiroubles-multiservice") == 10);
    CHECK(times.minutesBetween("taponas-epicerie", "belleville-tiers-lieu") > 0);
}

TEST_CASE("a minimal network file parses into the expected values", "[netfile]") {
    const NetworkFile file = parseNetworkFile(kMinimal);
    REQUIRE(file.sites.size() == 2);
    CHECK(file.sites[0].hours.weekly[1] == DayRanges{{hm(7, 0), hm(12, 30)}, {hm(15, 0), hm(19, 0)}});
    CHECK(file.sites[1].hours.weekly[2] == DayRanges{{hm(9, 0), hm(18, 0)}});
    CHECK(file.sites[0].animator.phone.empty());
    REQUIRE(file.places.size() == 10);
    CHECK(file.places[0] == Place{"a/1", "a", "Place 1", true, ""});
    CHECK(file.places[9] == Place{"b/8", "b", "Place 8", true, ""});
    CHECK(file.communes == std::vector<std::string>{"Fleurie", "Beaujeu"});
}

TEST_CASE("a commune may give its INSEE code and position; a bare name gives neither", "[netfile]") {
    const NetworkFile file = parseNetworkFile(minimalWith(
        "[\"Fleurie\", \"Beaujeu\"]",
        "[\"Fleurie\", {\"name\": \"Beaujeu\", \"insee\": \"69018\", \"lat\": 46.15, \"lon\": 4.58}, "
        "{\"name\": \"Ajaccio\", \"insee\": \"2A004\"}]"));
    // Sign-up's list is the names, whatever the form.
    CHECK(file.communes == std::vector<std::string>{"Fleurie", "Beaujeu", "Ajaccio"});
    REQUIRE(file.communePlaces.size() == 3);
    CHECK(file.communePlaces[0] == CommunePlace{"Fleurie", "", std::nullopt});
    CHECK(file.communePlaces[1] == CommunePlace{"Beaujeu", "69018", Coordinates{46.15, 4.58}});
    CHECK(file.communePlaces[2] == CommunePlace{"Ajaccio", "2A004", std::nullopt});
}

TEST_CASE("the demo file's communes all have an INSEE code and a position in the territory", "[netfile]") {
    const NetworkFile file = loadNetworkFile(kDemoPath);
    REQUIRE(file.communePlaces.size() == 35);
    for (const CommunePlace& commune : file.communePlaces) {
        INFO(commune.name);
        CHECK(commune.insee.rfind("69", 0) == 0);  // Rhône
        REQUIRE(commune.coordinates.has_value());
        CHECK(commune.coordinates->lat > 45.9);
        CHECK(commune.coordinates->lat < 46.35);
        CHECK(commune.coordinates->lon > 4.35);
        CHECK(commune.coordinates->lon < 4.85);
    }
}

TEST_CASE("optional parts of a network file may be left out", "[netfile]") {
    std::string text = minimalWith(",\n  \"communes\": [\"Fleurie\", \"Beaujeu\"]", "");
    text = replacedIn(text, ",\n  \"travel_times\": [{\"from\": \"a\", \"to\": \"b\", \"minutes\": 25}]", "");
    const NetworkFile file = parseNetworkFile(text);
    CHECK(file.communes.empty());
    CHECK(file.travelOverrides.empty());
    CHECK(file.sites[1].hours.exceptions.empty());
}

TEST_CASE("unknown fields in a network file are ignored", "[netfile]") {
    std::string text = minimalWith("\"timezone\"", "\"comment\": {\"any\": [1, 2]}, \"timezone\"");
    text = replacedIn(text, "\"name\": \"Léa D.\"", "\"name\": \"Léa D.\", \"nickname\": \"Lé\"");
    const NetworkFile file = parseNetworkFile(text);
    CHECK(file.sites[0].animator.name == "Léa D.");
    CHECK_NOTHROW(parseNetworkFile(minimalWith("\"lat\": 46.15", "\"colour\": null, \"lat\": 46.15")));
}

TEST_CASE("malformed network files are refused with the line or field named", "[netfile]") {
    for (const Malformed& row : malformedInputs()) {
        INFO(row.label);
        try {
            parseNetworkFile(row.text);
            FAIL_CHECK("accepted");
        } catch (const InputError& e) {
            CHECK_FALSE(e.field().empty());
            CHECK_THAT(e.what(), Catch::Contains(row.expected));
        }
    }
}

TEST_CASE("loadNetworkFile names the file it cannot read", "[netfile]") {
    const cowork::testing::TempDir dir;
    const std::string missing = dir.file("absent.json");
    CHECK_THROWS_WITH(loadNetworkFile(missing), Catch::Contains(missing) && Catch::Contains("fichier introuvable"));
    CHECK_THROWS_WITH(loadNetworkFile(dir.path().string()), Catch::Contains(dir.path().string()) && Catch::Contains("dossier"));
}

TEST_CASE("loadNetworkFile puts the file name before the line or field", "[netfile]") {
    const cowork::testing::TempDir dir;
    const std::string broken = dir.write("broken.json", "{\n  \"format_version\": 1,\n}");
    CHECK_THROWS_WITH(loadNetworkFile(broken), Catch::StartsWith(broken + ", ligne 3, colonne 1 : syntaxe"));
    const std::string newer = dir.write("newer.json", minimalWith("\"format_version\": 1", "\"format_version\": 2"));
    CHECK_THROWS_WITH(loadNetworkFile(newer),
                      Catch::StartsWith(newer + ", format_version : ce fichier est au format 2"));
    const std::string good = dir.write("good.json", kMinimal);
    CHECK(loadNetworkFile(good).sites.size() == 2);
}
