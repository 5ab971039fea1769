#include "app/options.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>

#include "platform/rotation.hpp"

namespace cowork::kiosk {
namespace {

std::string defaultDataDir(bool demo) {
    if (demo) return "/tmp/cowork-kiosk-demo";
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/cowork-kiosk";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/cowork-kiosk";
    return "./cowork-kiosk-data";
}

// Installed (/usr/bin/cowork-kiosk): /usr/share/cowork-kiosk; run from the
// build tree: the sources' assets/. One build serves both, so the Debian
// package is made from the build the tests ran on.
std::string defaultAssetsDir() {
    std::error_code error;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const std::filesystem::path installed = executable.parent_path().parent_path() / "share" / "cowork-kiosk";
        if (std::filesystem::is_directory(installed / "i18n", error)) return installed.string();
    }
    return COWORK_ASSETS_DIR;
}

// In the configuration file as on the command line: the allowed values named, in French.
CLI::Validator rotationValidator() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::size_t used = 0;
            try {
                if (platform::rotationFromDegrees(std::stoi(text, &used)) && used == text.size()) return {};
            } catch (const std::exception&) {
            }
            return "« " + text + " » n’est pas une rotation possible : 0, 90, 180 ou 270 (degrés)";
        },
        "0|90|180|270");
}

}  // namespace

bool parseSize(const std::string& text, int& width, int& height) {
    const auto x = text.find('x');
    if (x == std::string::npos) return false;
    try {
        std::size_t usedW = 0, usedH = 0;
        width = std::stoi(text.substr(0, x), &usedW);
        height = std::stoi(text.substr(x + 1), &usedH);
        return usedW == x && usedH == text.size() - x - 1 && width >= 320 && height >= 240;
    } catch (const std::exception&) {
        return false;
    }
}

std::optional<KioskOptions> parseOptions(int argc, char** argv, int& exitCode) {
    KioskOptions options;
    options.assetsDir = defaultAssetsDir();
    std::string windowed;
    int rotateDegrees = 0;
    CLI::App cli{"cowork-kiosk : l'écran tactile du comptoir (passages, places libres, animation)"};
    cli.add_option("--data", options.dataDir, "dossier de la base du kiosque");
    cli.add_flag("--demo", options.demo, "site de démonstration autonome (réseau de démonstration, sans hub)");
    cli.add_option("--demo-site", options.demoSite, "site du réseau de démonstration où placer le kiosque");
    cli.add_option("--assets", options.assetsDir, "dossier des ressources (i18n/, demo/)");
    cli.add_option("--enroll", options.enroll, "inscrire ce kiosque auprès du hub puis quitter : --enroll URL CODE")
        ->expected(2);
    cli.add_option("--pin", options.pin, "empreinte de la clé du hub (sha256//…, donnée par « cowork-hub pin ») pour --enroll");
    cli.add_flag("--shopkeeper-pin-stdin", options.shopkeeperPinFromStdin,
                 "avec --enroll : lit sur l'entrée standard le code commerçant (6 à 12 chiffres) que le lieu utilisera");
    cli.add_option("--windowed", windowed, "fenêtre LxH au lieu du plein écran, ex. 800x480");
    cli.add_option("--scale", options.runner.scale, "échelle de l'interface, d'après l'écran (1 pour un 7 pouces 800x480)")
        ->check(CLI::Range(0.5, 4.0));
    cli.add_option("--rotate", rotateDegrees,
                   "rotation de l’image, en degrés dans le sens horaire (0, 90, 180 ou 270) : écran monté à l’envers ou en portrait")
        ->check(rotationValidator());
    cli.add_flag("--software", options.runner.display.softwareRenderer, "rendu logiciel SDL");
    cli.add_option("--poll-ms", options.runner.pollStepMs,
                   "pilotes qui ne savent pas attendre (kmsdrm, dummy) : intervalle au repos entre deux lectures des événements")
        ->check(CLI::Range(5, 200));
    cli.add_option("--font", options.runner.fonts.regular, "police normale (TTF)");
    cli.add_option("--bold-font", options.runner.fonts.bold, "police grasse (TTF)");
    cli.add_option("--screen", options.runner.display.screen, "écran où s'afficher, s'il y en a plusieurs (0 pour le premier)")
        ->check(CLI::Range(0, 7));
    // The Debian package's settings (scale, screen…): same names as the options, without the dashes.
    cli.set_config("--config", kDefaultKioskConfig,
                   "fichier de configuration, lu s'il existe ; les options de la ligne de commande l'emportent");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exitCode = cli.exit(e);
        return std::nullopt;
    }
    if (!windowed.empty()) {
        if (!parseSize(windowed, options.runner.display.width, options.runner.display.height)) {
            std::fprintf(stderr, "--windowed : « %s » n'est pas une taille LxH (ex. 800x480)\n", windowed.c_str());
            exitCode = 2;
            return std::nullopt;
        }
        options.runner.display.fullscreen = false;
    }
    options.runner.display.rotation = *platform::rotationFromDegrees(rotateDegrees);  // the validator let only these through
    if (options.dataDir.empty()) options.dataDir = defaultDataDir(options.demo);
    return options;
}

}  // namespace cowork::kiosk
