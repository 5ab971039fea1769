// The network's figures against hand-computed values on small fixtures: the
// engine on a made-up log (a place out of service for part of the month, a
// changed opening hour, a holiday, a visit across 13 h, a visit left open, one
// closed at closing time, 4 and 5 members), then the hub's route end to end.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "domain/member_code.hpp"
#include "hub_test_support.hpp"
#include "service/figures_service.hpp"
#include "service/figures_tables.hpp"
#include "service/retention_schedule.hpp"
#include "service/retention_service.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;

namespace {

TimeMs paris(int month, int day, int hour, int minute = 0) { return parisLocalToUtc({2026, month, day}, hour * 60 + minute); }

Site weekdaySite(const std::string& id, const std::string& ranges, SiteKind kind = SiteKind::MiniCowork) {
    Site site;
    site.id = id;
    site.kind = kind;
    site.name = "Lieu " + id;
    site.commune = "Fleurie";
    for (int d = 0; d < 5; ++d) site.hours.weekly[static_cast<std::size_t>(d)] = parseDayRanges(ranges).ranges;
    return site;
}

ConfigChange change(TimeMs at, EventPayload payload) { return {at, std::move(payload)}; }

FiguresVisit visit(const std::string& site, std::optional<std::string> member, TimeMs start, std::optional<TimeMs> end) {
    return {site, site + "/p1", std::move(member), start, end};
}

const Json& tableOf(const Json& tables, const std::string& id) {
    for (const Json& t : tables) {
        if (t["id"] == id) return t;
    }
    throw std::runtime_error("no table " + id);
}

const Json& rowOf(const Json& table, const std::string& scope) {
    for (const Json& r : table["rows"]) {
        if (r["scope"] == scope) return r["cells"];
    }
    throw std::runtime_error("no row " + scope);
}

// February 2026 at site "s": 20 weekdays, 2 places. Hours 09:00-12:00 and
// 14:00-18:00 (7 h) until the change on Monday 16th (14:00-19:00: 8 h), which
// also closes Friday 20th (holiday); place p2 out of service Mon 9th to Thu 12th.
FiguresLog februaryLog() {
    FiguresLog log;
    Site before = weekdaySite("s", "09:00-12:00,14:00-18:00");
    Site after = weekdaySite("s", "09:00-12:00,14:00-19:00");
    after.hours.exceptions.push_back({{2026, 2, 20}, {}, "Vacances"});
    log.changes = {change(paris(1, 2, 8), SiteConfigured{before}), change(paris(1, 2, 8), PlaceConfigured{"s/p1", "s", "1"}),
                   change(paris(1, 2, 8), PlaceConfigured{"s/p2", "s", "2"}),
                   change(paris(2, 9, 0), PlaceServiceChanged{"s/p2", false, "chaise cassée"}),
                   change(paris(2, 13, 0), PlaceServiceChanged{"s/p2", true, ""}),
                   change(paris(2, 16, 8), SiteConfigured{after})};
    log.visits = {visit("s", "m1", paris(2, 3, 11), paris(2, 3, 15)),   // across 13 h: 2 half-days, 2 h open
                  visit("s", std::nullopt, paris(2, 4, 15), std::nullopt),  // left open: counted until 18:00, 3 h
                  visit("s", "m2", paris(2, 17, 17), paris(2, 17, 19)),  // closed at closing time (new hours): 2 h
                  visit("s", "m1", paris(2, 10, 9), paris(2, 10, 10)),   // 1 h, morning
                  visit("s", "m1", paris(3, 2, 9), paris(3, 2, 10))};    // March: not counted
    log.members = {{"m1", {"Fleurie", std::nullopt, paris(1, 5, 10)}}, {"m2", {"Chénas", std::nullopt, paris(2, 17, 16)}}};
    // The kiosk synced 09:00-10:00 on Tuesday 3rd (4 slots) and 23:00 (closed).
    log.syncSlots = {{"s", daysFromCivil({2026, 2, 3}), std::uint64_t{0xF} << 36, std::uint64_t{1} << (92 - 64)}};
    return log;
}

}  // namespace

TEST_CASE("figures replay places, hours and holidays as they were each day", "[hub][figures]") {
    const FiguresLog log = februaryLog();
    const NetworkHistory history(log.changes);
    const FiguresPeriod february = monthPeriod(2026, 2);
    const Activity activity = activityOf(history, log, february);
    const ScopeActivity& s = activity.at("site:s");
    // Place-hours open: 70 (2-6) + 28 (9-12, one place) + 14 (13th) + 64 (16-19) + 0 (20th) + 80 (23-27).
    CHECK(s.placeTimeOpen == 256 * kHourMs);
    CHECK(s.visits == 4);
    CHECK(s.halfDays == 5);
    CHECK(s.placeTimeUsed == 8 * kHourMs);  // 2 + 3 + 2 + 1
    // Tuesday (1) 11 h to 14 h for the visit across 13 h; 9 h for the morning one; 17 h and 18 h for the late one.
    CHECK(s.presence[1 * 24 + 11] == 1);
    CHECK(s.presence[1 * 24 + 13] == 1);
    CHECK(s.presence[1 * 24 + 15] == 0);
    CHECK(s.presence[1 * 24 + 9] == 1);
    CHECK(s.presence[1 * 24 + 18] == 1);
    // Opening slots: 10 days of 7 h and 9 of 8 h (the 20th closed), of which 4
    // (09:00-10:00 on the 3rd) with a sync; the sync at 23:00 was out of hours.
    CHECK(s.openSlots == (10 * 7 + 9 * 8) * 4);
    CHECK(s.syncedSlots == 4);
    CHECK(activity.at("network").placeTimeOpen == 256 * kHourMs);

    const People people = peopleOf(history, log, february);
    const ScopePeople& p = people.at("site:s");
    CHECK(p.distinct.value == 2);
    CHECK(p.fresh.value == 1);  // m2 signed up on the 17th
    CHECK(p.returning.value == 1);
    CHECK(p.anonymousVisits == 1);
    CHECK(p.people.value == 3);
    CHECK(p.communes.at("Chénas").value == 1);

    const Json usage = usageTable({february, &history, activity, people});
    const Json& row = rowOf(usage, "site:s");
    CHECK(row["place_hours_open"] == 256.0);
    CHECK(row["visits"] == "< 5");  // 3 people at most
    CHECK(row["occupancy"] == "< 5");
    CHECK(row["distinct_members"] == "< 5");
    CHECK(usage["note"].get<std::string>().find("« < 5 »") != std::string::npos);
}

TEST_CASE("a quarter's months are counted in one pass as each month alone", "[hub][figures]") {
    FiguresLog log = februaryLog();
    log.visits.push_back(visit("s", "m2", paris(3, 31, 17), paris(3, 31, 18)));  // the last hour of the quarter
    log.visits.push_back(visit("s", "m3", paris(4, 1, 9), paris(4, 1, 10)));     // April: in no month of it
    log.visits.push_back(visit("s", "m1", paris(1, 5, 9), paris(1, 5, 10)));      // January: the first month
    log.visits.push_back(visit("s", "m1", paris(2, 24, 9), paris(2, 24, 10)));    // February again, synced late
    const NetworkHistory history(log.changes);
    const std::vector<FiguresPeriod> months = quarterPeriod(2026, 1).months();
    const std::vector<People> together = peopleByMonth(history, log, months);
    REQUIRE(together.size() == 3);
    for (std::size_t m = 0; m < months.size(); ++m) {
        const People alone = peopleOf(history, log, months[m]);
        REQUIRE(together[m].size() == alone.size());
        for (const auto& [scope, p] : alone) {
            INFO(months[m].key() << " " << scope);
            const ScopePeople& q = together[m].at(scope);
            CHECK(q.distinct.value == p.distinct.value);
            CHECK(q.fresh.value == p.fresh.value);
            CHECK(q.anonymousVisits == p.anonymousVisits);
            CHECK(q.people.value == p.people.value);
        }
    }
    // By hand: January m1 alone; February as above; March m1 (the 2nd) and m2 (the 31st).
    CHECK(together[0].at("site:s").distinct.value == 1);
    CHECK(together[1].at("site:s").distinct.value == 2);
    CHECK(together[2].at("site:s").distinct.value == 2);
    CHECK(together[2].at("site:s").communes.at("Chénas").value == 1);
    const People quarter = addMonths(together);
    CHECK(quarter.at("site:s").distinct.value == 5);  // member-months
    CHECK(quarter.at("site:s").distinct.floor == 2);
    CHECK(quarter.at("network").anonymousVisits == 1);
}

TEST_CASE("corpoWorking use is counted by partner employer, others and anonymous visits apart", "[hub][figures]") {
    FiguresLog log;
    Site corpo = weekdaySite("c", "08:00-18:00", SiteKind::CorpoWorking);
    corpo.partnerEmployers = {"Lybertec", "Vins Dubœuf"};
    log.changes = {change(paris(1, 2, 8), SiteConfigured{corpo}), change(paris(1, 2, 8), PlaceConfigured{"c/p1", "c", "1"})};
    log.members = {{"a", {"Fleurie", "LYBERTEC", paris(1, 5, 10)}},     // folded: the partner's own spelling
                   {"b", {"Fleurie", "vins duboeuf", paris(1, 5, 10)}},  // œ folded too
                   {"c", {"Fleurie", "Mairie", paris(1, 5, 10)}},        // not a partner
                   {"d", {"Fleurie", std::nullopt, paris(1, 5, 10)}}};   // gave none
    log.visits = {visit("c", "a", paris(2, 3, 9), paris(2, 3, 11)),   // 2 h
                  visit("c", "a", paris(2, 4, 9), paris(2, 4, 10)),   // 1 h, same member
                  visit("c", "b", paris(2, 5, 16), std::nullopt),     // left open: until 18:00, 2 h
                  visit("c", "c", paris(2, 6, 7), paris(2, 6, 9)),    // 1 h within opening hours
                  visit("c", "d", paris(2, 9, 9), paris(2, 9, 10)),   // 1 h
                  visit("c", std::nullopt, paris(2, 10, 9), paris(2, 10, 12))};  // anonymous, 3 h
    const NetworkHistory history(log.changes);
    const People people = peopleOf(history, log, monthPeriod(2026, 2));
    const auto& employers = people.at("site:c").employers;
    REQUIRE(employers.size() == 4);
    CHECK(employers.at("Lybertec").members.value == 1);
    CHECK(employers.at("Lybertec").visits == 2);
    CHECK(employers.at("Lybertec").placeTimeUsed == 3 * kHourMs);
    CHECK(employers.at("Vins Dubœuf").members.value == 1);
    CHECK(employers.at("Vins Dubœuf").placeTimeUsed == 2 * kHourMs);
    CHECK(employers.at(kOtherEmployer).members.value == 2);
    CHECK(employers.at(kOtherEmployer).visits == 2);
    CHECK(employers.at(kOtherEmployer).placeTimeUsed == 2 * kHourMs);
    CHECK(employers.at(kAnonymousEmployer).members.value == 0);
    CHECK(employers.at(kAnonymousEmployer).visits == 1);
    CHECK(employers.at(kAnonymousEmployer).placeTimeUsed == 3 * kHourMs);
    CHECK(people.at("network").employers.empty());  // a site's own table
    CHECK(people.at("kind:corpoworking").distinct.value == 4);
}

TEST_CASE("figures hide counts under 5 people, and the cells that would give them away", "[hub][figures][privacy]") {
    // Three mini-coworks: A with `a` members, B with 10 (3 of them new), C with 6, one visit each.
    const auto measuresWith = [](int a) {
        FiguresLog log;
        for (const char* id : {"a", "b", "c"}) {
            log.changes.push_back(change(paris(1, 2, 8), SiteConfigured{weekdaySite(id, "08:00-18:00")}));
            log.changes.push_back(change(paris(1, 2, 8), PlaceConfigured{std::string(id) + "/p1", id, "1"}));
        }
        int n = 0;
        for (const auto& [site, count] : std::vector<std::pair<std::string, int>>{{"a", a}, {"b", 10}, {"c", 6}}) {
            for (int i = 0; i < count; ++i, ++n) {
                const std::string member = std::string("m").append(std::to_string(n));
                log.visits.push_back(visit(site, member, paris(2, 3 + i % 5, 9), paris(2, 3 + i % 5, 10)));
                const bool fresh = site == "b" && i < 3;
                log.members[member] = {"Fleurie", std::nullopt, fresh ? paris(2, 2, 9) : paris(1, 2, 9)};
            }
        }
        return log;
    };
    const FiguresPeriod february = monthPeriod(2026, 2);
    const auto usageWith = [&](int a) {
        const FiguresLog log = measuresWith(a);
        const NetworkHistory history(log.changes);
        return usageTable({february, &history, activityOf(history, log, february), peopleOf(history, log, february)});
    };

    const Json four = usageWith(4);
    CHECK(rowOf(four, "site:a")["visits"] == "< 5");
    CHECK(rowOf(four, "site:a")["distinct_members"] == "< 5");
    // The kind's total (20) minus B (10) would give A: C goes too, the smallest other.
    CHECK(rowOf(four, "kind:mini-cowork")["visits"] == 20);
    CHECK(rowOf(four, "site:c")["visits"] == "< 5");
    CHECK(rowOf(four, "site:b")["visits"] == 10);
    // B: 3 new members hidden, and the returning ones with them (10 - 7 = 3).
    CHECK(rowOf(four, "site:b")["new_members"] == "< 5");
    CHECK(rowOf(four, "site:b")["returning_members"] == "< 5");
    CHECK(rowOf(four, "site:b")["distinct_members"] == 10);

    const Json five = usageWith(5);
    CHECK(rowOf(five, "site:a")["visits"] == 5);
    CHECK(rowOf(five, "site:a")["distinct_members"] == 5);
    CHECK(rowOf(five, "site:c")["visits"] == 6);
    CHECK(rowOf(five, "kind:mini-cowork")["visits"] == 21);
}

TEST_CASE("the communes table gives INSEE codes and maps every commune of the network", "[hub][figures]") {
    FiguresLog log;
    log.changes = {change(paris(1, 2, 8), SiteConfigured{weekdaySite("s", "08:00-18:00")}),
                   change(paris(1, 2, 8), PlaceConfigured{"s/p1", "s", "1"})};
    for (int i = 0; i < 10; ++i) {
        const std::string member = "m" + std::to_string(i);
        log.visits.push_back(visit("s", member, paris(2, 3 + i % 5, 9), paris(2, 3 + i % 5, 10)));
        log.members[member] = {i < 5 ? "Chénas" : kOutsideTerritory, std::nullopt, paris(1, 2, 9)};
    }
    log.communes = {{"Chénas", {"Chénas", "69053", Coordinates{46.2147, 4.7172}}},
                    {"Fleurie", {"Fleurie", "69084", Coordinates{46.1919, 4.6989}}},
                    {"Azolette", {"Azolette", "69016", Coordinates{46.1972, 4.4250}}},
                    {"Sans centre", {"Sans centre", "69999", std::nullopt}}};
    const NetworkHistory history(log.changes);
    const FiguresPeriod february = monthPeriod(2026, 2);
    PeriodMeasures m{february, &history, activityOf(history, log, february), peopleOf(history, log, february)};
    m.communes = &log.communes;
    const Json table = communesTable(m);

    std::map<std::string, Json> rows;
    for (const Json& row : table["rows"]) rows[row["name"]] = row["cells"];
    REQUIRE(rows.size() == 2);
    CHECK(rows["Chénas"]["insee"] == "69053");
    CHECK(rows["Chénas"]["members"] == 5);
    CHECK(rows[kOutsideTerritory]["insee"].is_null());  // a row, never on the map
    CHECK(rows[kOutsideTerritory]["members"] == 5);

    std::map<std::string, Json> map;
    for (const Json& place : table["map"]) map[place["commune"]] = place;
    CHECK(map.size() == 3);  // neither "Hors du territoire" nor the commune without a centre
    CHECK(map["Chénas"]["members"] == 5);
    CHECK(map["Azolette"]["members"] == 0);  // no member from there: still on the map
    CHECK(map["Azolette"]["insee"] == "69016");
    CHECK(map["Fleurie"]["lat"] == 46.1919);  // the file's centre, not the site's (0, 0)
    CHECK(map.count(kOutsideTerritory) == 0);
}

TEST_CASE("figures are published for whole calendar periods only", "[hub][figures]") {
    const TimeMs now = paris(6, 10, 12);
    CHECK(parseFiguresPeriod("2026-05", now).key() == "2026-05");
    CHECK(parseFiguresPeriod("2026-Q1", now).key() == "2026-T1");
    CHECK(parseFiguresPeriod("2025", now).label() == "année 2025");
    CHECK(parseFiguresPeriod("2026-T1", now).last == LocalDate{2026, 3, 31});
    for (const char* refused : {"2026-06", "2026", "2026-T2", "2026-05-01", "mai", "2026-13", "2026-T5", ""}) {
        INFO(refused);
        CHECK_THROWS_AS(parseFiguresPeriod(refused, now), ApiError);
    }
    try {
        parseFiguresPeriod("2026-06", now);
    } catch (const ApiError& e) {
        CHECK(std::string(e.what()).find("n’est pas terminée") != std::string::npos);
    }
}

namespace {

// Five members registered at Fleurie, each with one visit on Tuesday 8 December
// 2026 at 10:00; the hub's clock then reads `hubNow`.
void fiveVisitsInDecember(RunningHub& hub, FakeKiosk& kiosk, TimeMs hubNow) {
    hub.clockShiftMs = hubNow - systemNowMs();
    std::vector<Event> events;
    for (int i = 0; i < 5; ++i) {
        const std::string member = std::string("m-").append(std::to_string(i));
        const TimeMs at = parisLocalToUtc({2026, 12, 8}, 10 * 60 + i);
        Member registered = cowork::testing::sampleMember(member, generateMemberCode([](const std::string&) { return false; }));
        registered.consentAt = at;
        events.push_back(kiosk.event(MemberRegistered{registered}, at));
        events.push_back(kiosk.event(VisitStarted{newUuid7(at), kiosk.siteId(), "fleurie-boulangerie/fenetre", member, at}, at));
        const std::string visitId = std::get<VisitStarted>(events.back().payload).visitId;
        events.push_back(kiosk.event(VisitEnded{visitId, at + kHourMs, VisitEnd::ByMember}, at + kHourMs));
    }
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody(events, 0, hubNow), kiosk.token()).status == 200);
}

// LibreOffice Calc (headless, when installed: scripts/setup-libreoffice) opens the
// CSV as a French spreadsheet would and writes it back with points and commas:
// the accents and the numbers must come out as they went in.
void readByLibreOffice(const std::string& csv) {
    if (std::system("command -v soffice > /dev/null 2>&1") != 0) {
        WARN("soffice absent : lecture par LibreOffice non vérifiée (scripts/setup-libreoffice)");
        return;
    }
    cowork::testing::TempDir dir;
    std::ofstream(dir.file("chiffres.csv"), std::ios::binary) << csv;
    // In: ';' (59), '"' (34), UTF-8 (76), first line 1, French (1036). Out: ',' (44), UTF-8, English (1033).
    const std::string command = "cd '" + dir.path().string() + "' && HOME='" + dir.path().string() +
                                "' soffice --headless --infilter='CSV:59,34,76,1,,1036' "
                                "--convert-to 'txt:Text - txt - csv (StarCalc):44,34,76,1,,1033' --outdir out chiffres.csv > /dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(dir.file("out/chiffres.txt"));
    std::stringstream read;
    read << in.rdbuf();
    INFO(read.str());
    CHECK(read.str().find("Demi-journées de présence") != std::string::npos);
    CHECK(read.str().find("Mini-cowork de la boulangerie,5,5,5,") != std::string::npos);
    CHECK(read.str().find(",0.0") == std::string::npos);  // no number left as text with a comma
}

}  // namespace

TEST_CASE("the figures route answers JSON, a CSV for a French spreadsheet and a workbook", "[hub][figures]") {
    RunningHub hub;  // the demo network, configured now (6 December 2026 or later)
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const TimeMs now = std::max(systemNowMs(), paris(12, 7, 0));
    fiveVisitsInDecember(hub, kiosk, now + 40 * kDayMs);
    // And one animation session, 10 h to 12 h 30 on 9 December (the hub takes a
    // kiosk's session for its own site; the designation was the kiosk's to check).
    const TimeMs animated = parisLocalToUtc({2026, 12, 9}, 10 * 60);
    const std::string session = newUuid7(animated);
    REQUIRE(hub.post("/api/v1/sync",
                     kiosk.syncBody({kiosk.event(AnimationStarted{session, kiosk.siteId(), "m-0", animated}, animated),
                                     kiosk.event(AnimationEnded{session, animated + 150 * kMinuteMs, AnimationEnd::ByAnimator},
                                                 animated + 150 * kMinuteMs)},
                                    0, now + 40 * kDayMs),
                     kiosk.token())
                .status == 200);
    CHECK(hub.admin("GET", "/api/v1/admin/figures?period=2026-12").status == 401);
    hub.logInAsCoordinator();

    const auto reply = hub.admin("GET", "/api/v1/admin/figures?period=2026-12");
    REQUIRE(reply.status == 200);
    const Json figures = reply.json();
    CHECK(figures["period"]["label"] == "décembre 2026");
    const Json& usage = tableOf(figures["tables"], "usage");
    const Json& fleurie = rowOf(usage, "site:fleurie-boulangerie");
    CHECK(fleurie["visits"] == 5);
    CHECK(fleurie["distinct_members"] == 5);
    CHECK(fleurie["new_members"] == 5);
    CHECK(fleurie["half_days"] == 5);
    CHECK(fleurie["place_hours_used"] == 5.0);
    CHECK(fleurie["anonymous_share"] == 0.0);
    // Every other mini-cowork has no visit: zeros hide no one, and the kind's total is Fleurie's.
    CHECK(rowOf(usage, "kind:mini-cowork")["visits"] == 5);
    const Json& communes = tableOf(figures["tables"], "communes");
    CHECK(communes["rows"][0]["cells"]["members"] == 5);
    CHECK(communes["rows"][0]["cells"]["insee"] == "69053");  // Chénas, from the demo network file
    CHECK(communes["map"].size() == 35);  // every commune of the CCSB, not only those hosting a site
    const Json& animators = tableOf(figures["tables"], "animators");
    CHECK(rowOf(animators, "site:fleurie-boulangerie")["animation_hours"] == Approx(2.5));
    CHECK(rowOf(animators, "kind:mini-cowork")["animation_hours"] == Approx(2.5));
    CHECK(rowOf(animators, "network")["animation_hours"] == Approx(2.5));
    CHECK(rowOf(animators, "site:beaujeu-tiers-lieu")["animation_hours"] == Approx(0.0));
    for (const Json& table : figures["tables"]) CHECK(table["note"].get<std::string>().find("anonyme") != std::string::npos);

    const auto csv = hub.admin("GET", "/api/v1/admin/figures?period=2026-12&format=csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.rfind("\xEF\xBB\xBFLieu;Passages;Demi-journées de présence;", 0) == 0);
    CHECK(csv.body.find("\r\nMini-cowork de la boulangerie;5;5;5;") != std::string::npos);
    CHECK(csv.body.find("Taux d’occupation (%)") != std::string::npos);
    readByLibreOffice(csv.body);
    const auto xlsx = hub.admin("GET", "/api/v1/admin/figures?period=2026-12&format=xlsx");
    REQUIRE(xlsx.status == 200);
    CHECK(xlsx.body.rfind("PK", 0) == 0);  // a zip, as .xlsx files are
    CHECK(hub.admin("GET", "/api/v1/admin/figures?period=2026-12&format=csv&table=nope").status == 400);

    const auto refused = hub.admin("GET", "/api/v1/admin/figures?from=2026-12-01&to=2026-12-15");
    CHECK(refused.status == 400);
    CHECK(refused.json()["field"] == "period");
    hub.logInAs(Role::Animator, "anim@ccsb.example", {"fleurie-boulangerie"});
    CHECK(hub.admin("GET", "/api/v1/admin/figures?period=2026-12").status == 403);
}

TEST_CASE("a month's people counts are frozen before retention removes the links", "[hub][figures][privacy]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const TimeMs now = std::max(systemNowMs(), paris(12, 7, 0));
    fiveVisitsInDecember(hub, kiosk, now + 40 * kDayMs);
    hub.logInAsCoordinator();
    const auto usageIn = [&](const std::string& period, const std::string& scope) {
        const Json figures = hub.admin("GET", "/api/v1/admin/figures?period=" + period).json();
        return rowOf(tableOf(figures["tables"], "usage"), scope);
    };
    const auto fleurieIn = [&](const std::string& period) { return usageIn(period, "site:fleurie-boulangerie"); };
    CHECK(fleurieIn("2026-12")["distinct_members"] == 5);

    // Three months and a few days later, retention unlinks the December visits.
    const TimeMs later = parisLocalToUtc({2027, 3, 20}, 12 * 60);
    hub.clockShiftMs = later - systemNowMs();
    const RetentionReport report = RetentionService(hub.storage(), [later] { return later; }).apply();
    CHECK(report.visitsUnlinked == 5);
    hub.logInAsCoordinator();  // the session ended while the clock moved on
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.started' AND payload ->> '$.member_id' IS NOT NULL") == 0);
    CHECK(hub.count("SELECT count(*) FROM hub_figures_frozen WHERE month = '2026-12' AND measure = 'distinct'") > 0);
    const Json december = fleurieIn("2026-12");
    CHECK(december["distinct_members"] == 5);
    CHECK(december["new_members"] == 5);
    CHECK(december["anonymous_share"] == 0.0);
    // November was never frozen: no members' figures, said so, never guessed;
    // nor for the quarter it belongs to.
    CHECK(usageIn("2026-11", "network")["distinct_members"].is_null());
    CHECK(fleurieIn("2026-T4")["distinct_members"].is_null());
    CHECK(fleurieIn("2026-T4")["visits"] == 5);
}

// The storage keeps the log's visit events pre-parsed between requests
// (figures_visit_cache.hpp): what it answers must follow the log as it changes
// under it, a visit appended by a sync, a member forgotten, retention's pass.
TEST_CASE("the figures follow the log after a sync, an erasure and retention", "[hub][figures][privacy]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const TimeMs hubNow = std::max(systemNowMs(), paris(12, 7, 0)) + 40 * kDayMs;
    fiveVisitsInDecember(hub, kiosk, hubNow);
    const auto december = [&] { return hub.storage().figuresLog(paris(12, 1, 0), parisLocalToUtc({2027, 1, 1}, 0)).visits; };
    const auto linkedTo = [](const std::vector<FiguresVisit>& visits, const std::string& member) {
        return std::count_if(visits.begin(), visits.end(), [&](const FiguresVisit& v) { return v.memberId == member; });
    };
    REQUIRE(december().size() == 5);
    CHECK(linkedTo(december(), "m-1") == 1);

    // A sixth visit, still open, then its end: read past what was read before.
    const TimeMs at = paris(12, 9, 14);
    const Event started = kiosk.event(VisitStarted{newUuid7(at), kiosk.siteId(), "fleurie-boulangerie/fenetre", "m-0", at}, at);
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({started}, 0, hubNow), kiosk.token()).status == 200);
    CHECK(december().size() == 6);
    CHECK(linkedTo(december(), "m-0") == 2);
    const std::string visitId = std::get<VisitStarted>(started.payload).visitId;
    const Event ended = kiosk.event(VisitEnded{visitId, at + 2 * kHourMs, VisitEnd::ByMember}, at + 2 * kHourMs);
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({ended}, 0, hubNow), kiosk.token()).status == 200);
    // Both times carry the clock offset measured at their own sync: a few ms apart.
    const std::vector<FiguresVisit> withEnd = december();
    CHECK(std::count_if(withEnd.begin(), withEnd.end(), [&](const FiguresVisit& v) {
              return v.end && std::abs(v.start - at) < kMinuteMs && std::abs(*v.end - (at + 2 * kHourMs)) < kMinuteMs;
          }) == 1);

    // m-1 forgotten: the visit stays, its link goes, at once.
    REQUIRE(hub.storage().forgetMember("m-1", hubNow));
    CHECK(december().size() == 6);
    CHECK(linkedTo(december(), "m-1") == 0);
    CHECK(linkedTo(december(), "m-0") == 2);

    // Retention a few months on unlinks every December visit.
    const TimeMs later = parisLocalToUtc({2027, 3, 20}, 12 * 60);
    hub.clockShiftMs = later - systemNowMs();
    CHECK(RetentionService(hub.storage(), [later] { return later; }).apply().visitsUnlinked == 5);
    const std::vector<FiguresVisit> unlinked = december();
    CHECK(unlinked.size() == 6);
    CHECK(std::none_of(unlinked.begin(), unlinked.end(), [](const FiguresVisit& v) { return v.memberId.has_value(); }));
}

// The copy is filled off the request threads, in steps each short under the
// storage's lock, after each retention pass (RetentionSchedule), so the first
// figures after a start do not read the whole log while kiosks wait to sync.
TEST_CASE("the figures' copy of the log is filled in steps after retention, not by the first request", "[hub][figures]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const TimeMs hubNow = std::max(systemNowMs(), paris(12, 7, 0)) + 40 * kDayMs;
    fiveVisitsInDecember(hub, kiosk, hubNow);
    auto& storage = dynamic_cast<SqliteHubStorage&>(hub.storage());
    REQUIRE(storage.figuresCopyVisits() == 0);  // nothing asked for figures yet

    // A step is a window of the log's events, of any kind: the network's import comes first.
    int steps = 1;
    CHECK_FALSE(storage.fillFiguresCopy(1));
    CHECK(storage.figuresCopyVisits() == 0);
    for (bool done = false; !done; ++steps) done = storage.fillFiguresCopy(1);
    CHECK(steps == storage.eventCount());  // one event a step, to the log's end
    CHECK(storage.figuresCopyVisits() == 5);
    CHECK(storage.fillFiguresCopy(1));  // nothing left to read

    // The schedule fills a copy that retention or a forgetting dropped, on its own thread.
    REQUIRE(storage.forgetMember("m-1", hubNow));
    CHECK(storage.figuresCopyVisits() == 0);
    {
        RetentionSchedule schedule(storage, systemNowMs);
        for (int i = 0; i < 500 && storage.figuresCopyVisits() < 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(storage.figuresCopyVisits() == 5);
    CHECK(hub.storage().figuresLog(paris(12, 1, 0), parisLocalToUtc({2027, 1, 1}, 0)).visits.size() == 5);
}
