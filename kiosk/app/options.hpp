#pragma once
// The kiosk's command line: where its store lives, demo mode, the display.
#include <optional>
#include <string>
#include <vector>

#include "app/runner.hpp"

namespace cowork::kiosk {

inline constexpr const char* kDefaultKioskConfig = "/etc/cowork-kiosk/kiosk.conf";

struct KioskOptions {
    std::string dataDir;
    bool demo = false;
    std::string demoSite = "fleurie-boulangerie";
    std::string assetsDir;
    std::vector<std::string> enroll;  // --enroll URL CODE: enroll, then exit
    std::string pin;                  // --pin sha256//…: the hub's key, when no authority vouches for it
    bool shopkeeperPinFromStdin = false;  // --shopkeeper-pin-stdin: the shop's PIN, read so that no shell history keeps it
    RunnerOptions runner;
};

// Parses argv; on --help or an error prints the message and returns the exit code in `exitCode`.
std::optional<KioskOptions> parseOptions(int argc, char** argv, int& exitCode);

// "1024x600" → 1024, 600; false when malformed.
bool parseSize(const std::string& text, int& width, int& height);

}  // namespace cowork::kiosk
