// cowork-kiosk: the touch screen at a shop counter.
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
    int exitCode = 0;
    const auto options = parseOptions(argc, argv, exitCode);
    if (!options) return exitCode;
    try {
        std::filesystem::create_directories(options->dataDir);
        const std::string storePath = options->dataDir + "/kiosk.db";
        Store store(storePath);
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
        if (!options->demo) {
            // The worker wakes the screen through SDL; local writes make it sync soon.
            hub.start([&wake = runner.wakeEvent()] { wake.push(); });
            app.onLocalChange([&hub] { hub.nudge(); });
        }
        runner.run();
        hub.stop();
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }
    return 0;
}
