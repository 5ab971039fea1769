// --rotate and « rotate = » in kiosk.conf: the four angles taken, anything else
// refused with a French message naming them.
#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "../core/test_support.hpp"
#include "app/options.hpp"

using namespace cowork::kiosk;
using cowork::platform::Rotation;

namespace {

struct Parsed {
    std::optional<KioskOptions> options;
    int exitCode = 0;
    std::string errors;  // what the kiosk printed on standard error
};

Parsed parseWithFile(const std::string& config, std::vector<std::string> args) {
    args.insert(args.begin(), {"cowork-kiosk", "--config", config});
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    std::ostringstream errors;
    std::streambuf* const previous = std::cerr.rdbuf(errors.rdbuf());
    Parsed parsed;
    parsed.options = parseOptions(static_cast<int>(argv.size()), argv.data(), parsed.exitCode);
    std::cerr.rdbuf(previous);
    parsed.errors = errors.str();
    return parsed;
}

// Always with a configuration file of our own: the machine's /etc/cowork-kiosk may exist.
Parsed parse(const std::string& configText, std::vector<std::string> args) {
    cowork::testing::TempDir dir;
    const std::string config = dir.file("kiosk.conf");
    std::ofstream(config) << configText;
    return parseWithFile(config, std::move(args));
}

}  // namespace

TEST_CASE("the picture is not turned unless asked", "[options][rotation]") {
    const Parsed parsed = parse("", {});
    REQUIRE(parsed.options);
    CHECK(parsed.options->runner.display.rotation == Rotation::None);
}

TEST_CASE("the command line's --rotate takes 90, 180 and 270 degrees", "[options][rotation]") {
    CHECK(parse("", {"--rotate", "90"}).options->runner.display.rotation == Rotation::Quarter);
    CHECK(parse("", {"--rotate", "180"}).options->runner.display.rotation == Rotation::Half);
    CHECK(parse("", {"--rotate=270"}).options->runner.display.rotation == Rotation::ThreeQuarters);
}

TEST_CASE("kiosk.conf turns the picture with rotate, and the command line wins", "[options][rotation]") {
    CHECK(parse("rotate = 180\n", {}).options->runner.display.rotation == Rotation::Half);
    CHECK(parse("rotate = 180\n", {"--rotate", "0"}).options->runner.display.rotation == Rotation::None);
}

TEST_CASE("a rotation of 45 degrees is refused, naming the allowed values in French", "[options][rotation]") {
    for (const Parsed& parsed : {parse("", {"--rotate", "45"}), parse("rotate = 45\n", {}), parse("", {"--rotate", "quatre-vingt-dix"})}) {
        CHECK_FALSE(parsed.options);
        CHECK(parsed.exitCode != 0);
        INFO(parsed.errors);
        CHECK(parsed.errors.find("n\u2019est pas une rotation possible\u202f: 0, 90, 180 ou 270") != std::string::npos);
    }
}

TEST_CASE("the kiosk.conf the package installs is read as it is: its rotate line leaves the picture unturned", "[options][rotation]") {
    const Parsed parsed = parseWithFile(COWORK_SOURCE_DIR "/packaging/kiosk/kiosk.conf", {});
    INFO(parsed.errors);
    REQUIRE(parsed.options);
    CHECK(parsed.options->runner.display.rotation == Rotation::None);
    CHECK(parsed.options->runner.scale == 1.0f);
}
