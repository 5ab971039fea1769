#include "year_generator.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "domain/member_code.hpp"
#include "events/uuid7.hpp"
#include "import/network_file.hpp"
#include "service/figures_history.hpp"

namespace cowork::bench {
namespace {

constexpr double kAnonymousShare = 0.25;
constexpr double kLeftOpenShare = 0.03;
constexpr double kOutsideShare = 0.12;

TimeMs paris(LocalDate day, int minute) { return parisLocalToUtc(day, minute); }

// France's public holidays of 2025 and 2026 (Easter-dependent ones included).
std::vector<DatedException> publicHolidays(int year) {
    const std::map<int, std::vector<std::pair<int, int>>> movable = {
        {2025, {{4, 21}, {5, 29}, {6, 9}}}, {2026, {{4, 6}, {5, 14}, {5, 25}}}};
    std::vector<DatedException> days;
    for (const auto& [month, day] : std::vector<std::pair<int, int>>{{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11}, {12, 25}}) {
        days.push_back({{year, month, day}, {}, "Jour férié"});
    }
    if (const auto found = movable.find(year); found != movable.end()) {
        for (const auto& [month, day] : found->second) days.push_back({{year, month, day}, {}, "Jour férié"});
    }
    return days;
}

struct SiteState {
    Site site;
    std::vector<std::string> places;
    std::set<std::string> outOfService;
    bool closedToday = false;
    std::vector<std::size_t> regulars;  // members living nearby, once signed up
};

struct PlannedMember {
    Member member;
    std::size_t home = 0;
    long signUpDay = 0;  // daysFromCivil
};

class YearWriter {
public:
    YearWriter(hub::SqliteHubStorage& storage, const YearPlan& plan) : storage_(storage), plan_(plan), random_(plan.seed) {}

    YearWritten write(NetworkFile network) {
        const LocalDate first{plan_.year, 1, 1};
        const LocalDate configured{plan_.year - 1, 12, 1};
        addClosures(network);
        storage_.importNetwork(network, paris(configured, 8 * 60));
        for (const Site& site : network.sites) sites_.push_back({site, {}, {}, false, {}});
        for (const Place& place : network.places) {
            for (SiteState& s : sites_) {
                if (s.site.id == place.siteId) s.places.push_back(place.id);
            }
        }
        planMembers(network, daysFromCivil(configured), daysFromCivil({plan_.year, 12, 31}));
        planChanges(daysFromCivil(first));
        const double perPlaceDay = static_cast<double>(plan_.visits) / placeDays(daysFromCivil(first));
        for (long day = daysFromCivil(configured); day <= daysFromCivil({plan_.year, 12, 31}); ++day) {
            writeDay(day, day >= daysFromCivil(first) ? perPlaceDay : 0);
        }
        return written_;
    }

private:
    // Every site closed on public holidays; one mini-cowork in four closed two
    // weeks in August (its shop's holidays).
    void addClosures(NetworkFile& network) {
        int mini = 0;
        for (Site& site : network.sites) {
            auto& exceptions = site.hours.exceptions;
            exceptions.clear();
            for (int year : {plan_.year, plan_.year + 1}) {
                for (const DatedException& holiday : publicHolidays(year)) exceptions.push_back(holiday);
            }
            if (site.kind == SiteKind::MiniCowork && mini++ % 4 == 0) {
                for (int day = 4; day <= 17; ++day) exceptions.push_back({{plan_.year, 8, day}, {}, "Congés d'été"});
            }
            std::sort(exceptions.begin(), exceptions.end());
            exceptions.erase(std::unique(exceptions.begin(), exceptions.end(),
                                         [](const DatedException& a, const DatedException& b) { return a.date == b.date; }),
                             exceptions.end());
        }
    }

    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(random_); }

    void planMembers(const NetworkFile& network, long configuredDay, long lastDay) {
        std::set<std::string> codes;
        const long firstDay = daysFromCivil({plan_.year, 1, 1});
        for (int i = 0; i < plan_.members; ++i) {
            PlannedMember m;
            m.home = pick(sites_.size());
            const Site& home = sites_[m.home].site;
            // Nearly half were members before the year; the others sign up along it.
            m.signUpDay = chance(0.45) ? configuredDay + static_cast<long>(pick(28))
                                       : firstDay + static_cast<long>(pick(static_cast<std::size_t>(lastDay - firstDay + 1)));
            m.member.id = "bench-member-" + std::to_string(i);
            m.member.code = generateMemberCode([&](const std::string& code) { return codes.count(code) > 0; });
            codes.insert(m.member.code);
            m.member.firstName = "Membre " + std::to_string(i);
            m.member.commune = chance(kOutsideShare) ? std::string(kOutsideTerritory)
                               : chance(0.5)         ? home.commune
                                                     : network.communes[pick(network.communes.size())];
            if (!home.partnerEmployers.empty() && chance(0.8)) {
                m.member.employer = home.partnerEmployers[pick(home.partnerEmployers.size())];
            } else if (chance(0.3)) {
                m.member.employer = "Entreprise " + std::to_string(pick(40));
            }
            m.member.consentAt = paris(civilFromDays(m.signUpDay), 7 * 60 + static_cast<int>(pick(60)));
            members_.push_back(std::move(m));
        }
    }

    // Each change at its time of day, on its day.
    struct Change {
        int minute = 0;
        EventPayload payload;
        std::size_t site = 0;
    };

    void planChanges(long firstDay) {
        // One site in five changes its hours once, some day from March to October:
        // an hour more in the evening (or less, when it already closes late).
        for (std::size_t i = 1; i < sites_.size(); i += 5) {
            Site changed = sites_[i].site;
            for (DayRanges& ranges : changed.hours.weekly) {
                if (ranges.empty()) continue;
                MinuteRange& last = ranges.back();
                last.to = last.to <= 18 * 60 ? last.to + 60 : last.to - 60;
            }
            changes_[firstDay + 59 + static_cast<long>(pick(240))].push_back({7 * 60, SiteConfigured{changed}, i});
        }
        // Places out of service for 3 to 20 days.
        for (int n = 0; n < 30; ++n) {
            const std::size_t i = pick(sites_.size());
            const std::string& place = sites_[i].places[pick(sites_[i].places.size())];
            const long from = firstDay + static_cast<long>(pick(330));
            changes_[from].push_back({10 * 60, PlaceServiceChanged{place, false, "chaise cassée"}, i});
            changes_[from + 3 + static_cast<long>(pick(18))].push_back({8 * 60, PlaceServiceChanged{place, true, ""}, i});
        }
        // A site closed for the rest of a day by its shopkeeper, then reopened.
        for (int n = 0; n < 20; ++n) {
            const std::size_t i = pick(sites_.size());
            const long day = firstDay + static_cast<long>(pick(360));
            changes_[day].push_back({14 * 60, SiteOverrideSet{sites_[i].site.id, SiteOverride::ClosedNow, "fermeture exceptionnelle"}, i});
            changes_[day + 1].push_back({6 * 60, SiteOverrideSet{sites_[i].site.id, SiteOverride::None, ""}, i});
        }
    }

    // Places × open days of the year, with the hours as first configured: what
    // the visits are spread over.
    double placeDays(long firstDay) const {
        double total = 0;
        for (long day = firstDay; day < firstDay + 365; ++day) {
            for (const SiteState& s : sites_) {
                if (!s.site.hours.rangesOn(civilFromDays(day)).empty()) total += static_cast<double>(s.places.size());
            }
        }
        return total;
    }

    void record(const std::vector<EventPayload>& payloads, TimeMs at) {
        if (payloads.empty()) return;
        written_.events += static_cast<std::int64_t>(storage_.recordHubEvents(payloads, at).size());
    }

    void writeDay(long day, double perPlaceDay) {
        const LocalDate date = civilFromDays(day);
        std::vector<EventPayload> morning;
        for (std::size_t i = 0; i < members_.size(); ++i) {
            if (members_[i].signUpDay != day) continue;
            morning.push_back(MemberRegistered{members_[i].member});
            sites_[members_[i].home].regulars.push_back(i);
            signedUp_.push_back(i);
            ++written_.members;
        }
        record(morning, paris(date, 7 * 60));
        auto& changes = changes_[day];
        std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.minute < b.minute; });
        // Visits before a change happen under the old configuration: changes are
        // applied to the day's state at their minute, visits drawn in between.
        std::vector<std::vector<std::pair<int, int>>> closedFrom(sites_.size());
        for (const Change& change : changes) {
            record({change.payload}, paris(date, change.minute));
            ++written_.configChanges;
            SiteState& s = sites_[change.site];
            if (const auto* e = std::get_if<SiteConfigured>(&change.payload)) s.site = e->site;
            if (const auto* e = std::get_if<PlaceServiceChanged>(&change.payload)) {
                if (e->inService) {
                    s.outOfService.erase(e->placeId);
                } else {
                    s.outOfService.insert(e->placeId);
                }
            }
            if (const auto* e = std::get_if<SiteOverrideSet>(&change.payload)) {
                s.closedToday = e->value == SiteOverride::ClosedNow;
                if (s.closedToday) closedFrom[change.site].push_back({change.minute, 1440});
            }
        }
        if (perPlaceDay <= 0) return;
        std::vector<EventPayload> visits;
        for (std::size_t i = 0; i < sites_.size(); ++i) visitsOf(i, date, perPlaceDay, closedFrom[i], visits);
        record(visits, paris(date, 23 * 60 + 30));
    }

    void visitsOf(std::size_t i, LocalDate date, double perPlaceDay, const std::vector<std::pair<int, int>>& closed,
                  std::vector<EventPayload>& out) {
        const SiteState& s = sites_[i];
        const DayRanges& ranges = s.site.hours.rangesOn(date);
        std::vector<std::string> places;
        for (const std::string& p : s.places) {
            if (!s.outOfService.count(p)) places.push_back(p);
        }
        if (ranges.empty() || places.empty()) return;
        // Busier midweek, quieter on Mondays and Saturdays.
        static const double weekday[] = {0.8, 1.1, 1.15, 1.1, 0.95, 0.6, 0.5};
        const double mean = perPlaceDay * static_cast<double>(places.size()) * weekday[static_cast<std::size_t>(weekdayOf(date))];
        const int count = std::poisson_distribution<int>(mean)(random_);
        for (int n = 0; n < count; ++n) {
            const MinuteRange& range = ranges[pick(ranges.size())];
            if (range.to - range.from < 30) continue;
            const int start = range.from + static_cast<int>(pick(static_cast<std::size_t>(range.to - range.from - 15)));
            if (std::any_of(closed.begin(), closed.end(), [&](const auto& c) { return start >= c.first; })) continue;
            const int length = 30 + static_cast<int>(std::min(270.0, std::exponential_distribution<double>(1.0 / 120)(random_)));
            const TimeMs at = paris(date, start);
            std::optional<std::string> member;
            if (!chance(kAnonymousShare)) member = memberFor(i);
            const std::string visitId = newUuid7(at);
            out.push_back(VisitStarted{visitId, s.site.id, places[pick(places.size())], member, at});
            ++written_.visits;
            if (chance(kLeftOpenShare)) continue;  // never ended: the figures close it at closing time
            const int end = std::min(start + length, range.to);
            out.push_back(VisitEnded{visitId, paris(date, end), end == range.to ? VisitEnd::AtClosing : VisitEnd::ByMember});
        }
    }

    // Mostly a regular of the site, sometimes a member from elsewhere.
    std::optional<std::string> memberFor(std::size_t site) {
        const auto& regulars = sites_[site].regulars;
        if (!regulars.empty() && chance(0.8)) return members_[regulars[pick(regulars.size())]].member.id;
        if (signedUp_.empty()) return std::nullopt;
        return members_[signedUp_[pick(signedUp_.size())]].member.id;
    }

    hub::SqliteHubStorage& storage_;
    YearPlan plan_;
    std::mt19937_64 random_;
    std::vector<SiteState> sites_;
    std::vector<PlannedMember> members_;
    std::vector<std::size_t> signedUp_;
    std::map<long, std::vector<Change>> changes_;
    YearWritten written_;
};

}  // namespace

YearWritten writeYear(hub::SqliteHubStorage& storage, const std::string& networkPath, const YearPlan& plan) {
    return YearWriter(storage, plan).write(loadNetworkFile(networkPath));
}

void writeSyncSlots(const std::string& databasePath, hub::SqliteHubStorage& storage, const YearPlan& plan) {
    const LocalDate first{plan.year, 1, 1};
    const TimeMs from = parisLocalToUtc(first, 0);
    const TimeMs to = parisLocalToUtc({plan.year + 1, 1, 1}, 0);
    const hub::NetworkHistory history(storage.figuresLog(from, to).changes);
    std::mt19937_64 random(plan.seed + 1);
    Database db(databasePath);
    Transaction transaction(db);
    Statement& insert = db.prepare("INSERT INTO hub_figures_sync(device_id, site_id, day, low, high) VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const std::string& siteId : history.siteIds()) {
        for (long day = daysFromCivil(first); day < daysFromCivil({plan.year + 1, 1, 1}); ++day) {
            const auto open = history.openOn(siteId, civilFromDays(day));
            if (open.empty() || std::bernoulli_distribution(0.02)(random)) continue;  // a day the kiosk was down
            std::uint64_t mask[2] = {0, 0};
            for (int slot = 0; slot < 96; ++slot) {
                const TimeMs at = parisLocalToUtc(civilFromDays(day), slot * 15);
                if (hub::overlap(hub::Interval{at, at + 1}, open) == 0 || std::bernoulli_distribution(0.03)(random)) continue;
                mask[slot / 64] |= std::uint64_t{1} << (slot % 64);
            }
            insert.bind(1, "bench-kiosk-" + siteId).bind(2, siteId).bind(3, static_cast<std::int64_t>(day))
                .bind(4, static_cast<std::int64_t>(mask[0])).bind(5, static_cast<std::int64_t>(mask[1])).run();
            insert.reset();
        }
    }
    transaction.commit();
}

}  // namespace cowork::bench
