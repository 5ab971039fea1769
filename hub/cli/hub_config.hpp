#pragma once
// /etc/cowork-hub/hub.conf: the options of `serve` (and the data directory the
// admin commands share with it), one `name = value` line each, as on the
// command line without the dashes. A key applies to the command being run when
// that command has the option (`data` to every command, `listen` to serve
// only); a value given on the command line wins. `--config FILE` (before the
// command) reads another file; the default file is read only when it exists.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

namespace cowork::hub {

inline constexpr const char* kDefaultHubConfig = "/etc/cowork-hub/hub.conf";

// CLI11's TOML reader, with the file's top-level keys handed to the command
// being run. A key that no command knows is refused, naming the key: a typo
// must not be silently ignored.
class HubConfigFile : public CLI::ConfigTOML {
public:
    explicit HubConfigFile(const CLI::App& app) : app_(app) {}
    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;

private:
    const CLI::App& app_;
};

// Adds --config to `app` (call after the subcommands are added).
void readHubConfig(CLI::App& app, const std::string& defaultFile = kDefaultHubConfig);

}  // namespace cowork::hub
