// cowork-kiosk: the touch screen at a shop counter.
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "app/demo_site.hpp"
#include "app/hub_link.hpp"
#include "app/kiosk_app.hpp"
#include "app/options.hpp"
#include "app/runner.hpp"

int main(int argc, char** argv) {
    using namespace cowork;
    using namespace cowork::kiosk;
    // One malloc arena for every thread: glibc gives each new thread its own
    // (64 MiB reserved), which keeps what the sync worker freed out of the UI's reach.
    mallopt(M_ARENA_MAX, 1);
    // A fixed threshold: freeing the 0.9 MB font atlas copy would otherwise raise
    // it, and the trim threshold to 1.8 MB, so freed start-up memory stayed mapped.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    int exitCode = 0;
    const auto options = parseOptions(argc, argv, exitCode);
    if (!options) return exitCode;
    try {
        std::filesystem::create_directories(options->dataDir);
        const std::string storePath = options->dataDir + "/kiosk.db";
        Store store(storePath);
        // SQLite's default page cache grows to 2 MiB as the visit log does; the
        // screens read a few pages a minute, from the OS's cache when not from this one.
        store.db().exec("PRAGMA cache_size=-256");
        if (!options->enroll.empty()) return enrollFromCommandLine(store, {options->enroll[0], options->enroll[1], options->pin});
        HubLink hub(store, storePath, options->dataDir);
        const Clock clock = options->demo ? systemClock() : hub.clock();
        Catalog catalog = Catalog::load(options->assetsDir + "/i18n");
        if (options->demo) {
            setUpDemoSite(store, options->assetsDir + "/demo/ccsb-network.json", options->demoSite,
                          catalog.textIn(Language::French, "demo.announcement"), clock());
            spdlog::info("mode démonstration : site {}, base {}", options->demoSite, options->dataDir);
            spdlog::info("mode commerçant : appui de 2 s en haut à gauche ; le premier code saisi (6 chiffres ou plus) devient le code");
        }
        KioskApp app(store, std::move(catalog), clock);
        KioskRunner runner(app, options->runner, clock);
        // Stops the worker before the runner it wakes goes, however run() ends.
        const StopsOnExit stopSync(hub);
        if (!options->demo) {
            // The worker wakes the screen through SDL; local writes make it sync soon.
            hub.start([&wake = runner.wakeEvent()] { wake.push(); });
            app.onLocalChange([&hub] { hub.nudge(); });
        }
        runner.run();
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }
    return 0;
}
