// The French texts the hub ships as files follow the house typography: a narrow
// no-break space (U+202F) before ; : ! ? and inside « », and the apostrophe ’ in
// French words. The console's typo() mends spaces at display time, but not the
// apostrophe, and the public page and the installer's hub.conf mend nothing.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "json/json_reader.hpp"

using namespace cowork;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// What breaks the style in one French text, or "" when nothing does.
std::string typographyFault(const std::string& text) {
    static const std::regex spaceBefore("( |\u00a0)([;:!?]|»)");
    static const std::regex spaceAfter("«( |\u00a0)");
    static const std::regex straightApostrophe("(^|[^A-Za-z])(d|l|n|s|j|c|qu|m|t|jusqu)'[a-zA-Zàâéèêîôû]",
                                               std::regex::icase);
    std::smatch found;
    if (std::regex_search(text, found, spaceBefore)) return "space before « " + found.str() + " »";
    if (std::regex_search(text, found, spaceAfter)) return "space after «";
    if (std::regex_search(text, found, straightApostrophe)) return "straight apostrophe in « " + found.str() + " »";
    return "";
}

std::vector<std::string> faultsOfCatalogue(const std::string& path) {
    std::vector<std::string> faults;
    const Json catalogue = parseJson(readFile(path));
    for (auto entry = catalogue.begin(); entry != catalogue.end(); ++entry) {
        const std::string& key = entry.key();
        const Json& value = entry.value();
        const std::string fault = typographyFault(value.get<std::string>());
        if (!fault.empty()) faults.push_back(key + ": " + fault);
    }
    return faults;
}

}  // namespace

TEST_CASE("the console's and the public page's French catalogues use U+202F and ’", "[hub][typography]") {
    for (const char* catalogue : {"/hub/console/i18n/fr.json", "/hub/public/i18n/fr.json"}) {
        INFO(catalogue);
        CHECK(faultsOfCatalogue(COWORK_SOURCE_DIR + std::string(catalogue)) == std::vector<std::string>{});
    }
}

TEST_CASE("hub.conf's comments, read by whoever installs the hub, use U+202F and ’", "[hub][typography]") {
    std::istringstream conf(readFile(COWORK_SOURCE_DIR "/packaging/hub/hub.conf"));
    std::vector<std::string> faults;
    for (std::string line; std::getline(conf, line);) {
        if (line.rfind('#', 0) != 0) continue;
        const std::string fault = typographyFault(line);
        if (!fault.empty()) faults.push_back(line + " — " + fault);
    }
    CHECK(faults == std::vector<std::string>{});
}

TEST_CASE("the typography check finds each fault it is for", "[hub][typography]") {
    CHECK(typographyFault("Choisissez votre commune : les lieux").find("space before") == 0);
    CHECK(typographyFault("Retirer cette annonce ?").find("space before") == 0);
    CHECK(typographyFault("« Hors du territoire\u202f»").find("space after") == 0);
    CHECK(typographyFault("Taux d'occupation").find("straight apostrophe") == 0);
    CHECK(typographyFault("Taux d’occupation\u202f: «\u202fà l’instant\u202f»\u202f?").empty());
    CHECK(typographyFault("smtp://serveur:587, HH:MM, le lieu « x\u202f»").find("space after") == 0);
    CHECK(typographyFault("smtp://serveur:587, HH:MM, le lieu «\u202fx\u202f»").empty());
}
