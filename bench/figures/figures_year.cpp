// The figures' benchmark (issue 12): a generated year of a 50-site network
// written through the hub's storage, then the time of each statistics table for
// that year and for one month, beside a plain SQL aggregation over the same
// events in the sqlite3 shell (visits per site and month), in the same run.
//   figures_year generate --data DIR --network FILE [--year 2025] [--visits 200000] [--members 3000]
//   figures_year time --data DIR [--year 2025] [--month 6] [--runs 7]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "service/animation_service.hpp"
#include "service/figures_service.hpp"
#include "service/figures_tables.hpp"
#include "service/retention_schedule.hpp"
#include "year_generator.hpp"

using namespace cowork;
using namespace cowork::hub;
using SteadyClock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double timed(const std::function<void()>& work) {
    const auto start = SteadyClock::now();
    work();
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& otherwise) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == name) return args[i + 1];
    }
    return otherwise;
}

std::string databaseIn(const std::string& data) { return (std::filesystem::path(data) / "hub.db").string(); }

int generate(const std::vector<std::string>& args) {
    bench::YearPlan plan;
    plan.year = std::stoi(option(args, "--year", "2025"));
    plan.visits = std::stoll(option(args, "--visits", "200000"));
    plan.members = std::stoi(option(args, "--members", "3000"));
    const std::string data = option(args, "--data", "");
    std::filesystem::create_directories(data);
    SqliteHubStorage storage(databaseIn(data));
    const double ms = timed([&] {
        const bench::YearWritten written = bench::writeYear(storage, option(args, "--network", ""), plan);
        std::printf("generated %d: %lld visits, %lld members, %lld configuration changes, %lld events\n", plan.year,
                    static_cast<long long>(written.visits), static_cast<long long>(written.members),
                    static_cast<long long>(written.configChanges), static_cast<long long>(written.events));
    });
    bench::writeSyncSlots(databaseIn(data), storage, plan);
    // Every month of the year keeps its member links: its people counts are
    // computed from the log, the costlier case (not read from frozen counts).
    storage.saveSetting("visit_link_months", "13");
    std::printf("written through the hub's storage in %.1f s\n", ms / 1000);
    return 0;
}

// The plain SQL the figures are compared with: visits per site and month,
// straight from the log's JSON, in the sqlite3 shell; median of `runs`.
double sqlBaseline(const std::string& database, const FiguresPeriod& period, int runs) {
    const auto stamp = [](TimeMs t) { return std::to_string(HlcStamp::of(t, 0).packed); };
    std::string script = ".timer on\n.output /dev/null\n";
    for (int i = 0; i < runs + 1; ++i) {
        script += "SELECT site, month, count(*) FROM (SELECT payload ->> '$.site_id' AS site, "
                  "strftime('%Y-%m', (payload ->> '$.at') / 1000, 'unixepoch') AS month FROM events "
                  "WHERE kind = 'visit.started' AND stamp >= " + stamp(period.from) + " AND stamp < " + stamp(period.to) +
                  ") GROUP BY site, month;\n";
    }
    const std::string scriptPath = database + ".baseline.sql";
    std::FILE* file = std::fopen(scriptPath.c_str(), "w");
    std::fputs(script.c_str(), file);
    std::fclose(file);
    const std::string command = "sqlite3 -readonly '" + database + "' < '" + scriptPath + "' 2>&1";
    std::FILE* shell = popen(command.c_str(), "r");
    std::vector<double> times;
    char line[512];
    while (shell && std::fgets(line, sizeof line, shell)) {
        double real = 0;
        if (std::sscanf(line, "Run Time: real %lf", &real) == 1) times.push_back(real * 1000);
    }
    if (shell) pclose(shell);
    std::filesystem::remove(scriptPath);
    if (times.size() < 2) throw std::runtime_error("sqlite3 shell gave no timing");
    times.erase(times.begin());  // the first run warms the cache
    return median(times);
}

struct Stage {
    std::string name;
    std::vector<double> ms;
};

// Each stage of FiguresService::compute on its own, then compute itself (every
// table, the year before included) and its JSON text, `runs` times.
std::vector<Stage> timeStages(SqliteHubStorage& storage, const FiguresPeriod& period, TimeMs now, int runs) {
    std::vector<Stage> stages;
    const auto add = [&](const std::string& name, double ms) {
        auto found = std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.name == name; });
        if (found == stages.end()) found = stages.insert(stages.end(), {name, {}});
        found->ms.push_back(ms);
    };
    FiguresService service(storage, [now] { return now; });
    for (int run = 0; run < runs + 1; ++run) {
        FiguresLog log;
        add("read the log (figuresLog)", timed([&] { log = storage.figuresLog(period.from, period.to); }));
        std::unique_ptr<NetworkHistory> history;
        add("configuration history", timed([&] { history = std::make_unique<NetworkHistory>(log.changes); }));
        PeriodMeasures m{period, history.get(), {}, std::nullopt};
        add("activity (visits, hours, heat map, reachability)", timed([&] { m.activity = activityOf(*history, log, period); }));
        add("people (members, month by month)", timed([&] {
                const std::vector<People> months = peopleByMonth(*history, log, period.months());
                m.people = months.size() == 1 ? months.front() : addMonths(months);
            }));
        const PeriodMeasures before{period.yearBefore(), history.get(), {}, std::nullopt};
        add("table usage", timed([&] { usageTable(m); }));
        add("table comparison", timed([&] { comparisonTable(m, before); }));
        add("table busiest", timed([&] { busiestTimesTable(m); }));
        add("table communes", timed([&] { communesTable(m); }));
        add("table employers", timed([&] { employersTable(m); }));
        add("table reachability", timed([&] { reachabilityTable(m); }));
        add("table animators", timed([&] { animatorHoursTable(m, animatedHoursBySite(storage, period.first, period.last)); }));
        Json all;
        add("WHOLE ANSWER: compute() (every table + year before)", timed([&] { all = service.compute(period); }));
        add("its JSON text", timed([&] { (void)all.dump(); }));
    }
    for (Stage& s : stages) s.ms.erase(s.ms.begin());  // the first run warms the caches
    return stages;
}

int timeFigures(const std::vector<std::string>& args) {
    const int year = std::stoi(option(args, "--year", "2025"));
    const int monthIndex = std::stoi(option(args, "--month", "6"));
    const int runs = std::stoi(option(args, "--runs", "7"));
    const std::string database = databaseIn(option(args, "--data", ""));
    SqliteHubStorage storage(database);
    const TimeMs now = parisLocalToUtc({year + 1, 1, 10}, 12 * 60);
    std::printf("events in the log: %lld; median of %d runs (after one to warm up), milliseconds\n",
                static_cast<long long>(storage.eventCount()), runs);
    const FiguresPeriod periods[] = {yearPeriod(year), monthPeriod(year, monthIndex)};
    // The storage keeps the visit events pre-parsed (figures_visit_cache.hpp),
    // filled after each start by the retention schedule in steps, each holding
    // the storage's lock (what a kiosk's sync may wait behind): their number,
    // the longest, and the whole fill; then the first figures read.
    int steps = 0;
    double longest = 0;
    const double fill = timed([&] {
        for (bool done = false; !done; ++steps) {
            longest = std::max(longest, timed([&] { done = storage.fillFiguresCopy(RetentionSchedule::kFillStep); }));
        }
    });
    std::printf("filling the copy of the log after a start: %d steps of %lld events, longest %.1f ms, all %.1f ms\n", steps,
                static_cast<long long>(RetentionSchedule::kFillStep), longest, fill);
    const double cold = timed([&] { (void)storage.figuresLog(periods[0].from, periods[0].to); });
    std::printf("first read of the log after the fill: %.1f ms\n", cold);
    std::map<std::string, std::vector<double>> byStage;
    std::vector<std::string> order;
    double whole[2] = {0, 0};
    double baseline[2] = {0, 0};
    for (int p = 0; p < 2; ++p) {
        for (const Stage& s : timeStages(storage, periods[p], now, runs)) {
            if (!byStage.count(s.name)) order.push_back(s.name);
            byStage[s.name].push_back(median(s.ms));
            if (s.name.rfind("WHOLE", 0) == 0) whole[p] = median(s.ms);
        }
        baseline[p] = sqlBaseline(database, periods[p], runs);
    }
    std::printf("%-56s %12s %12s\n", "stage", periods[0].key().c_str(), periods[1].key().c_str());
    for (const std::string& name : order) std::printf("%-56s %12.1f %12.1f\n", name.c_str(), byStage[name][0], byStage[name][1]);
    std::printf("%-56s %12.1f %12.1f\n", "BASELINE: sqlite3 shell, visits per site and month", baseline[0], baseline[1]);
    std::printf("%-56s %12.2f %12.2f\n", "ratio whole answer / baseline", whole[0] / baseline[0], whole[1] / baseline[1]);
    for (int p = 0; p < 2; ++p) {
        // Every table needs the log read, the history, the activity and the people
        // counts: the whole answer bounds the time of each.
        std::printf("target %s: each table < 200 ms: %s (whole answer %.1f ms, %.2f of the target)\n", periods[p].key().c_str(),
                    whole[p] < 200 ? "met" : "NOT met", whole[p], whole[p] / 200);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (!args.empty() && args[0] == "generate") return generate(args);
        if (!args.empty() && args[0] == "time") return timeFigures(args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "figures_year: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: figures_year generate --data DIR --network FILE | time --data DIR\n");
    return 2;
}
