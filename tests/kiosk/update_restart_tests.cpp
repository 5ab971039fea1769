// A kiosk upgraded by apt during opening hours goes on with its old version
// until the shop closes and nobody is at the screen; then it ends, and
// systemd starts the new one.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "app/update_restart.hpp"
#include "platform/executable_replaced.hpp"

using namespace cowork;
using namespace cowork::kiosk;

TEST_CASE("a replaced program restarts only when the site is closed and the screen untouched for a minute", "[update]") {
    KioskView closed;
    closed.status.open = false;
    KioskView open = closed;
    open.status.open = true;
    CHECK(shouldRestartIntoUpdate(true, closed, 60'000));
    CHECK_FALSE(shouldRestartIntoUpdate(true, open, 3'600'000));  // opening hours: later
    CHECK_FALSE(shouldRestartIntoUpdate(true, closed, 20'000));   // someone at the screen after hours
    CHECK_FALSE(shouldRestartIntoUpdate(false, closed, 3'600'000));  // nothing new installed
}

TEST_CASE("a program file renamed over, as dpkg does, shows the running process as replaced", "[update]") {
    CHECK_FALSE(platform::executableReplaced());
    const std::filesystem::path copy = std::filesystem::temp_directory_path() / ("cowork-sleep-" + std::to_string(getpid()));
    std::filesystem::copy_file("/bin/sleep", copy, std::filesystem::copy_options::overwrite_existing);
    const pid_t child = fork();
    if (child == 0) {
        execl(copy.c_str(), copy.c_str(), "5", static_cast<char*>(nullptr));
        _exit(127);
    }
    const std::string link = "/proc/" + std::to_string(child) + "/exe";
    for (int i = 0; i < 100 && std::filesystem::read_symlink(link).string() != copy.string(); ++i) usleep(10'000);
    CHECK_FALSE(platform::executableReplaced(link));
    // The upgrade: a new file renamed over the old one.
    const std::filesystem::path next = copy.string() + ".dpkg-new";
    std::filesystem::copy_file("/bin/sleep", next);
    std::filesystem::rename(next, copy);
    CHECK(platform::executableReplaced(link));
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    std::filesystem::remove(copy);
}
