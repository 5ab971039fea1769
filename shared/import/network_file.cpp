#include "import/network_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "events/entity_codec.hpp"
#include "json/json_reader.hpp"

namespace cowork {
namespace {

constexpr std::int64_t kMaxPlacesPerSite = 50;
// Ten hours: anything longer is a typo, not a trip across an intercommunality.
constexpr std::int64_t kMaxTravelMinutes = 600;
// Opening hours are computed with the Europe/Paris rule written in paris_time;
// a file meant for another zone would silently open sites at the wrong time.
constexpr std::string_view kSupportedTimezone = "Europe/Paris";

std::string inGuillemets(std::string_view text) { return "« " + std::string(text) + " »"; }

std::string indexed(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

// Ids end up in URLs, file names and logs: keep them to a safe alphabet.
bool isIdentifier(std::string_view id, bool allowSlash) {
    if (id.empty() || id.size() > 100) return false;
    return std::all_of(id.begin(), id.end(), [allowSlash](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allowSlash && c == '/');
    });
}

// ---- Header: format, time zone, intercommunality ----

int readFormatVersion(const JsonObject& root) {
    const std::int64_t version = root.requireInt("format_version");
    if (version > kNetworkFileFormat) {
        root.fail("format_version", "ce fichier est au format " + std::to_string(version) +
                                        " ; ce programme lit le format " + std::to_string(kNetworkFileFormat) +
                                        " : mettez-le à jour");
    }
    if (version < 1) root.fail("format_version", "format " + std::to_string(version) + " inconnu (le premier est 1)");
    return static_cast<int>(version);
}

std::string readTimezone(const JsonObject& root) {
    std::string zone = root.requireString("timezone");
    if (zone != kSupportedTimezone) {
        root.fail("timezone", inGuillemets(zone) + " : seul le fuseau horaire Europe/Paris est pris en charge");
    }
    return zone;
}

void readEpci(const JsonObject& root, NetworkFile& out) {
    const JsonObject epci = root.requireObject("epci");
    out.epciName = epci.requireNonEmptyString("name");
    out.epciShortName = epci.requireNonEmptyString("short");
}

// ---- Opening hours ----

DayRanges readDayRanges(const JsonObject& object, std::string_view key) {
    const std::string text = object.requireString(key);
    DayRangesParse parsed = parseDayRanges(text);
    if (!parsed.error.empty()) object.fail(key, parsed.error);
    return std::move(parsed.ranges);
}

std::optional<std::size_t> weekdayIndex(std::string_view key) {
    for (std::size_t i = 0; i < kWeekdayKeys.size(); ++i) {
        if (key == kWeekdayKeys[i]) return i;
    }
    return std::nullopt;
}

// A day that is not listed is a closed day; a key that is not a day is a typo
// ("thur", "lundi") that would otherwise close the site without a word.
std::array<DayRanges, 7> readWeekly(const JsonObject& hours) {
    std::array<DayRanges, 7> weekly;
    for (const auto& [key, value] : hours.raw().items()) {
        const auto day = weekdayIndex(key);
        if (!day) hours.fail(key, "jour inconnu (attendu mon, tue, wed, thu, fri, sat ou sun)");
        if (!value.is_null()) weekly[*day] = readDayRanges(hours, key);
    }
    return weekly;
}

bool allDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int toNumber(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

// Strictly "YYYY-MM-DD" and a day that exists.
std::optional<LocalDate> parseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
    if (!allDigits(year) || !allDigits(month) || !allDigits(day)) return std::nullopt;
    const LocalDate date{toNumber(year), toNumber(month), toNumber(day)};
    if (!isValidDate(date)) return std::nullopt;
    return date;
}

LocalDate readDate(const JsonObject& object, std::string_view key) {
    const std::string text = object.requireString(key);
    const auto date = parseIsoDate(text);
    if (!date) object.fail(key, inGuillemets(text) + " n'est pas une date valide (attendu AAAA-MM-JJ)");
    return *date;
}

DatedException readException(const JsonObject& entry) {
    DatedException exception;
    exception.date = readDate(entry, "date");
    const bool closed = entry.has("closed") && entry.requireBool("closed");
    if (closed && entry.has("hours")) entry.fail("hours", "une journée fermée (\"closed\": true) n'a pas d'horaires");
    if (!closed && !entry.has("hours")) {
        entry.fail("hours", "champ absent : donnez les horaires du jour ou \"closed\": true");
    }
    if (!closed) exception.ranges = readDayRanges(entry, "hours");
    exception.reason = entry.optionalString("reason").value_or("");
    return exception;
}

std::vector<DatedException> readExceptions(const JsonObject& site) {
    std::vector<DatedException> exceptions;
    if (!site.has("exceptions")) return exceptions;
    const Json& list = site.requireArray("exceptions");
    const std::string listPath = site.fieldPath("exceptions");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject entry = arrayElementObject(list, i, listPath);
        DatedException exception = readException(entry);
        const auto same = std::find_if(exceptions.begin(), exceptions.end(),
                                       [&](const DatedException& e) { return e.date == exception.date; });
        if (same != exceptions.end()) {
            entry.fail("date", "date déjà donnée plus haut (" +
                                   indexed(listPath, static_cast<std::size_t>(same - exceptions.begin())) + ")");
        }
        exceptions.push_back(std::move(exception));
    }
    return exceptions;
}

OpeningHours readOpeningHours(const JsonObject& site) {
    OpeningHours hours;
    hours.weekly = readWeekly(site.requireObject("hours"));
    hours.exceptions = readExceptions(site);
    return hours;
}

// ---- Places ----

std::vector<Place> numberedPlaces(const std::string& siteId, std::int64_t count) {
    std::vector<Place> places;
    for (std::int64_t n = 1; n <= count; ++n) {
        places.push_back(Place{siteId + "/" + std::to_string(n), siteId, "Place " + std::to_string(n), true, {}});
    }
    return places;
}

std::vector<Place> namedPlaces(const JsonObject& site, const std::string& siteId) {
    const Json& list = site.requireArray("places");
    const std::string listPath = site.fieldPath("places");
    if (list.empty() || list.size() > static_cast<std::size_t>(kMaxPlacesPerSite)) {
        site.fail("places", "il faut entre 1 et " + std::to_string(kMaxPlacesPerSite) + " places, trouvé " +
                                std::to_string(list.size()));
    }
    std::vector<Place> places;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject entry = arrayElementObject(list, i, listPath);
        Place place{entry.requireNonEmptyString("id"), siteId, entry.requireNonEmptyString("label"), true, {}};
        if (!isIdentifier(place.id, true)) {
            entry.fail("id",
                       inGuillemets(place.id) + " : identifiant invalide (minuscules sans accent, chiffres, - et /, 100 au plus)");
        }
        places.push_back(std::move(place));
    }
    return places;
}

// "places" is either how many anonymous places the site has, or the list of
// places with the names written on them.
std::vector<Place> readPlaces(const JsonObject& site, const std::string& siteId) {
    if (site.has("places") && site.raw().at("places").is_array()) return namedPlaces(site, siteId);
    return numberedPlaces(siteId, site.requireIntInRange("places", 1, kMaxPlacesPerSite));
}

// ---- Sites ----

std::string readSiteId(const JsonObject& site) {
    std::string id = site.requireNonEmptyString("id");
    if (!isIdentifier(id, false)) {
        site.fail("id",
                  inGuillemets(id) + " : identifiant invalide (minuscules sans accent, chiffres et tirets, 100 au plus)");
    }
    return id;
}

SiteKind readKind(const JsonObject& site) {
    const std::string text = site.requireString("kind");
    const auto kind = siteKindFromString(text);
    if (!kind) {
        site.fail("kind", inGuillemets(text) + " : type de site inconnu (attendu mini-cowork, tiers-lieu ou corpoworking)");
    }
    return *kind;
}

// "91", "46.1086" or "1e+23", where to_string would write six decimals always.
std::string shortNumber(double value) {
    std::ostringstream out;
    out << std::setprecision(10) << value;
    return out.str();
}

double readDegrees(const JsonObject& site, std::string_view key, double limit) {
    const double value = site.requireNumber(key);
    if (value < -limit || value > limit) {
        site.fail(key,
                  shortNumber(value) + " hors de l'intervalle " + shortNumber(-limit) + " – " + shortNumber(limit));
    }
    return value;
}

Coordinates readCoordinates(const JsonObject& site) {
    return Coordinates{readDegrees(site, "lat", 90), readDegrees(site, "lon", 180)};
}

std::optional<HostShop> readShop(const JsonObject& site) {
    const auto shop = site.optionalObject("shop");
    if (!shop) return std::nullopt;
    return HostShop{shop->requireNonEmptyString("name"), shop->optionalString("type").value_or("")};
}

Animator readAnimator(const JsonObject& site) {
    const JsonObject animator = site.requireObject("animator");
    return Animator{animator.requireNonEmptyString("name"), animator.optionalString("phone").value_or(""),
                    animator.optionalString("email").value_or(""), animator.optionalString("present").value_or("")};
}

// Partner employers are what a corpoworking is; on another kind of site they
// would be a copy-paste mistake that the kiosk would then show.
std::vector<std::string> readEmployers(const JsonObject& site, SiteKind kind) {
    std::vector<std::string> employers = site.optionalStringArray("employers");
    if (!employers.empty() && kind != SiteKind::CorpoWorking) {
        site.fail("employers", "seul un site « corpoworking » a des employeurs partenaires");
    }
    for (std::size_t i = 0; i < employers.size(); ++i) {
        if (employers[i].empty()) throw InputError(indexed(site.fieldPath("employers"), i), "ne doit pas être vide");
    }
    return employers;
}

Site readSite(const JsonObject& object) {
    Site site;
    site.id = readSiteId(object);
    site.kind = readKind(object);
    site.name = object.requireNonEmptyString("name");
    site.commune = object.requireNonEmptyString("commune");
    site.address = object.requireNonEmptyString("address");
    site.coordinates = readCoordinates(object);
    site.hours = readOpeningHours(object);
    site.shop = readShop(object);
    site.animator = readAnimator(object);
    site.partnerEmployers = readEmployers(object, site.kind);
    return site;
}

// Place ids are referred to by visits from every kiosk, so they must be unique
// across the network, not only within a site.
void addPlaces(std::vector<Place> places, const JsonObject& site, NetworkFile& out) {
    for (Place& place : places) {
        const bool taken =
            std::any_of(out.places.begin(), out.places.end(), [&](const Place& p) { return p.id == place.id; });
        if (taken) site.fail("places", "identifiant de place " + inGuillemets(place.id) + " déjà utilisé");
        out.places.push_back(std::move(place));
    }
}

void readSites(const JsonObject& root, NetworkFile& out) {
    const Json& list = root.requireArray("sites");
    if (list.empty()) root.fail("sites", "le réseau doit compter au moins un site");
    std::map<std::string, std::size_t> indexById;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject object = arrayElementObject(list, i, root.fieldPath("sites"));
        Site site = readSite(object);
        const auto [previous, inserted] = indexById.emplace(site.id, i);
        if (!inserted) {
            object.fail("id", inGuillemets(site.id) + " déjà utilisé par " + indexed("sites", previous->second));
        }
        addPlaces(readPlaces(object, site.id), object, out);
        out.sites.push_back(std::move(site));
    }
}

// ---- Communes and travel times ----

bool isInseeCode(std::string_view code) {
    // Five digits; Corsica's départements are 2A and 2B.
    if (code.size() != 5) return false;
    const bool corsica = code[0] == '2' && (code[1] == 'A' || code[1] == 'B');
    for (std::size_t i = corsica ? 2 : 0; i < code.size(); ++i) {
        if (code[i] < '0' || code[i] > '9') return false;
    }
    return true;
}

// "Fleurie", or {"name": "Fleurie", "insee": "69084", "lat": 46.19, "lon": 4.70}.
CommunePlace readCommune(const Json& entry, std::size_t index, const std::string& listPath) {
    if (entry.is_string()) return CommunePlace{entry.get<std::string>(), {}, std::nullopt};
    if (!entry.is_object()) {
        throw InputError(indexed(listPath, index),
                         "attendu un texte (le nom) ou un objet {\"name\", \"insee\", \"lat\", \"lon\"}");
    }
    const JsonObject commune(entry, indexed(listPath, index));
    CommunePlace place{commune.requireString("name"), commune.optionalString("insee").value_or(""), std::nullopt};
    if (!place.insee.empty() && !isInseeCode(place.insee)) {
        commune.fail("insee", inGuillemets(place.insee) + " n'est pas un code INSEE de commune (5 caractères, ex. 69084)");
    }
    if (commune.has("lat") || commune.has("lon")) place.coordinates = readCoordinates(commune);
    return place;
}

std::vector<CommunePlace> readCommunes(const JsonObject& root) {
    std::vector<CommunePlace> communes;
    if (!root.has("communes")) return communes;
    const Json& list = root.requireArray("communes");
    const std::string listPath = root.fieldPath("communes");
    // The limits every kiosk checks when the list reaches it, and a member's commune too.
    if (list.size() > kMaxCommunes) throw InputError(listPath, "plus de " + std::to_string(kMaxCommunes) + " communes");
    for (std::size_t i = 0; i < list.size(); ++i) {
        CommunePlace commune = readCommune(list[i], i, listPath);
        if (commune.name.empty()) throw InputError(indexed(listPath, i), "ne doit pas être vide");
        if (commune.name.size() > kMaxShortTextLength) {
            throw InputError(indexed(listPath, i), "trop long (" + std::to_string(kMaxShortTextLength) + " octets au plus)");
        }
        communes.push_back(std::move(commune));
    }
    return communes;
}

std::string readKnownSiteId(const JsonObject& entry, std::string_view key, const std::set<std::string>& siteIds) {
    std::string id = entry.requireNonEmptyString(key);
    if (!siteIds.contains(id)) entry.fail(key, inGuillemets(id) + " : site inconnu");
    return id;
}

TravelOverride readTravelOverride(const JsonObject& entry, const std::set<std::string>& siteIds) {
    TravelOverride travel;
    travel.fromSiteId = readKnownSiteId(entry, "from", siteIds);
    travel.toSiteId = readKnownSiteId(entry, "to", siteIds);
    if (travel.fromSiteId == travel.toSiteId) entry.fail("to", "même site que \"from\"");
    travel.minutes = static_cast<int>(entry.requireIntInRange("minutes", 1, kMaxTravelMinutes));
    return travel;
}

bool samePair(const TravelOverride& a, const TravelOverride& b) {
    return (a.fromSiteId == b.fromSiteId && a.toSiteId == b.toSiteId) ||
           (a.fromSiteId == b.toSiteId && a.toSiteId == b.fromSiteId);
}

std::vector<TravelOverride> readTravelOverrides(const JsonObject& root, const std::vector<Site>& sites) {
    std::vector<TravelOverride> overrides;
    if (!root.has("travel_times")) return overrides;
    std::set<std::string> siteIds;
    for (const Site& site : sites) siteIds.insert(site.id);
    const Json& list = root.requireArray("travel_times");
    const std::string listPath = root.fieldPath("travel_times");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject entry = arrayElementObject(list, i, listPath);
        TravelOverride travel = readTravelOverride(entry, siteIds);
        // Overrides apply both ways, so A→B and B→A are the same trip given twice.
        const auto same = std::find_if(overrides.begin(), overrides.end(),
                                       [&](const TravelOverride& o) { return samePair(o, travel); });
        if (same != overrides.end()) {
            throw InputError(entry.path(), "trajet déjà donné plus haut (" +
                                               indexed(listPath, static_cast<std::size_t>(same - overrides.begin())) +
                                               ")");
        }
        overrides.push_back(std::move(travel));
    }
    return overrides;
}

// ---- Files ----

std::string unreadableReason(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return "fichier introuvable";
    if (std::filesystem::is_directory(path, ec)) return "c'est un dossier, pas un fichier";
    return "fichier illisible (droits d'accès ?)";
}

// Reads at most one byte more than parseJson accepts, so that pointing the
// program at a huge file (or a device) fails quickly instead of filling memory.
std::string readFileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, unreadableReason(path));
    const std::size_t limit = JsonLimits{}.maxBytes + 1;
    std::string text;
    char buffer[64 * 1024];
    while (text.size() < limit && in.read(buffer, sizeof buffer).gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw InputError(path, unreadableReason(path));
    return text;
}

}  // namespace

NetworkFile parseNetworkFile(std::string_view jsonText) {
    const Json document = parseJson(jsonText);
    const JsonObject root(document, "");
    NetworkFile out;
    // The version comes first: a newer file's other fields may mean something else.
    out.formatVersion = readFormatVersion(root);
    out.timezone = readTimezone(root);
    readEpci(root, out);
    readSites(root, out);
    out.communePlaces = readCommunes(root);
    for (const CommunePlace& commune : out.communePlaces) out.communes.push_back(commune.name);
    out.travelOverrides = readTravelOverrides(root, out.sites);
    return out;
}

NetworkFile loadNetworkFile(const std::string& path) {
    const std::string text = readFileText(path);
    try {
        return parseNetworkFile(text);
    } catch (const InputError& e) {
        // Whoever reads the message may have several network files at hand.
        throw InputError(e.field().empty() ? path : path + ", " + e.field(), e.reason());
    }
}

}  // namespace cowork
