#include <catch2/catch.hpp>

#include <atomic>

#include "support/periodic_thread.hpp"

using namespace cowork::hub;
using namespace std::chrono_literals;

TEST_CASE("a periodic thread runs its task at once or after its interval, and stops without waiting it out", "[hub][periodic]") {
    std::atomic<int> runs{0};
    const auto started = std::chrono::steady_clock::now();
    {
        PeriodicThread now(1h, PeriodicThread::Start::Now, [&] { ++runs; });
        while (runs == 0 && std::chrono::steady_clock::now() - started < 5s) std::this_thread::sleep_for(1ms);
    }
    CHECK(runs == 1);
    {
        PeriodicThread later(1h, PeriodicThread::Start::AfterInterval, [&] { ++runs; });
        std::this_thread::sleep_for(20ms);
    }
    CHECK(runs == 1);  // the hour never came
    CHECK(std::chrono::steady_clock::now() - started < 5s);

    std::atomic<int> ticks{0};
    {
        PeriodicThread often(5ms, PeriodicThread::Start::AfterInterval, [&] { ++ticks; });
        std::this_thread::sleep_for(100ms);
    }
    CHECK(ticks >= 3);
}
