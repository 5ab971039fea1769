// The kiosk under systemd (Type=notify, WatchdogSec=): READY=1 after the first
// frame, then WATCHDOG=1 from the event loop often enough, even when idle, so
// that only a frozen loop gets the kiosk restarted.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "kiosk_harness.hpp"

using cowork::kiosk::testing::KioskHarness;

namespace {

// A stand-in for systemd's notification socket.
class NotifySocket {
public:
    NotifySocket() : path_("/tmp/cowork-notify-" + std::to_string(getpid())) {
        fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        path_.copy(address.sun_path, sizeof address.sun_path - 1);
        unlink(path_.c_str());
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        setenv("NOTIFY_SOCKET", path_.c_str(), 1);
    }
    ~NotifySocket() {
        unsetenv("NOTIFY_SOCKET");
        close(fd_);
        unlink(path_.c_str());
    }
    std::vector<std::string> messages() const {
        std::vector<std::string> received;
        char buffer[512];
        for (ssize_t n; (n = recv(fd_, buffer, sizeof buffer, 0)) > 0;) received.emplace_back(buffer, static_cast<std::size_t>(n));
        return received;
    }

private:
    std::string path_;
    int fd_ = -1;
};

}  // namespace

TEST_CASE("under systemd's watchdog the idle loop says it is ready, then alive every half period", "[idle][watchdog]") {
    NotifySocket systemd;
    setenv("WATCHDOG_USEC", "200000", 1);  // WatchdogSec=0.2: a ping every 100 ms at least
    setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
    KioskHarness h;
    REQUIRE(h.runner().watchdog().enabled());
    std::thread quitter([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1000));
        SDL_Event quit{};
        quit.type = SDL_QUIT;
        SDL_PushEvent(&quit);
    });
    h.runner().run();
    quitter.join();
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");

    const std::vector<std::string> messages = systemd.messages();
    REQUIRE_FALSE(messages.empty());
    CHECK(messages.front().rfind("READY=1", 0) == 0);
    long long pings = 0;
    for (const std::string& message : messages) pings += message == "WATCHDOG=1";
    CHECK(pings >= 7);   // 1 s at one ping per 100 ms, the loop sleeping in between
    CHECK(pings <= 13);  // and not at every look for events
    CHECK(h.runner().stats().frames <= 4);  // waking for the watchdog draws nothing
}

TEST_CASE("outside systemd the kiosk sends nothing and sleeps as long as it likes", "[idle][watchdog]") {
    unsetenv("WATCHDOG_USEC");
    KioskHarness h;
    CHECK_FALSE(h.runner().watchdog().enabled());
    CHECK(h.runner().watchdog().msUntilDue() == -1);
}
