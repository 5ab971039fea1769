#include <catch2/catch.hpp>

#include "hub_test_support.hpp"
#include "log_capture.hpp"
#include "support/log_throttle.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::LogCapture;
using cowork::hub::testing::RunningHub;

namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
    return count;
}

}  // namespace

TEST_CASE("a kind of line gets a few lines a window, and the next one written says how many were held", "[hub][log]") {
    LogThrottle throttle(2, 60'000);
    CHECK(throttle.admit("a", 1'000) == 0);
    CHECK(throttle.admit("a", 2'000) == 0);
    CHECK_FALSE(throttle.admit("a", 3'000).has_value());
    CHECK_FALSE(throttle.admit("a", 4'000).has_value());
    CHECK(throttle.admit("b", 5'000) == 0);  // another kind has its own
    CHECK(throttle.admit("a", 61'000) == 2);
    CHECK(throttle.admit("a", 62'000) == 0);
    CHECK_FALSE(throttle.admit("a", 63'000).has_value());
    // A clock set back opens a new window instead of holding lines until it catches up.
    CHECK(throttle.admit("a", 10'000) == 1);
}

// journald drops a service's lines past its rate limit, warnings and errors
// with them: a client must not be able to write the hub's journal at will.
TEST_CASE("refused requests are logged a few times a minute per route and status, and all counted", "[hub][log]") {
    LogCapture log;  // before the hub: its threads log, and the logger's sinks may change only while none runs
    RunningHub hub;
    for (int i = 0; i < 3 * kClientErrorLinesPerMinute; ++i) REQUIRE(hub.get("/nowhere/" + std::to_string(i)).status == 404);
    REQUIRE(hub.post("/api/v1/sync", "{}", "not-a-token").status == 401);

    std::string logged = log.text();
    CHECK(occurrences(logged, "status=404") == static_cast<std::size_t>(kClientErrorLinesPerMinute));
    CHECK(occurrences(logged, R"(path="/api/v1/sync" status=401)") == 1);  // its own kind, not held with the 404s
    CHECK(hub.get("/metrics").body.find(R"(route="other",status="404"} )" + std::to_string(3 * kClientErrorLinesPerMinute)) !=
          std::string::npos);

    hub.clockShiftMs += kMinuteMs;
    REQUIRE(hub.get("/nowhere/again").status == 404);
    logged = log.text();
    CHECK(occurrences(logged, "status=404") == static_cast<std::size_t>(kClientErrorLinesPerMinute) + 1);
    CHECK(logged.find(R"(path="/nowhere/again" status=404 remote=127.0.0.1 similar_not_logged=)" +
                      std::to_string(2 * kClientErrorLinesPerMinute)) != std::string::npos);
}
