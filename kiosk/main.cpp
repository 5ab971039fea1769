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
    mallopt(M_ARENA_MAX, 1);  // one arena for the UI and the sync worker: an arena of its own kept 0.4 MB more
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);  // fixed: freeing the 0.7 MB font files and atlas copy would raise it, and the trim threshold to 1.5 MB
    int exitCode = 0;
    const auto options = parseOptions(argc, argv, exitCode);
    if (!options) return exitCode;
    try {
        std::filesystem::create_directories(options->dataDir);
        const std::string storePath = options->dataDir + "/kiosk.db";
        Store store(storePath);
        store.db().exec("PRAGMA cache_size=-256");  // not the default 2 MiB, which a growing visit log would fill
        if (!options->enroll.empty()) {
            return enrollFromCommandLine(store, {options->enroll[0], options->enroll[1], options->pin}, options->shopkeeperPinFromStdin);
        }
        HubLink hub(store, storePath, options->dataDir);
        const Clock clock = options->demo ? systemClock() : hub.clock();
        Catalog catalog = Catalog::load(options->assetsDir + "/i18n");
        if (options->demo) {
            setUpDemoSite(store, options->assetsDir + "/demo/ccsb-network.json", options->demoSite,
                          catalog.textIn(Language::French, "demo.announcement"), clock());
            spdlog::info("mode démonstration : site {}, base {}", options->demoSite, options->dataDir);
            spdlog::info("mode commerçant : appui de 2 s en haut à gauche ; le premier code saisi (6 à 12 chiffres) devient le code");
        }
        const Clock monotonic = monotonicClock();
        KioskApp app(store, std::move(catalog), clock, monotonic);
        KioskRunner runner(app, options->runner, monotonic);
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
