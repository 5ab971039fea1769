// The idle loop under the dummy driver (which cannot sleep in SDL): no frame
// without a reason, and a few looks for events a second rather than a thousand.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "kiosk_harness.hpp"
#include "platform/event_wait.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::KioskHarness;

namespace {

void pushQuitAfter(std::chrono::milliseconds delay) {
    std::this_thread::sleep_for(delay);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    SDL_PushEvent(&quit);
}

}  // namespace

TEST_CASE("idle for a second, the loop draws nothing and looks for events about 10 times", "[idle]") {
    KioskHarness h;
    const long long framesBefore = h.runner().stats().frames;
    std::thread quitter(pushQuitAfter, std::chrono::milliseconds(1000));
    const auto start = std::chrono::steady_clock::now();
    h.runner().run();
    quitter.join();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed >= std::chrono::milliseconds(950));
    CHECK(h.runner().stats().frames - framesBefore <= 4);  // the first frame and its settling
    CHECK(h.runner().eventLooks() <= 15);                // 100 ms steps, not SDL's 1 ms
}

TEST_CASE("a wake event from background work redraws, then the loop sleeps again", "[idle]") {
    KioskHarness h;
    std::thread worker([&h] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        h.runner().wakeEvent().push();
        pushQuitAfter(std::chrono::milliseconds(400));
    });
    h.runner().run();
    worker.join();
    const long long frames = h.runner().stats().frames;
    CHECK(frames >= 4);   // the wake-up and its settle frames
    CHECK(frames <= 12);
}

TEST_CASE("on drivers that cannot wait the waiter sleeps in steps and still returns events at once", "[idle]") {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    REQUIRE(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
    CHECK_FALSE(platform::videoDriverCanWait("dummy"));
    CHECK_FALSE(platform::videoDriverCanWait("KMSDRM"));
    CHECK(platform::videoDriverCanWait("x11"));
    platform::EventWaiter waiter(false, 50, 10, 5000);
    SDL_Event event;
    while (SDL_PollEvent(&event) == 1) {
    }
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(waiter.wait(event, 300));
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(290));
    CHECK(waiter.looks() <= 10);

    SDL_Event user{};
    user.type = SDL_USEREVENT;
    SDL_PushEvent(&user);
    CHECK(waiter.wait(event, 300));
    CHECK(event.type == SDL_USEREVENT);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

TEST_CASE("after an event the waiter looks more often for a while, so typing stays quick", "[idle]") {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    REQUIRE(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
    platform::EventWaiter waiter(false, 100, 10, 5000);
    SDL_Event event;
    while (SDL_PollEvent(&event) == 1) {
    }
    SDL_Event user{};
    user.type = SDL_USEREVENT;
    SDL_PushEvent(&user);
    REQUIRE(waiter.wait(event, 100));
    const long long before = waiter.looks();
    CHECK_FALSE(waiter.wait(event, 200));
    CHECK(waiter.looks() - before >= 10);  // 10 ms steps while active
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}
