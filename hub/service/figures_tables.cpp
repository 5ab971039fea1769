#include "service/figures_tables.hpp"

#include <cmath>
#include <set>

#include "service/figures_suppression.hpp"

namespace cowork::hub {

const char* const kMethodsNote =
    "Calculé à partir du journal des événements (passages et configuration des lieux), pour des périodes "
    "civiles entières, à l’heure de Paris. Tout effectif inférieur à 5 (personnes, ou passages faits par moins "
    "de 5 personnes distinctes) est affiché « < 5 », et d’autres cases sont masquées de sorte qu’aucun total "
    "moins les autres cases ne le révèle. Un passage anonyme est un passage « juste aujourd’hui », sans code de "
    "membre. Les membres sont comptés par mois tant que leurs passages leur sont liés (période de conservation du "
    "lien), et ces décomptes sont figés avant que le lien ne soit effacé ; pour un trimestre ou une année, les "
    "membres distincts et fidèles sont des membres-mois (somme des mois), les nouveaux membres une somme exacte.";

namespace {

double rounded(double value, double unit) { return std::round(value / unit) * unit; }
double hours(TimeMs ms) { return rounded(static_cast<double>(ms) / kHourMs, 0.1); }

Json published(const SuppressibleCell& cell, Json value) { return cell.hidden ? Json(kSuppressedText) : value; }
Json published(const SuppressibleCell& cell) { return published(cell, cell.value); }
Json ratio(double part, double whole) { return whole > 0 ? Json(rounded(part / whole, 0.001)) : Json(nullptr); }

Json column(const char* key, const char* label, const char* type) { return {{"key", key}, {"label", label}, {"type", type}}; }

std::string kindLabel(const std::string& kind) {
    if (kind == "mini-cowork") return "Mini-coworks";
    if (kind == "tiers-lieu") return "Tiers-lieux";
    return "CorpoWorking";
}

// The scopes in reading order: the network, then each kind followed by its sites.
struct Scope {
    std::string scope;
    std::string level;  // "network", "kind", "site"
    std::string name;
    std::string kind;
    std::string parent;  // "" for the network
};

std::vector<Scope> scopesOf(const PeriodMeasures& m) {
    std::map<std::string, std::vector<Scope>> sitesByKind;
    for (const std::string& siteId : m.history->siteIds()) {
        const Site& site = m.history->siteAt(siteId, m.period.to - 1);
        const std::string kind(toString(site.kind));
        sitesByKind[kind].push_back({siteScope(siteId), "site", site.name, kind, "kind:" + kind});
    }
    std::vector<Scope> scopes{{kNetworkScope, "network", "Réseau", "", ""}};
    for (const char* kind : {"mini-cowork", "tiers-lieu", "corpoworking"}) {
        if (!sitesByKind.count(kind)) continue;
        scopes.push_back({std::string("kind:") + kind, "kind", kindLabel(kind), kind, kNetworkScope});
        for (const Scope& site : sitesByKind[kind]) scopes.push_back(site);
    }
    return scopes;
}

const ScopeActivity& activityIn(const PeriodMeasures& m, const std::string& scope) {
    static const ScopeActivity none;
    const auto found = m.activity.find(scope);
    return found == m.activity.end() ? none : found->second;
}

const ScopePeople& peopleIn(const PeriodMeasures& m, const std::string& scope) {
    static const ScopePeople none;
    if (!m.people) return none;
    const auto found = m.people->find(scope);
    return found == m.people->end() ? none : found->second;
}

SuppressibleCell cellOf(const PeopleCount& count) { return {count.value, count.floor}; }

// The usage measures of every scope, suppressed together.
struct UsageRow {
    Scope scope;
    SuppressibleCell visits, anonymous, distinct, fresh, returning;
    const ScopeActivity* activity = nullptr;
};

std::vector<UsageRow> usageRows(const PeriodMeasures& m) {
    std::vector<UsageRow> rows;
    for (const Scope& scope : scopesOf(m)) {
        const ScopeActivity& a = activityIn(m, scope.scope);
        const ScopePeople& p = peopleIn(m, scope.scope);
        UsageRow row{scope, {a.visits, m.people ? p.people.floor : a.visits}, {p.anonymousVisits, p.anonymousVisits},
                     cellOf(p.distinct), cellOf(p.fresh), cellOf(p.returning), &a};
        rows.push_back(row);
    }
    std::vector<SuppressibleCell*> cells;
    std::vector<AdditiveGroup> groups;
    for (auto member : {&UsageRow::visits, &UsageRow::anonymous, &UsageRow::distinct, &UsageRow::fresh, &UsageRow::returning}) {
        for (UsageRow& parent : rows) {
            cells.push_back(&(parent.*member));
            if (parent.scope.level == "site") continue;
            AdditiveGroup group{&(parent.*member), {}};
            for (UsageRow& child : rows) {
                if (child.scope.parent == parent.scope.scope) group.parts.push_back(&(child.*member));
            }
            groups.push_back(group);
        }
    }
    for (UsageRow& row : rows) groups.push_back({&row.distinct, {&row.fresh, &row.returning}});
    suppress(cells, groups);
    return rows;
}

Json rowHead(const Scope& scope) {
    return {{"level", scope.level}, {"scope", scope.scope}, {"name", scope.name}, {"kind", scope.kind}};
}

Json table(const char* id, const char* title, const std::string& note, Json columns, Json rows) {
    return {{"id", id}, {"title", title}, {"note", note + " " + kMethodsNote}, {"columns", std::move(columns)}, {"rows", std::move(rows)}};
}

// A commune's INSEE code and centre: the network file's; for a file that gives
// no centre, where the commune's sites are, averaged.
class CommuneIndex {
public:
    explicit CommuneIndex(const PeriodMeasures& m) {
        if (m.communes) facts_ = *m.communes;
        for (const std::string& siteId : m.history->siteIds()) {
            const Site& site = m.history->siteAt(siteId, m.period.to - 1);
            auto& [sum, n] = sites_[site.commune];
            sum.lat += site.coordinates.lat;
            sum.lon += site.coordinates.lon;
            ++n;
        }
    }
    Json insee(const std::string& commune) const {
        const auto found = facts_.find(commune);
        return found != facts_.end() && !found->second.insee.empty() ? Json(found->second.insee) : Json(nullptr);
    }
    std::optional<Coordinates> centre(const std::string& commune) const {
        if (const auto found = facts_.find(commune); found != facts_.end() && found->second.coordinates) return found->second.coordinates;
        if (const auto found = sites_.find(commune); found != sites_.end()) {
            const auto& [sum, n] = found->second;
            return Coordinates{sum.lat / n, sum.lon / n};
        }
        return std::nullopt;
    }
    const std::map<std::string, CommunePlace>& all() const { return facts_; }

private:
    std::map<std::string, CommunePlace> facts_;
    std::map<std::string, std::pair<Coordinates, int>> sites_;
};

}  // namespace

Json usageTable(const PeriodMeasures& m) {
    Json rows = Json::array();
    for (const UsageRow& r : usageRows(m)) {
        const ScopeActivity& a = *r.activity;
        Json row = rowHead(r.scope);
        const bool known = m.people.has_value();
        row["cells"] = {
            {"name", r.scope.name},
            {"visits", published(r.visits)},
            {"half_days", published(r.visits, a.halfDays)},
            {"place_hours_used", published(r.visits, hours(a.placeTimeUsed))},
            {"place_hours_open", hours(a.placeTimeOpen)},
            {"occupancy", published(r.visits, ratio(static_cast<double>(a.placeTimeUsed), static_cast<double>(a.placeTimeOpen)))},
            {"anonymous_share", !known ? Json(nullptr)
                                : r.anonymous.hidden || r.visits.hidden ? Json(kSuppressedText)
                                                                        : ratio(static_cast<double>(r.anonymous.value), static_cast<double>(a.visits))},
            {"distinct_members", known ? published(r.distinct) : Json(nullptr)},
            {"new_members", known ? published(r.fresh) : Json(nullptr)},
            {"returning_members", known ? published(r.returning) : Json(nullptr)},
        };
        rows.push_back(std::move(row));
    }
    const bool monthly = m.period.kind == PeriodKind::Month;
    const std::string note =
        std::string("Passages commencés dans la période. Demi-journées : un passage compte le matin s’il commence avant "
                    "13 h et l’après-midi s’il dure après 13 h (heure de Paris). Taux d’occupation : heures-places "
                    "utilisées pendant les heures d’ouverture ÷ heures-places ouvertes, avec les places en service et "
                    "les horaires tels qu’ils étaient chaque jour (exceptions, fermetures forcées et mises hors service "
                    "comprises) ; un passage resté ouvert compte jusqu’à la fermeture. Nouveaux membres : inscrits dans "
                    "la période ; fidèles : inscrits avant.") +
        (monthly ? "" : " Membres distincts et fidèles : membres-mois (somme des mois de la période).") +
        (m.people ? "" : " Les décomptes de membres de cette période ne sont pas disponibles (liens effacés avant d’être figés) ; "
                         "les passages y sont masqués en dessous de 5.");
    return table("usage", "Fréquentation et occupation", note,
                 {column("name", "Lieu", "text"), column("visits", "Passages", "count"),
                  column("half_days", "Demi-journées de présence", "count"),
                  column("place_hours_used", "Heures-places utilisées", "hours"),
                  column("place_hours_open", "Heures-places ouvertes", "hours"), column("occupancy", "Taux d’occupation", "ratio"),
                  column("anonymous_share", "Part des passages anonymes", "ratio"),
                  column("distinct_members", monthly ? "Membres distincts" : "Membres distincts (membres-mois)", "count"),
                  column("new_members", "Nouveaux membres", "count"),
                  column("returning_members", monthly ? "Membres fidèles" : "Membres fidèles (membres-mois)", "count")},
                 rows);
}

Json comparisonTable(const PeriodMeasures& now, const PeriodMeasures& before) {
    const auto nowRows = usageRows(now);
    const auto beforeRows = usageRows(before);
    Json rows = Json::array();
    for (const UsageRow& r : nowRows) {
        const UsageRow* b = nullptr;
        for (const UsageRow& candidate : beforeRows) {
            if (candidate.scope.scope == r.scope.scope) b = &candidate;
        }
        const auto occupancy = [](const UsageRow& row) {
            return published(row.visits, ratio(static_cast<double>(row.activity->placeTimeUsed), static_cast<double>(row.activity->placeTimeOpen)));
        };
        Json row = rowHead(r.scope);
        Json change = nullptr;
        if (b && !r.visits.hidden && !b->visits.hidden && b->visits.value > 0) {
            change = rounded(static_cast<double>(r.visits.value - b->visits.value) / static_cast<double>(b->visits.value), 0.001);
        } else if (b && (r.visits.hidden || b->visits.hidden)) {
            change = kSuppressedText;
        }
        row["cells"] = {{"name", r.scope.name},
                        {"visits", published(r.visits)},
                        {"visits_before", b ? published(b->visits) : Json(nullptr)},
                        {"visits_change", change},
                        {"occupancy", occupancy(r)},
                        {"occupancy_before", b ? occupancy(*b) : Json(nullptr)},
                        {"new_members", now.people ? published(r.fresh) : Json(nullptr)},
                        {"new_members_before", b && before.people ? published(b->fresh) : Json(nullptr)}};
        rows.push_back(std::move(row));
    }
    return table("comparison", "Comparaison avec la même période un an plus tôt",
                 "Même période civile un an plus tôt (" + before.period.label() + "), calculée de la même façon ; "
                 "un lieu qui n’existait pas encore n’a pas de chiffres.",
                 {column("name", "Lieu", "text"), column("visits", "Passages", "count"),
                  column("visits_before", "Passages un an plus tôt", "count"), column("visits_change", "Évolution des passages", "ratio"),
                  column("occupancy", "Taux d’occupation", "ratio"), column("occupancy_before", "Taux un an plus tôt", "ratio"),
                  column("new_members", "Nouveaux membres", "count"), column("new_members_before", "Nouveaux membres un an plus tôt", "count")},
                 rows);
}

Json busiestTimesTable(const PeriodMeasures& m) {
    static const char* kDays[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    const auto grid = [](const ScopeActivity& a) {
        Json days = Json::array();
        for (int d = 0; d < 7; ++d) {
            Json hoursOfDay = Json::array();
            for (int h = 0; h < 24; ++h) {
                const std::int64_t n = a.presence[static_cast<std::size_t>(d * 24 + h)];
                hoursOfDay.push_back(n > 0 && n < kSmallestPublishedGroup ? Json(kSuppressedText) : Json(n));
            }
            days.push_back(std::move(hoursOfDay));
        }
        return days;
    };
    Json scopes = Json::object();
    for (const Scope& scope : scopesOf(m)) scopes[scope.scope] = grid(activityIn(m, scope.scope));
    Json columns = Json::array({column("day", "Jour", "text")});
    static const std::vector<std::string> hourKeys = [] {
        std::vector<std::string> keys;
        for (int h = 0; h < 24; ++h) keys.push_back(std::to_string(h) + " h");
        return keys;
    }();
    for (const std::string& key : hourKeys) columns.push_back({{"key", key}, {"label", key}, {"type", "count"}});
    Json rows = Json::array();
    const Json network = scopes[kNetworkScope];
    for (int d = 0; d < 7; ++d) {
        Json cells = {{"day", kDays[d]}};
        for (int h = 0; h < 24; ++h) cells[hourKeys[static_cast<std::size_t>(h)]] = network[static_cast<std::size_t>(d)][static_cast<std::size_t>(h)];
        rows.push_back({{"level", "network"}, {"scope", kNetworkScope}, {"name", kDays[d]}, {"cells", cells}});
    }
    Json t = table("busiest", "Affluence par jour et par heure",
                   "Nombre de passages présents pendant chaque heure (heure de Paris), par jour de la semaine, sur la "
                   "période ; une case de moins de 5 passages est affichée « < 5 ». Aucun total de ces cases n’est publié.",
                   columns, rows);
    t["scopes"] = scopes;
    return t;
}

Json communesTable(const PeriodMeasures& m) {
    const ScopePeople& network = peopleIn(m, kNetworkScope);
    std::vector<std::pair<std::string, SuppressibleCell>> cells;
    for (const auto& [commune, count] : network.communes) cells.push_back({commune, cellOf(count)});
    SuppressibleCell total = cellOf(network.distinct);
    std::vector<SuppressibleCell*> pointers;
    AdditiveGroup group{&total, {}};
    for (auto& [commune, cell] : cells) {
        pointers.push_back(&cell);
        group.parts.push_back(&cell);
    }
    pointers.push_back(&total);
    suppress(pointers, {group});
    const CommuneIndex index(m);
    Json rows = Json::array();
    for (const auto& [commune, cell] : cells) {
        rows.push_back({{"level", "commune"}, {"scope", kNetworkScope}, {"name", commune},
                        {"cells", {{"commune", commune}, {"insee", index.insee(commune)}, {"members", published(cell)}}}});
    }
    // Every commune with a centre is on the map, those no member came from
    // included (0); "Hors du territoire" and the like stay in the list.
    std::map<std::string, Json> members;
    for (const auto& [commune, cell] : cells) members[commune] = published(cell);
    for (const auto& [commune, facts] : index.all()) members.emplace(commune, m.people ? Json(0) : Json(nullptr));
    Json map = Json::array();
    for (const auto& [commune, value] : members) {
        const std::optional<Coordinates> centre = index.centre(commune);
        if (!centre) continue;
        map.push_back({{"commune", commune}, {"insee", index.insee(commune)}, {"lat", centre->lat}, {"lon", centre->lon}, {"members", value}});
    }
    const bool monthly = m.period.kind == PeriodKind::Month;
    Json t = table("communes", "Communes de résidence des membres",
                   std::string("Membres venus dans la période, par commune de résidence déclarée à l’inscription (ou "
                               "corrigée depuis) ; « Hors du territoire » : hors des communes du réseau. Codes INSEE et "
                               "centres des communes : ceux du fichier du réseau (à défaut, la carte place une commune là "
                               "où sont ses lieux) ; la carte montre toutes les communes du réseau, celles d’où aucun "
                               "membre n’est venu à 0.") +
                       (monthly ? "" : " Pour un trimestre ou une année : membres-mois.") +
                       (m.people ? "" : " Non disponible pour cette période (liens effacés avant d’être figés)."),
                   {column("commune", "Commune", "text"), column("insee", "Code INSEE", "text"),
                    column("members", monthly ? "Membres" : "Membres-mois", "count")},
                   rows);
    t["map"] = map;
    t["total"] = published(total);
    return t;
}

Json employersTable(const PeriodMeasures& m) {
    Json rows = Json::array();
    for (const Scope& scope : scopesOf(m)) {
        if (scope.level != "site" || scope.kind != "corpoworking") continue;
        const ScopePeople& p = peopleIn(m, scope.scope);
        std::vector<std::pair<std::string, SuppressibleCell>> cells;
        for (const auto& [label, use] : p.employers) {
            // The anonymous visits' row stands for as many people as it has visits at most.
            const bool anonymous = label == kAnonymousEmployer;
            cells.push_back({label, {use.visits, anonymous ? use.visits : use.members.floor}});
        }
        SuppressibleCell total{activityIn(m, scope.scope).visits, m.people ? p.people.floor : 0};
        AdditiveGroup group{&total, {}};
        std::vector<SuppressibleCell*> pointers{&total};
        for (auto& [label, cell] : cells) {
            pointers.push_back(&cell);
            group.parts.push_back(&cell);
        }
        suppress(pointers, {group});
        for (const auto& [label, cell] : cells) {
            const EmployerUse& use = p.employers.at(label);
            rows.push_back({{"level", "site"}, {"scope", scope.scope}, {"name", scope.name},
                            {"cells", {{"site", scope.name}, {"employer", label},
                                       {"members", label == kAnonymousEmployer ? Json(nullptr) : published(cell, use.members.value)},
                                       {"visits", published(cell)},
                                       {"place_hours_used", published(cell, hours(use.placeTimeUsed))}}}});
        }
    }
    return table("employers", "CorpoWorking : usage par employeur partenaire",
                 "Passages et heures-places utilisées dans les lieux CorpoWorking, par employeur déclaré du membre, "
                 "rapproché de la liste des employeurs partenaires du lieu : la base du partage des coûts entre "
                 "l’intercommunalité et les entreprises. Une ligne de moins de 5 membres est masquée.",
                 {column("site", "Lieu", "text"), column("employer", "Employeur", "text"), column("members", "Membres", "count"),
                  column("visits", "Passages", "count"), column("place_hours_used", "Heures-places utilisées", "hours")},
                 rows);
}

Json reachabilityTable(const PeriodMeasures& m) {
    Json rows = Json::array();
    for (const Scope& scope : scopesOf(m)) {
        const ScopeActivity& a = activityIn(m, scope.scope);
        Json row = rowHead(scope);
        row["cells"] = {{"name", scope.name},
                        {"open_hours", rounded(static_cast<double>(a.openSlots) / 4, 0.25)},
                        {"reachable_hours", rounded(static_cast<double>(a.syncedSlots) / 4, 0.25)},
                        {"reachable_share", ratio(static_cast<double>(a.syncedSlots), static_cast<double>(a.openSlots))}};
        rows.push_back(std::move(row));
    }
    return table("reachability", "Disponibilité des kiosques",
                 "Part des heures d’ouverture (par quarts d’heure, horaires tels qu’ils étaient chaque jour) pendant "
                 "lesquelles au moins un kiosque du lieu s’est synchronisé avec le hub. Ne concerne aucune personne.",
                 {column("name", "Lieu", "text"), column("open_hours", "Heures d’ouverture", "hours"),
                  column("reachable_hours", "Heures avec kiosque joignable", "hours"),
                  column("reachable_share", "Part joignable", "ratio")},
                 rows);
}

Json animatorHoursTable(const PeriodMeasures& m, const std::map<std::string, double>& hoursBySite) {
    std::map<std::string, double> hoursByScope;
    for (const std::string& siteId : m.history->siteIds()) {
        const auto found = hoursBySite.find(siteId);
        if (found == hoursBySite.end()) continue;
        const SiteKind kind = m.history->siteAt(siteId, m.period.to - 1).kind;
        for (const std::string& scope : {std::string(kNetworkScope), kindScope(kind), siteScope(siteId)}) hoursByScope[scope] += found->second;
    }
    Json rows = Json::array();
    for (const Scope& scope : scopesOf(m)) {
        Json row = rowHead(scope);
        const auto found = hoursByScope.find(scope.scope);
        row["cells"] = {{"name", scope.name}, {"animation_hours", rounded(found == hoursByScope.end() ? 0.0 : found->second, 0.01)}};
        rows.push_back(std::move(row));
    }
    return table("animators", "Heures d’animation par lieu",
                 "Heures des sessions « J’anime » / « Fin de l’animation » dans la période, corrections de la "
                 "coordination comprises ; une session fermée à la fermeture compte jusqu’à la fermeture ; une session "
                 "encore ouverte ne compte pas encore. Temps de travail rémunéré, non une présence : aucun seuil.",
                 {column("name", "Lieu", "text"), column("animation_hours", "Heures d’animation", "hours")}, rows);
}

}  // namespace cowork::hub
